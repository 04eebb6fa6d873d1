// termsofuse.review: each agreement with the user's state; pending ones (never accepted, or accepted
// at an older version) are shown in the user's language (else English) to accept or decline, and
// the decision is recorded with its version and time.
import { MessageFactory } from 'botbuilder';
import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { Translator } from '../../bot/core/i18n/i18n.js';
import { turnInfo } from '../../bot/turn/turnInfo.js';
import { agreements, agreementText, decideAgreement, type AgreementView } from '../../bot/core/usecases/account.js';
import type { AccountServices } from '../../bot/core/usecases/services.js';
import { formCard } from '../../cards/formCard.js';
import { CardPrompt } from '../steps/cardPrompt.js';
import { dialogIds } from '../dialogIds.js';
import { actorFor, answerOf, askWithCard, signedInUserId } from '../goalSupport.js';
import { InterruptibleDialog } from '../interruptibleDialog.js';

interface ReviewOptions {
  /** Agreements already answered in this review. */
  readonly answered?: readonly string[];
}

const isPending = (a: AgreementView): boolean => a.status === 'pendingNew' || a.status === 'pendingVersion';

function statusLine(t: Translator, view: AgreementView): string {
  const when = view.acceptance?.recordedDateTime ? t.date(view.acceptance.recordedDateTime) : '';
  switch (view.status) {
    case 'accepted': return t.t('termsOfUse.status.accepted', { when });
    case 'declined': return t.t('termsOfUse.status.declined', { when });
    case 'pendingNew': return t.t('termsOfUse.status.pendingNew');
    case 'pendingVersion': return t.t('termsOfUse.status.pendingVersion', { version: view.acceptance?.agreementVersion ?? '' });
  }
}

export class TermsOfUseDialog extends InterruptibleDialog {
  constructor(private readonly services: AccountServices) {
    super(dialogIds.termsOfUse);
    this.addDialog(new WaterfallDialog(dialogIds.termsOfUseSteps, [this.review.bind(this), this.decide.bind(this)]));
    this.addDialog(new CardPrompt(dialogIds.cardPrompt));
    this.initialDialogId = dialogIds.termsOfUseSteps;
  }

  private async review(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t } = turnInfo(step.context);
    const userId = signedInUserId(step.context);
    if (!userId) return step.endDialog();
    const answered = (step.options as ReviewOptions | undefined)?.answered ?? [];
    const list = await agreements(this.services, userId);
    if (list.length === 0) {
      await step.context.sendActivity(t.t('termsOfUse.none'));
      return step.endDialog();
    }
    if (answered.length === 0) {
      const overview = formCard({
        heading: t.t('termsOfUse.heading'),
        items: list.map((a) => ({ title: `${a.agreement.displayName} (${a.agreement.version})`, subtitle: statusLine(t, a), badge: isPending(a) ? t.t('termsOfUse.pendingBadge') : '' })),
      }, () => ({}));
      await step.context.sendActivity(MessageFactory.attachment(overview, t.t('termsOfUse.summary', { pending: list.filter(isPending).length, total: list.length })));
    }
    const next = list.find((a) => isPending(a) && !answered.includes(a.agreement.id));
    if (!next) {
      if (answered.length === 0) await step.context.sendActivity(t.t('termsOfUse.allDone'));
      return step.endDialog();
    }
    (step.values as { agreementId?: string }).agreementId = next.agreement.id;
    const { text, language } = agreementText(next.agreement, t.locale);
    return askWithCard(step, {
      form: {
        heading: `${next.agreement.displayName} (${next.agreement.version})`,
        lines: [
          ...(language !== t.locale ? [{ text: t.t('termsOfUse.otherLanguage'), warning: true }] : []),
          { text },
          { text: t.t('termsOfUse.askDecision') },
        ],
        buttons: [
          { title: t.t('termsOfUse.accept'), action: 'accept', style: 'positive', values: { agreementId: next.agreement.id } },
          { title: t.t('termsOfUse.decline'), action: 'decline', style: 'destructive', values: { agreementId: next.agreement.id } },
          { title: t.t('termsOfUse.later'), action: 'later', sendsInputs: false },
        ],
      },
    });
  }

  private async decide(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t } = turnInfo(step.context);
    const answer = answerOf(step);
    const userId = signedInUserId(step.context) ?? '';
    const agreementId = (step.values as { agreementId?: string }).agreementId ?? '';
    if ((answer.action !== 'accept' && answer.action !== 'decline') || answer.fields.agreementId !== agreementId) {
      await step.context.sendActivity(t.t('termsOfUse.laterReply'));
      return step.endDialog();
    }
    const accept = answer.action === 'accept';
    const view = (await agreements(this.services, userId)).find((a) => a.agreement.id === agreementId);
    const recorded = await decideAgreement(this.services, actorFor(step.context, userId), agreementId, accept);
    if (!recorded.ok || !view) {
      await step.context.sendActivity(t.t('card.notYours'));
      return step.endDialog();
    }
    const name = `${view.agreement.displayName} (${view.agreement.version})`;
    await step.context.sendActivity(t.t(accept ? 'termsOfUse.accepted' : 'termsOfUse.declined', { agreement: name }));
    const answered = [...((step.options as ReviewOptions | undefined)?.answered ?? []), agreementId];
    return step.replaceDialog(dialogIds.termsOfUseSteps, { answered } satisfies ReviewOptions);
  }
}

// termsofuse.review: each agreement with the user's state; pending ones (never accepted, or accepted
// at an older version) are shown in the user's language (else English) to accept or decline, and
// the decision is recorded with its version and time.
import { agreementText, decidedAt, isPending, type AgreementView } from '../../bot/core/usecases/agreements.js';
import type { UseCases } from '../../bot/core/usecases/useCases.js';
import { agreementForm, agreementName, agreementsCard } from '../../cards/termsOfUseCards.js';
import { stepsOf } from '../dialogIds.js';
import { noteChangeMade } from '../dialogSupport.js';
import { GoalDialog } from '../goalDialog.js';
import { MessageFactory, type DialogTurnResult, type WaterfallStepContext } from '../kit.js';

interface ReviewOptions {
  /** Agreements already answered in this review. */
  readonly answered?: readonly string[];
  /** The agreement is asked again (in a new language): the overview was shown already. */
  readonly again?: boolean;
}
interface ReviewMemory {
  agreementId: string;
}
type ReviewStep = WaterfallStepContext<ReviewOptions>;

export class TermsOfUseDialog extends GoalDialog<ReviewOptions> {
  constructor(useCases: UseCases) {
    super('termsofuse.review', useCases);
    this.steps([this.review, this.decide]);
  }

  private readonly review = async (step: ReviewStep): Promise<DialogTurnResult> => {
    const t = this.t(step);
    const answered = step.options.answered ?? [];
    const list = await this.useCases.agreements.list(this.signedIn(step).id);
    if (list.length === 0) {
      await this.say(step, 'termsOfUse.none');
      return step.endDialog();
    }
    if (answered.length === 0 && !step.options.again) {
      const pending = list.filter(isPending).length;
      const declined = list.filter((a) => a.status === 'declined').length;
      // "Both agreements are waiting", not "2 of the 2"; with none waiting, a declined one offered again below is not "nothing waits".
      const summary = pending === list.length ? t.t('termsOfUse.summaryAll', { total: list.length })
        : pending === 0 && declined > 0 ? t.t('termsOfUse.summaryDeclined', { declined })
          : t.t('termsOfUse.summary', { pending, total: list.length });
      await step.context.sendActivity(MessageFactory.attachment(agreementsCard(t, list), summary));
    }
    // What waits for an answer first; then, once, what was declined (a mis-click must not lock anyone out).
    const open = (a: AgreementView): boolean => !answered.includes(a.agreement.id);
    const next = list.find((a) => isPending(a) && open(a)) ?? list.find((a) => a.status === 'declined' && open(a));
    if (!next) {
      if (answered.length === 0) await this.say(step, 'termsOfUse.allDone');
      return step.endDialog();
    }
    if (next.status === 'declined' && next.acceptance) {
      const recorded = decidedAt(next);
      if (recorded) await this.say(step, 'termsOfUse.reviewDeclined', { agreement: agreementName(t, next.agreement), when: t.date(recorded) });
      else await this.say(step, 'termsOfUse.reviewDeclinedUndated', { agreement: agreementName(t, next.agreement) });
    }
    this.memory<ReviewMemory>(step).agreementId = next.agreement.id;
    const { text, language } = agreementText(next.agreement, t.locale);
    // The agreement's text and title are in the user's language: after a switch of language the card is asked again.
    // The older version the user accepted, for "what changed?" (one they declined is no version they agreed to).
    const accepted = next.status === 'pendingVersion' && next.acceptance?.state === 'accepted' ? next.acceptance.agreementVersion : undefined;
    return this.ask(step, agreementForm(t, next.agreement, text, language !== t.locale ? language : undefined, accepted), { answersLanguage: true });
  };

  private readonly decide = async (step: ReviewStep): Promise<DialogTurnResult> => {
    const answer = this.answer(step);
    const agreementId = this.memory<ReviewMemory>(step).agreementId ?? '';
    if (answer.action === 'language') return step.replaceDialog(stepsOf(this.goal), { answered: step.options.answered ?? [], again: true } satisfies ReviewOptions);
    if (answer.action !== 'accept' && answer.action !== 'decline') {
      await this.say(step, 'termsOfUse.laterReply');
      return step.endDialog();
    }
    // An answer for an agreement other than the one shown (a forged card): refused, and asked again.
    if (answer.fields.agreementId !== agreementId) return this.askAgainAfterRefusedChoice(step, { answered: step.options.answered ?? [] } satisfies ReviewOptions);
    const accept = answer.action === 'accept';
    const recorded = await this.useCases.agreements.decide(this.actor(step, this.signedIn(step).id), agreementId, accept);
    if (!recorded.ok) {
      await this.say(step, 'card.notYours');
      return step.endDialog();
    }
    noteChangeMade(step);
    await this.say(step, accept ? 'termsOfUse.accepted' : 'termsOfUse.declined', { agreement: agreementName(this.t(step), recorded.value) });
    const answered = [...(step.options.answered ?? []), agreementId];
    return step.replaceDialog(stepsOf(this.goal), { answered } satisfies ReviewOptions);
  };
}

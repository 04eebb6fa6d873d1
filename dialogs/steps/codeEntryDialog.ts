// Waits for a one-time code: typed in the card or in the chat. Wrong codes count; a new code can
// be asked for; too many failures lock verification and say until when.
import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { Translator } from '../../bot/core/i18n/i18n.js';
import { turnInfo } from '../../bot/turn/turnInfo.js';
import type { FormLine } from '../../cards/formCard.js';
import { methodLabel } from '../../cards/methodLabels.js';
import { sendCode, type CodeTarget } from '../../bot/core/usecases/codes.js';
import type { AccountServices } from '../../bot/core/usecases/services.js';
import { normalizeCode } from '../../bot/core/usecases/verification.js';
import { dialogIds } from '../dialogIds.js';
import { answerOf, askWithCard, conversationIdOf, sendNoCode, until } from '../goalSupport.js';

export interface CodeEntryOptions {
  readonly challengeId: string;
  readonly target: CodeTarget;
  /** Where the code went, worked out in the user's language each time the card is shown. */
  readonly sentTo: SentTo;
  /** The kind of destination, to say how the code arrives (text, e-mail, app). */
  readonly channel: string;
  /** Set after a wrong code, to say so on the card. */
  readonly problemKey?: string;
  readonly attemptsLeft?: number;
}

export type SentTo =
  | { readonly kind: 'method'; readonly userId: string; readonly methodId: string }
  | { readonly kind: 'address'; readonly text: string }
  | { readonly kind: 'unnamed' };

export type CodeResult =
  | { readonly verified: true; readonly userId?: string; readonly methodId?: string }
  | { readonly verified: false; readonly reason: 'cancelled' | 'locked' | 'throttled' | 'unavailable' };

const looksLikeCode = (text: string): boolean => /^\d{4,10}$/.test(normalizeCode(text));

export class CodeEntryDialog extends WaterfallDialog {
  constructor(private readonly services: AccountServices) {
    super(dialogIds.codeEntry, []);
    this.addStep(this.askForCode.bind(this));
    this.addStep(this.checkCode.bind(this));
  }

  private async askForCode(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t } = turnInfo(step.context);
    const options = step.options as CodeEntryOptions;
    const minutes = Math.max(1, Math.round((await this.services.directory.tenant()).policy.verificationCode.ttlSeconds / 60));
    const how = options.channel === 'microsoftAuthenticator' || options.target.kind === 'pairing' ? 'code.sentToApp' : 'code.sentTo';
    const lines: FormLine[] = [{ text: t.t(how, { destination: await this.destination(t, options.sentTo), minutes }) }];
    if (options.problemKey) lines.unshift({ text: t.t(options.problemKey, { left: options.attemptsLeft ?? 0 }), warning: true });
    return askWithCard(step, {
      acceptsText: true,
      form: {
        heading: t.t(options.target.kind === 'pairing' ? 'code.headingPairing' : 'code.heading'),
        lines,
        inputs: [{ kind: 'text', id: 'code', label: t.t('code.label'), style: 'text', placeholder: t.t('code.placeholder'), maxLength: 12, errorMessage: t.t('code.required') }],
        buttons: [
          { title: t.t('code.verify'), action: 'verify', style: 'positive' },
          { title: t.t('code.resend'), action: 'resend', sendsInputs: false },
          { title: t.t('common.cancel'), action: 'cancel', sendsInputs: false },
        ],
        footer: t.t('code.footer'),
      },
    });
  }

  private async destination(t: Translator, sentTo: SentTo): Promise<string> {
    if (sentTo.kind === 'address') return sentTo.text;
    if (sentTo.kind === 'unnamed') return t.t('passwordReset.yourMethod');
    const method = (await this.services.directory.listAuthenticationMethods(sentTo.userId)).find((m) => m.id === sentTo.methodId);
    return method ? methodLabel(t, method) : t.t('passwordReset.yourMethod');
  }

  private async checkCode(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t } = turnInfo(step.context);
    const options = step.options as CodeEntryOptions;
    const answer = answerOf(step);
    const conversationId = conversationIdOf(step.context);
    const now = this.services.clock.now();
    if (answer.action === 'cancel') return step.endDialog({ verified: false, reason: 'cancelled' } satisfies CodeResult);
    if (answer.action === 'resend') {
      const issued = await sendCode(this.services, options.target, conversationId, t.locale);
      if (!issued?.ok) return step.endDialog({ verified: false, reason: await sendNoCode(step.context, issued, now) } satisfies CodeResult);
      await step.context.sendActivity(t.t('code.resent'));
      return step.replaceDialog(dialogIds.codeEntry, { ...options, challengeId: issued.challengeId, problemKey: undefined });
    }
    const typed = answer.action === 'text' ? answer.fields.text ?? '' : answer.fields.code ?? '';
    if (!looksLikeCode(typed)) {
      return step.replaceDialog(dialogIds.codeEntry, { ...options, problemKey: 'code.notACode' });
    }
    const checked = await this.services.verification.check(options.challengeId, conversationId, typed);
    if (checked.ok) return step.endDialog({ verified: true, userId: checked.userId, methodId: checked.methodId } satisfies CodeResult);
    switch (checked.error) {
      case 'wrong':
        return step.replaceDialog(dialogIds.codeEntry, { ...options, problemKey: 'code.wrong', attemptsLeft: checked.attemptsLeft });
      case 'locked':
        await step.context.sendActivity(t.t('verify.locked', { until: until(t, checked.until, now) }));
        return step.endDialog({ verified: false, reason: 'locked' } satisfies CodeResult);
      case 'exhausted':
        return step.replaceDialog(dialogIds.codeEntry, { ...options, problemKey: 'code.exhausted' });
      default:
        return step.replaceDialog(dialogIds.codeEntry, { ...options, problemKey: 'code.expired' });
    }
  }
}

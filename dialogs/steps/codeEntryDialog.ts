// Waits for a one-time code: typed in the card or in the chat. Wrong codes count; a new code can
// be asked for; too many failures lock verification and say until when.
import type { Translator } from '../../bot/core/i18n/i18n.js';
import type { UseCases } from '../../bot/core/usecases/useCases.js';
import { codeIn, looksLikeCode } from '../../bot/core/usecases/verification.js';
import { markSecretTyped } from '../../bot/turn/conversationHistory.js';
import { methodPhrase } from '../../bot/core/i18n/methodNames.js';
import { codeForm } from '../../cards/verificationCards.js';
import { dialogIds } from '../dialogIds.js';
import { conversationIdOf, sayNoCode, translatorOf } from '../dialogSupport.js';
import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from '../kit.js';
import { ask, cardAnswerOf } from './cardPrompt.js';
import type { CodeEntryOptions, CodeResult, SentTo } from './stepContracts.js';

type CodeStep = WaterfallStepContext<CodeEntryOptions>;

/** Added to the dialog set of whatever sends codes (with a card prompt); it loops by replacing itself. */
export class CodeEntryDialog extends WaterfallDialog<CodeEntryOptions> {
  constructor(private readonly useCases: UseCases) {
    super(dialogIds.codeEntry, []);
    this.addStep(this.askForCode.bind(this));
    this.addStep(this.checkCode.bind(this));
  }

  private async askForCode(step: CodeStep): Promise<DialogTurnResult> {
    const t = translatorOf(step.context);
    const options = step.options;
    return ask(step, {
      acceptsText: true,
      form: codeForm(t, {
        ...(await this.destination(t, options.sentTo)),
        inApp: options.channel === 'microsoftAuthenticator' || options.target.kind === 'pairing',
        pairing: options.target.kind === 'pairing',
        minutes: await this.useCases.codes.minutesValid(),
        digits: await this.useCases.codes.digits(),
        problem: options.problemKey ? { key: options.problemKey, attemptsLeft: options.attemptsLeft } : undefined,
      }),
    });
  }

  /** Where the code went, as a phrase that fits "I sent a code to …"; for the Authenticator, its device's name. */
  private async destination(t: Translator, sentTo: SentTo): Promise<{ destination: string; device?: string }> {
    if (sentTo.kind === 'address') return { destination: sentTo.text, device: sentTo.text };
    if (sentTo.kind === 'unnamed') return { destination: t.t('passwordReset.yourMethod') };
    const method = await this.useCases.securityInfo.method(sentTo.userId, sentTo.methodId);
    if (!method) return { destination: t.t('passwordReset.yourMethod') };
    return { destination: methodPhrase(t, method), device: method.kind === 'microsoftAuthenticator' ? method.displayName : undefined };
  }

  private async checkCode(step: CodeStep): Promise<DialogTurnResult> {
    const t = translatorOf(step.context);
    const options = step.options;
    const answer = cardAnswerOf(step.result);
    const conversationId = conversationIdOf(step.context);
    const now = this.useCases.clock.now();
    if (answer.action === 'cancel') return step.endDialog({ verified: false, reason: 'cancelled' } satisfies CodeResult);
    if (answer.action === 'resend') {
      const sent = await this.useCases.codes.send(options.target, conversationId, t.locale);
      // Too many codes this hour: no new one, but the one sent last still counts until it expires.
      if (!sent.ok && sent.error === 'throttled') {
        await step.context.sendActivity(t.t('code.resendThrottled', { until: t.moment(sent.until, now) }));
        return step.replaceDialog(dialogIds.codeEntry, { ...options, problemKey: undefined } satisfies CodeEntryOptions);
      }
      if (!sent.ok) return step.endDialog({ verified: false, reason: await sayNoCode(step.context, sent, now) } satisfies CodeResult);
      await step.context.sendActivity(t.t('code.resent'));
      return step.replaceDialog(dialogIds.codeEntry, { ...options, challengeId: sent.value.challengeId, problemKey: undefined } satisfies CodeEntryOptions);
    }
    const typed = answer.action === 'text' ? answer.fields.text ?? '' : answer.fields.code ?? '';
    const code = answer.action === 'text' ? codeIn(typed, await this.useCases.codes.digits()) : looksLikeCode(typed) ? typed : undefined;
    if (code === undefined) {
      // Typed in the chat where a code was asked, and no request, question or code: it may be a password typed in the wrong place.
      if (answer.action === 'text') markSecretTyped(step.context);
      return step.replaceDialog(dialogIds.codeEntry, { ...options, problemKey: 'code.notACode' } satisfies CodeEntryOptions);
    }
    const checked = await this.useCases.codes.check(options.challengeId, conversationId, code);
    if (checked.ok) return step.endDialog({ verified: true, userId: checked.value.userId, methodId: checked.value.methodId } satisfies CodeResult);
    switch (checked.error) {
      case 'wrong':
        return step.replaceDialog(dialogIds.codeEntry, { ...options, problemKey: 'code.wrong', attemptsLeft: checked.attemptsLeft } satisfies CodeEntryOptions);
      case 'locked':
        await step.context.sendActivity(t.t('verify.locked', { until: t.moment(checked.until, now) }));
        return step.endDialog({ verified: false, reason: 'locked' } satisfies CodeResult);
      case 'exhausted':
        return step.replaceDialog(dialogIds.codeEntry, { ...options, problemKey: 'code.exhausted' } satisfies CodeEntryOptions);
      default:
        return step.replaceDialog(dialogIds.codeEntry, { ...options, problemKey: 'code.expired' } satisfies CodeEntryOptions);
    }
  }
}

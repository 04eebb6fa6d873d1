// securityinfo.add: after a step-up with an existing method, register a mobile phone or an alternate
// e-mail (proved by a code sent to the new one), or the Authenticator app (guided set-up; in the
// embedded tenant a pairing code on the demo phone completes it).
import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { AuthenticationMethod, NewAuthenticationMethod } from '../../bot/core/ports/directory.js';
import { turnInfo } from '../../bot/turn/turnInfo.js';
import { sendCode, type CodeTarget } from '../../bot/core/usecases/codes.js';
import { addMethod, parseEmail, parseMobileNumber, regionOf } from '../../bot/core/usecases/securityInfo.js';
import type { AccountServices } from '../../bot/core/usecases/services.js';
import type { FormButton, FormInput } from '../../cards/formCard.js';
import { methodLabel } from '../../cards/methodLabels.js';
import { CardPrompt } from '../steps/cardPrompt.js';
import { CodeEntryDialog, type CodeEntryOptions, type CodeResult } from '../steps/codeEntryDialog.js';
import { dialogIds } from '../dialogIds.js';
import { HandoffOfferDialog, noMethodOffer } from '../steps/handoffOfferDialog.js';
import { actorFor, answerOf, askWithCard, conversationIdOf, endCancelled, sendNoCode, signedInUserId } from '../goalSupport.js';
import { InterruptibleDialog } from '../interruptibleDialog.js';
import { StepUpDialog, type StepUpResult } from '../steps/stepUpDialog.js';

type Kind = 'phone' | 'email' | 'authenticator';
const securityInfoUrl = 'https://mysignins.microsoft.com/security-info';
const detailsDialog = `${dialogIds.securityInfoAdd}.details`;

interface DetailsOptions {
  readonly kind: Kind;
  readonly problemKey?: string;
}
interface DetailsValues {
  method?: NewAuthenticationMethod;
}

/** What the user may still add: one mobile and one alternate mobile, one e-mail, Authenticator apps. */
function available(methods: readonly AuthenticationMethod[]): { kinds: Kind[]; phoneType?: 'mobile' | 'alternateMobile' } {
  const has = (type: string): boolean => methods.some((m) => m.kind === 'phone' && m.phoneType === type);
  const phoneType = !has('mobile') ? 'mobile' : !has('alternateMobile') ? 'alternateMobile' : undefined;
  const kinds: Kind[] = [];
  if (phoneType) kinds.push('phone');
  if (!methods.some((m) => m.kind === 'email')) kinds.push('email');
  kinds.push('authenticator');
  return { kinds, phoneType };
}

export class SecurityInfoAddDialog extends InterruptibleDialog {
  constructor(private readonly services: AccountServices) {
    super(dialogIds.securityInfoAdd);
    this.addDialog(new WaterfallDialog(dialogIds.securityInfoAddSteps, [this.stepUp.bind(this), this.chooseKind.bind(this), this.startDetails.bind(this)]));
    this.addDialog(new WaterfallDialog(detailsDialog, [this.askDetails.bind(this), this.sendProof.bind(this), this.add.bind(this)]));
    this.addDialog(new CardPrompt(dialogIds.cardPrompt));
    this.addDialog(new CodeEntryDialog(services));
    this.addDialog(new StepUpDialog(services));
    for (const dialog of HandoffOfferDialog.companions(services)) this.addDialog(dialog);
    this.initialDialogId = dialogIds.securityInfoAddSteps;
  }

  private async stepUp(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const userId = signedInUserId(step.context);
    if (!userId) return step.endDialog();
    return step.beginDialog(dialogIds.stepUp, { userId, purpose: 'stepUp', reasonKey: 'securityInfo.addReason' });
  }

  private async chooseKind(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t } = turnInfo(step.context);
    const result = step.result as StepUpResult;
    if (!result.verified) {
      if (result.reason === 'cancelled') return endCancelled(step);
      if (result.reason === 'noMethod') return step.replaceDialog(dialogIds.handoffOffer, { ...noMethodOffer('securityinfo.add'), headingKey: 'securityInfo.addNoMethod', params: { url: securityInfoUrl } });
      return step.endDialog();
    }
    const { kinds } = available(await this.services.directory.listAuthenticationMethods(signedInUserId(step.context) ?? ''));
    const buttons: FormButton[] = kinds.map((k) => ({ title: t.t(`securityInfo.kind.${k}`), action: k }));
    return askWithCard(step, {
      form: {
        heading: t.t('securityInfo.addHeading'),
        lines: [{ text: t.t('securityInfo.addPick') }],
        buttons: [...buttons, { title: t.t('common.cancel'), action: 'cancel', sendsInputs: false }],
      },
    });
  }

  private async startDetails(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const action = answerOf(step).action;
    if (action !== 'phone' && action !== 'email' && action !== 'authenticator') return endCancelled(step);
    return step.beginDialog(detailsDialog, { kind: action } satisfies DetailsOptions);
  }

  private async askDetails(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t } = turnInfo(step.context);
    const options = step.options as DetailsOptions;
    const lines = options.problemKey ? [{ text: t.t(options.problemKey), warning: true }] : [];
    const input: FormInput =
      options.kind === 'phone' ? { kind: 'text', id: 'phone', label: t.t('securityInfo.phoneLabel'), style: 'tel', placeholder: '+46 70 123 45 67', maxLength: 32 }
        : options.kind === 'email' ? { kind: 'text', id: 'email', label: t.t('securityInfo.emailLabel'), style: 'email', placeholder: 'name@example.net', maxLength: 254 }
          : { kind: 'text', id: 'deviceName', label: t.t('securityInfo.deviceLabel'), style: 'text', placeholder: 'iPhone 15', maxLength: 64 };
    const guide = options.kind === 'authenticator'
      ? ['securityInfo.authenticator.step1', 'securityInfo.authenticator.step2', 'securityInfo.authenticator.step3'].map((key) => ({ text: t.t(key, { url: securityInfoUrl }) }))
      : [{ text: t.t(`securityInfo.${options.kind}Intro`) }];
    return askWithCard(step, {
      form: {
        heading: t.t(`securityInfo.kind.${options.kind}`),
        lines: [...lines, ...guide],
        inputs: [input],
        buttons: [{ title: t.t(options.kind === 'authenticator' ? 'securityInfo.pairButton' : 'securityInfo.sendCodeButton'), action: 'submit', style: 'positive' }, { title: t.t('common.cancel'), action: 'cancel', sendsInputs: false }],
      },
    });
  }

  private async sendProof(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t, identity } = turnInfo(step.context);
    const options = step.options as DetailsOptions;
    const answer = answerOf(step);
    const userId = signedInUserId(step.context) ?? '';
    if (answer.action !== 'submit') return endCancelled(step);
    const methods = await this.services.directory.listAuthenticationMethods(userId);
    let target: CodeTarget;
    let method: NewAuthenticationMethod;
    if (options.kind === 'phone') {
      const phoneType = available(methods).phoneType;
      const region = regionOf(identity.kind === 'user' ? identity.user.preferredLanguage : undefined) ?? regionOf(t.locale === 'en' ? 'en-US' : undefined);
      const phone = parseMobileNumber(answer.fields.phone ?? '', region);
      if (!phone) return step.replaceDialog(detailsDialog, { ...options, problemKey: 'securityInfo.badPhone' });
      if (!phoneType) return step.replaceDialog(detailsDialog, { ...options, problemKey: 'securityInfo.phonesFull' });
      target = { kind: 'newPhone', userId, phoneNumber: phone.display };
      method = { kind: 'phone', phoneNumber: phone.display, phoneType };
    } else if (options.kind === 'email') {
      const email = parseEmail(answer.fields.email ?? '');
      if (!email) return step.replaceDialog(detailsDialog, { ...options, problemKey: 'securityInfo.badEmail' });
      target = { kind: 'newEmail', userId, emailAddress: email };
      method = { kind: 'email', emailAddress: email };
    } else {
      const name = (answer.fields.deviceName ?? '').trim().replace(/[\p{Cc}<>]/gu, '').slice(0, 64);
      if (name === '') return step.replaceDialog(detailsDialog, { ...options, problemKey: 'securityInfo.badDevice' });
      target = { kind: 'pairing', userId, displayName: name };
      method = { kind: 'microsoftAuthenticator', displayName: name };
    }
    const issued = await sendCode(this.services, target, conversationIdOf(step.context), t.locale);
    if (!issued?.ok) {
      await sendNoCode(step.context, issued, this.services.clock.now());
      return step.endDialog();
    }
    (step.values as DetailsValues).method = method;
    const sentTo = method.kind === 'phone' ? method.phoneNumber : method.kind === 'email' ? method.emailAddress : method.displayName;
    return step.beginDialog(dialogIds.codeEntry, { challengeId: issued.challengeId, target, sentTo: { kind: 'address', text: sentTo }, channel: method.kind } satisfies CodeEntryOptions);
  }

  private async add(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t } = turnInfo(step.context);
    const result = step.result as CodeResult;
    if (!result.verified) return result.reason === 'cancelled' ? endCancelled(step) : step.endDialog();
    const method = (step.values as DetailsValues).method;
    if (!method) return step.endDialog();
    const outcome = await addMethod(this.services, actorFor(step.context, signedInUserId(step.context) ?? ''), method);
    await step.context.sendActivity(outcome.ok ? t.t('securityInfo.added', { method: methodLabel(t, outcome.method) }) : t.t(`securityInfo.addFailed.${outcome.error}`));
    return step.endDialog();
  }
}

// securityinfo.add: after a step-up with an existing method, register a mobile phone or an alternate
// e-mail (proved by a code sent to the new one), or the Authenticator app (guided set-up; in the
// embedded tenant a pairing code on the demo phone completes it).
import { addableKindSaid, emailAddressesIn, phoneNumbersIn } from '../../bot/core/nlu/entities.js';
import { portalLinks } from '../../bot/core/portalLinks.js';
import type { AuthenticationMethod, NewAuthenticationMethod } from '../../bot/core/ports/directory.js';
import type { CodeTarget } from '../../bot/core/usecases/codes.js';
import type { AddableKind } from '../../bot/core/usecases/methods.js';
import { cleanDeviceName, parseEmail, parseMobileNumber, regionOf } from '../../bot/core/usecases/securityInfo.js';
import type { UseCases } from '../../bot/core/usecases/useCases.js';
import { methodPhrase } from '../../bot/core/i18n/methodNames.js';
import { addDetailsForm, addKindForm, addTakenCard } from '../../cards/securityInfoCards.js';
import { dialogIds, stepsOf } from '../dialogIds.js';
import { conversationIdOf, sayNoCode } from '../dialogSupport.js';
import { GoalDialog, type GoalOptions } from '../goalDialog.js';
import { MessageFactory, type DialogTurnResult, type WaterfallStepContext } from '../kit.js';
import { CodeEntryDialog } from '../steps/codeEntryDialog.js';
import { codeResultOf, type CodeEntryOptions, type OfferOptions } from '../steps/stepContracts.js';
import { verificationSteps } from '../steps/verificationSteps.js';

const detailsDialog = stepsOf('securityinfo.add', 'details');
const addableKinds: readonly AddableKind[] = ['phone', 'email', 'authenticator'];
const isAddableKind = (value: string): value is AddableKind => addableKinds.some((k) => k === value);

interface DetailsOptions {
  readonly kind: AddableKind;
  readonly problemKey?: string;
  /** The number or address the message gave, filled in on the card (the code still proves it). */
  readonly typed?: string;
}
interface AddMemory {
  /** The kind the message that asked for the goal named, and its number or address, read before the check (which takes turns of its own). */
  kind: AddableKind;
  typed: string;
}
interface DetailsMemory {
  method: NewAuthenticationMethod;
}
type AddStep = WaterfallStepContext<GoalOptions>;
type DetailsStep = WaterfallStepContext<DetailsOptions>;

export class SecurityInfoAddDialog extends GoalDialog {
  constructor(useCases: UseCases) {
    super('securityinfo.add', useCases, [new CodeEntryDialog(useCases), ...verificationSteps(useCases)]);
    this.steps([this.stepUp, this.chooseKind, this.startDetails]);
    this.waterfall<DetailsOptions>(detailsDialog, [this.askDetails, this.sendProof, this.add]);
  }

  /** Nothing to verify with: say where methods are added by hand, and offer the helpdesk. */
  protected override noMethodOffer(): OfferOptions {
    return { ...super.noMethodOffer(), headingKey: 'securityInfo.addNoMethod', params: { url: portalLinks.securityInfo } };
  }

  private readonly stepUp = async (step: AddStep): Promise<DialogTurnResult> => {
    const said = this.saidText(step);
    const kind = addableKindSaid(said, this.t(step).locale, addableKinds);
    // An e-mail when there is one already, a phone when both phones are there: said before any check, with the way to make room.
    if (kind === 'email' || kind === 'phone') {
      const userId = this.signedIn(step).id;
      const { kinds } = await this.useCases.securityInfo.addable(userId);
      if (!kinds.includes(kind)) return this.showTaken(step, kind, await this.useCases.securityInfo.methods(userId));
    }
    const memory = this.memory<AddMemory>(step);
    if (kind) memory.kind = kind;
    const [typed] = kind === 'phone' ? phoneNumbersIn(said) : kind === 'email' ? emailAddressesIn(said) : [];
    if (typed) memory.typed = typed;
    return this.verify(step, 'securityInfo.addReason');
  };

  /** No room for another method of this kind: the ones there are, each with its remove button; the goal ends. */
  private async showTaken(step: AddStep, kind: 'phone' | 'email', methods: readonly AuthenticationMethod[]): Promise<DialogTurnResult> {
    const taken = methods.filter((m) => (kind === 'email' ? m.kind === 'email' : m.kind === 'phone' && m.phoneType !== 'office'));
    await step.context.sendActivity(MessageFactory.attachment(addTakenCard(this.t(step), kind, taken, methods.length)));
    return step.endDialog();
  }

  private readonly chooseKind = async (step: AddStep): Promise<DialogTurnResult> => {
    return this.whenVerified(step, async () => {
      const { kinds, authenticatorPage } = await this.useCases.securityInfo.addable(this.signedIn(step).id);
      // "Add a phone number": the kind asked for, when the user can still add one, skips the choice.
      const said = this.memory<AddMemory>(step).kind;
      if (said && kinds.includes(said)) return step.next({ action: said, fields: {} });
      return this.ask(step, addKindForm(this.t(step), kinds, authenticatorPage));
    });
  };

  private readonly startDetails = async (step: AddStep): Promise<DialogTurnResult> => {
    const { action } = this.answer(step);
    if (!isAddableKind(action)) return this.cancelled(step);
    // Only a kind the card offered: a forged one (a second e-mail, the Authenticator where Graph cannot pair it) goes no further.
    const { kinds } = await this.useCases.securityInfo.addable(this.signedIn(step).id);
    if (!kinds.includes(action)) return this.cancelled(step);
    const memory = this.memory<AddMemory>(step);
    const typed = memory.kind === action ? memory.typed : undefined;
    return step.beginDialog(detailsDialog, { kind: action, typed } satisfies DetailsOptions);
  };

  private readonly askDetails = async (step: DetailsStep): Promise<DialogTurnResult> => {
    // A second mobile number is the alternate phone: the card says so before it is typed.
    const { phoneType } = step.options.kind === 'phone' ? await this.useCases.securityInfo.addable(this.signedIn(step).id) : {};
    return this.ask(step, addDetailsForm(this.t(step), step.options.kind, step.options.problemKey, step.options.typed, phoneType));
  };

  private readonly sendProof = async (step: DetailsStep): Promise<DialogTurnResult> => {
    const t = this.t(step);
    const options = step.options;
    const answer = this.answer(step);
    if (answer.action !== 'submit') return this.cancelled(step);
    const user = this.signedIn(step);
    // What was typed in the message is not offered again once refused.
    const retry = (problemKey: string): Promise<DialogTurnResult> => step.replaceDialog(detailsDialog, { kind: options.kind, problemKey } satisfies DetailsOptions);
    let target: CodeTarget;
    let method: NewAuthenticationMethod;
    if (options.kind === 'phone') {
      const { phoneType } = await this.useCases.securityInfo.addable(user.id);
      // A number typed without a country code is read in the user's country (or the US for English).
      const region = regionOf(user.preferredLanguage) ?? regionOf(t.locale === 'en' ? 'en-US' : undefined);
      const phone = parseMobileNumber(answer.fields.phone ?? '', region);
      if (!phone) return retry('securityInfo.badPhone');
      if (!phoneType) return retry('securityInfo.phonesFull');
      target = { kind: 'newPhone', userId: user.id, phoneNumber: phone.display };
      method = { kind: 'phone', phoneNumber: phone.display, phoneType };
    } else if (options.kind === 'email') {
      const email = parseEmail(answer.fields.email ?? '');
      if (!email) return retry('securityInfo.badEmail');
      if (await this.useCases.securityInfo.isWorkAddress(user, email)) return retry('securityInfo.workEmail');
      target = { kind: 'newEmail', userId: user.id, emailAddress: email };
      method = { kind: 'email', emailAddress: email };
    } else {
      const name = cleanDeviceName(answer.fields.deviceName ?? '');
      if (name === '') return retry('securityInfo.badDevice');
      target = { kind: 'pairing', userId: user.id, displayName: name };
      method = { kind: 'microsoftAuthenticator', displayName: name };
    }
    const sent = await this.useCases.codes.send(target, conversationIdOf(step.context), t.locale);
    if (!sent.ok) {
      await sayNoCode(step.context, sent, this.useCases.clock.now());
      return step.endDialog();
    }
    this.memory<DetailsMemory>(step).method = method;
    const sentTo = method.kind === 'phone' ? method.phoneNumber : method.kind === 'email' ? method.emailAddress : method.displayName;
    return step.beginDialog(dialogIds.codeEntry, { challengeId: sent.value.challengeId, target, sentTo: { kind: 'address', text: sentTo }, channel: method.kind } satisfies CodeEntryOptions);
  };

  private readonly add = async (step: DetailsStep): Promise<DialogTurnResult> => {
    const t = this.t(step);
    const proved = codeResultOf(step.result);
    if (!proved.verified) return proved.reason === 'cancelled' ? this.cancelled(step) : step.endDialog();
    const method = this.memory<DetailsMemory>(step).method;
    if (!method) return step.endDialog();
    const added = await this.useCases.securityInfo.add(this.actor(step, this.signedIn(step).id), method);
    await this.say(step, added.ok ? 'securityInfo.added' : `securityInfo.addFailed.${added.error}`, added.ok ? { method: methodPhrase(t, added.value) } : undefined);
    return step.endDialog();
  };
}

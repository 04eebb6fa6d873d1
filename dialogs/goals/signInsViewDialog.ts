// signins.view: recent sign-ins (time, app, place, device, browser, result), unusual ones marked
// (a failure, a new country). "This wasn't me" starts the guided path, in the card's order: sign out
// everywhere, change the password, then the helpdesk.
import type { GoalIntent } from '../../bot/core/goals.js';
import type { UseCases } from '../../bot/core/usecases/useCases.js';
import { notMeTarget, secureAccountForm, signInsCard, signInsSummary } from '../../cards/signInCards.js';
import { stepsOf } from '../dialogIds.js';
import { noteChangeMade } from '../dialogSupport.js';
import { GoalDialog, type GoalOptions } from '../goalDialog.js';
import { MessageFactory, type DialogTurnResult, type WaterfallStepContext } from '../kit.js';
import type { HandoffOptions } from '../steps/stepContracts.js';
import { HelpdeskTicketDialog } from './helpdeskTicketDialog.js';
import { PasswordChangeDialog } from './passwordChangeDialog.js';

interface SecureMemory {
  changePassword: boolean;
  helpdesk: boolean;
}
interface SignInsOptions extends GoalOptions {
  /** The secure card again, after Continue with every step switched off. */
  readonly nothingChosen?: boolean;
}
type SignInsStep = WaterfallStepContext<SignInsOptions>;

export class SignInsViewDialog extends GoalDialog<SignInsOptions> {
  constructor(useCases: UseCases) {
    super('signins.view', useCases, [new PasswordChangeDialog(useCases), new HelpdeskTicketDialog(useCases)]);
    this.steps([this.show, this.secure, this.changePassword, this.openTicket]);
  }

  private readonly show = async (step: SignInsStep): Promise<DialogTurnResult> => {
    const t = this.t(step);
    if (step.options.target === notMeTarget) return this.ask(step, secureAccountForm(t, step.options.nothingChosen));
    const views = await this.useCases.signIns.recent(this.signedIn(step).id);
    if (views.length === 0) {
      await this.say(step, 'signins.none');
      return step.endDialog();
    }
    await step.context.sendActivity(MessageFactory.attachment(signInsCard(t, views, this.useCases.clock.now()), signInsSummary(t, views)));
    return step.endDialog();
  };

  private readonly secure = async (step: SignInsStep): Promise<DialogTurnResult> => {
    const answer = this.answer(step);
    if (answer.action !== 'secure') return this.cancelled(step);
    const chosen = ['signOut', 'changePassword', 'helpdesk'].filter((id) => answer.fields[id] === 'true');
    // Continue with every step switched off did nothing: said on the card, asked again.
    if (chosen.length === 0) return step.replaceDialog(stepsOf(this.goal), { target: notMeTarget, nothingChosen: true } satisfies SignInsOptions);
    const memory = this.memory<SecureMemory>(step);
    memory.changePassword = answer.fields.changePassword === 'true';
    memory.helpdesk = answer.fields.helpdesk === 'true';
    if (answer.fields.signOut === 'true') {
      const done = await this.useCases.passwords.signOutEverywhere(this.actor(step, this.signedIn(step).id));
      if (done.ok) noteChangeMade(step);
      await this.say(step, done.ok ? 'signout.done' : 'identity.unknownUser');
    }
    return step.next();
  };

  /** In the card's order: the password after the sign-out, the helpdesk last. */
  private readonly changePassword = async (step: SignInsStep): Promise<DialogTurnResult> => {
    if (this.memory<SecureMemory>(step).changePassword) return step.beginDialog('password.change' satisfies GoalIntent);
    return step.next();
  };

  /** The ticket opens whether the password was changed or that step was stopped. */
  private readonly openTicket = async (step: SignInsStep): Promise<DialogTurnResult> => {
    if (!this.memory<SecureMemory>(step).helpdesk) return step.endDialog();
    return step.beginDialog('helpdesk.ticket' satisfies GoalIntent, {
      category: this.ticketCategory, context: { goal: this.goal, step: 'notMe' }, suggestion: { key: 'signins.notMeDescription' },
    } satisfies HandoffOptions);
  };
}

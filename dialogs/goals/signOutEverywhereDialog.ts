// signout.everywhere: Yes / No as in My Account; on Yes every session is revoked, any step-up is
// void, and the bot's own sign-in (its OAuth connection's token for the user) is forgotten. Where
// the bot signs users in itself, a third answer signs out of the assistant only. Should Microsoft
// want a fresh MFA sign-in first (Conditional Access), the user signs in again and the sign-out
// they confirmed is done then.
import type { UseCases } from '../../bot/core/usecases/useCases.js';
import { signOutForm } from '../../cards/passwordCards.js';
import { GoalDialog, type GoalOptions } from '../goalDialog.js';
import type { DialogTurnResult, WaterfallStepContext } from '../kit.js';
import { signOutOfTokenService, signsInWithConnection } from '../steps/signIn.js';

type SignOutStep = WaterfallStepContext<GoalOptions>;

/** The third answer where the bot signs users in itself (OAuth connection): sign out of the assistant only. */
const assistantOnly = 'assistant';

export class SignOutEverywhereDialog extends GoalDialog {
  constructor(useCases: UseCases) {
    super('signout.everywhere', useCases);
    this.steps([this.confirm, this.signOut, this.signOutSignedInAgain]);
  }

  private readonly confirm = async (step: SignOutStep): Promise<DialogTurnResult> => {
    const form = signOutForm(this.t(step));
    const here = signsInWithConnection(step) ? [{ title: this.t(step).t('sso.signOutHere'), action: assistantOnly }] : [];
    return this.ask(step, { ...form, buttons: [...(form.buttons ?? []), ...here] });
  };

  private readonly signOut = async (step: SignOutStep): Promise<DialogTurnResult> => {
    const action = this.answer(step).action;
    if (action === assistantOnly && (await signOutOfTokenService(step))) {
      await this.say(step, 'sso.signedOut');
      return step.endDialog();
    }
    if (action !== 'yes') {
      await this.say(step, 'signout.kept');
      return step.endDialog();
    }
    return this.changeOrSignInAgain(step, false, () => this.signOutEverywhere(step));
  };

  private readonly signOutSignedInAgain = async (step: SignOutStep): Promise<DialogTurnResult> => {
    return this.whenSignedInAgain(step, () => this.changeOrSignInAgain(step, true, () => this.signOutEverywhere(step)));
  };

  private async signOutEverywhere(step: SignOutStep): Promise<DialogTurnResult> {
    const done = await this.useCases.passwords.signOutEverywhere(this.actor(step, this.signedIn(step).id));
    // The token the bot's OAuth connection kept for the user goes too: the next goal that needs it signs in again.
    if (done.ok) await signOutOfTokenService(step);
    await this.say(step, done.ok ? 'signout.done' : 'identity.unknownUser');
    return step.endDialog();
  }
}

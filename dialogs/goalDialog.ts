// The base of a goal dialog: one employee goal from the catalogue, its dialog id the goal's intent.
// A goal that needs a signed-in user ends politely if the user is gone; "verify, then go on" is one
// call and one check, with the same answer everywhere when the check fails; and a view goal (show
// something, done) is one function (`viewGoal`).
import { goalFor, type GoalIntent, type TicketCategory } from '../bot/core/goals.js';
import { DirectoryError, type DirectoryUser } from '../bot/core/ports/directory.js';
import type { Translator } from '../bot/core/i18n/i18n.js';
import type { UseCases } from '../bot/core/usecases/useCases.js';
import { isAccountCapability } from '../bot/core/capabilities.js';
import { AssistantDialog } from './assistantDialog.js';
import { sendSignInRequired } from './replies.js';
import { dialogIds, stepsOf } from './dialogIds.js';
import { changeMadeInGoal, conversationIdOf, signedInUser, translatorOf } from './dialogSupport.js';
import { turnInfo } from '../bot/turn/turnInfo.js';
import type { Dialog, DialogContext, DialogTurnResult, TurnContext, WaterfallStepContext } from './kit.js';
import { isSigningInAgain, signInIds, signsInWithConnection, signOutOfTokenService, type SignedInAgain } from './steps/signIn.js';
import { noMethodOffer, stepUpResultOf, type OfferOptions, type StepUpFailure, type StepUpOptions, type StepUpResult } from './steps/stepContracts.js';

/** What a goal can be started with: the object a card button named (a device, a method, an organization). */
export interface GoalOptions {
  readonly target?: string;
  /** The words that asked for this goal when they were said in an earlier turn (a second request, an answer to 'did you mean'); otherwise the turn's own text is read. */
  readonly said?: string;
}

/** Where a goal's steps note the step-up it asked for: the methods the check may not have used. */
const passedCheckKey = 'passedCheck';
interface PassedCheck {
  readonly changing: readonly string[];
  /** Set once the check passed: until then the goal is in the check itself. */
  readonly passed: boolean;
}

/** The step-up the goal's steps asked for, if any (its waterfall is the bottom of the goal's stack, the first entry). */
function passedCheckOf(dc: DialogContext): PassedCheck | undefined {
  const bottom = dc.stack[0]?.state as { values?: Record<string, unknown> } | undefined;
  const noted = bottom?.values?.[passedCheckKey] as { changing?: unknown } | undefined;
  if (!noted || (noted as { passed?: unknown }).passed !== true || !Array.isArray(noted.changing)) return undefined;
  return { changing: noted.changing.filter((id): id is string => typeof id === 'string'), passed: true };
}

export abstract class GoalDialog<O extends object = GoalOptions> extends AssistantDialog<O> {
  protected constructor(readonly goal: GoalIntent, useCases: UseCases, parts: readonly Dialog[] = []) {
    super(goal, useCases, parts);
  }

  protected override async onBeginDialog(innerDc: DialogContext, options?: O): Promise<DialogTurnResult> {
    return (await this.userGone(innerDc)) ?? (await this.portalOnly(innerDc)) ?? super.onBeginDialog(innerDc, options);
  }

  /** With a directory that cannot do this goal (Graph has no API for it, or an admin did not allow it): Microsoft's page, and the helpdesk. */
  private async portalOnly(dc: DialogContext): Promise<DialogTurnResult | undefined> {
    const plan = this.useCases.plan(this.goal);
    // The offer is in the set of every goal that touches the account (see RootDialog).
    if (plan?.mode !== 'portal' || !isAccountCapability(this.goal)) return undefined;
    const t = translatorOf(dc.context);
    return dc.beginDialog(dialogIds.handoffOffer, {
      headingKey: 'portal.heading',
      params: { goal: t.t(`goal.${this.goal}.title`), url: plan.portal },
      lineKeys: ['portal.explain', 'portal.helpdesk'],
      handoff: { category: goalFor(this.goal).ticketCategory, context: { goal: this.goal, step: 'portal' } },
    } satisfies OfferOptions);
  }

  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    // Signing in again: the token service has no token for the user until they have, so who they are may be unknown meanwhile.
    if (isSigningInAgain(innerDc)) return super.onContinueDialog(innerDc);
    return (await this.userGone(innerDc)) ?? (await this.checkVoided(innerDc)) ?? super.onContinueDialog(innerDc);
  }

  /**
   * A goal that passed a check goes on only while that check holds: a sign-out everywhere or a new
   * password (in this conversation or any other, on any instance) voids it, and so does its window
   * running out. A confirmation pressed after that changes nothing; the goal ends saying why.
   */
  private async checkVoided(dc: DialogContext): Promise<DialogTurnResult | undefined> {
    const passed = passedCheckOf(dc);
    const user = signedInUser(dc.context);
    // Once the goal changed the account (a lost device's sign-out voids the check it passed), what is left of it needs no check.
    if (!passed || !user || changeMadeInGoal(dc)) return undefined;
    if (await this.useCases.stepUp.isFresh(user.id, conversationIdOf(dc.context), passed.changing)) return undefined;
    await dc.context.sendActivity(translatorOf(dc.context).t('verify.voided'));
    return dc.cancelAllDialogs();
  }

  /** A goal for signed-in users whose user is no longer known (signed out, disabled) ends here. */
  private async userGone(dc: DialogContext): Promise<DialogTurnResult | undefined> {
    if (!goalFor(this.goal).signIn || signedInUser(dc.context)) return undefined;
    await sendSignInRequired(dc.context, translatorOf(dc.context));
    return dc.cancelAllDialogs();
  }

  /** The signed-in user, for the goals that need one (guaranteed by the check above). */
  protected signedIn(step: WaterfallStepContext<object>): DirectoryUser {
    const user = this.user(step);
    if (!user) throw new Error(`${this.goal} ran without a signed-in user`);
    return user;
  }

  /**
   * The words that asked for this goal, to read what they name ("leave Fabrikam"): those given with
   * the goal, else this turn's message when it is the one that asked for the goal; never a card's
   * submission, nor a message that asked for something else (a sign-in code, an answer).
   */
  protected saidText(step: WaterfallStepContext<GoalOptions>): string {
    if (step.options.said !== undefined) return step.options.said;
    const info = turnInfo(step.context);
    if (info.isCardSubmission || info.recognition?.intent !== this.goal) return '';
    return step.context.activity.text ?? '';
  }

  /**
   * A choice that is nothing of the user's (another user's id, one removed meanwhile, a forged
   * button): refused, nothing changed, and the goal asks again from its start with a fresh card, so
   * the user is never left with a card that no longer works. `options` must name nothing by
   * themselves (no target, `said: ''`), or the same refused choice would be made again.
   */
  protected async askAgainAfterRefusedChoice(step: WaterfallStepContext<object>, options: object = { said: '' } satisfies GoalOptions): Promise<DialogTurnResult> {
    await this.say(step, 'card.notYours');
    return step.replaceDialog(stepsOf(this.goal), options);
  }

  /** Asks the signed-in user to prove it's them (unless a step-up is still fresh); the next step reads the result with `whenVerified`. */
  protected verify(step: WaterfallStepContext<object>, reasonKey: string, options: Partial<Omit<StepUpOptions, 'reasonKey'>> = {}): Promise<DialogTurnResult> {
    // A step-up the rest of the goal relies on: noted, so every later turn of the goal checks it still holds.
    if ((options.purpose ?? 'stepUp') === 'stepUp') (step.values as Record<string, unknown>)[passedCheckKey] = { changing: options.excludeMethodIds ?? [], passed: false } satisfies PassedCheck;
    return step.beginDialog(dialogIds.stepUp, {
      userId: options.userId ?? this.signedIn(step).id, purpose: options.purpose ?? 'stepUp', excludeMethodIds: options.excludeMethodIds, reasonKey,
    } satisfies StepUpOptions);
  }

  /** Goes on when the check passed; else ends the goal: quietly after a cancel, with a hand-off when no method was left. */
  protected async whenVerified(step: WaterfallStepContext<object>, then: (result: Extract<StepUpResult, { verified: true }>) => Promise<DialogTurnResult>): Promise<DialogTurnResult> {
    const result = stepUpResultOf(step.result);
    if (!result.verified) return this.stopUnverified(step, result.reason);
    const noted = (step.values as Record<string, unknown>)[passedCheckKey] as PassedCheck | undefined;
    if (noted) (step.values as Record<string, unknown>)[passedCheckKey] = { ...noted, passed: true } satisfies PassedCheck;
    return then(result);
  }

  /**
   * After a failed check: quietly after a cancel, a hand-off when no method was left or the check
   * is locked (the lock lasts a while: the helpdesk can check who it is another way); the check said
   * the rest (too many codes).
   */
  protected async stopUnverified(step: WaterfallStepContext<object>, reason: StepUpFailure): Promise<DialogTurnResult> {
    if (reason === 'cancelled') return this.cancelled(step);
    if (reason === 'noMethod') return step.replaceDialog(dialogIds.handoffOffer, this.noMethodOffer());
    if (reason === 'locked') {
      return step.replaceDialog(dialogIds.handoffOffer, {
        headingKey: 'verify.lockedHelp',
        handoff: { category: goalFor(this.goal).ticketCategory, context: { goal: this.goal, step: 'verificationLocked' } },
      } satisfies OfferOptions);
    }
    return step.endDialog();
  }

  /**
   * Runs a credential change the user confirmed. Microsoft refuses some (a password, a sign-in
   * method; with Conditional Access, any) when the user's sign-in is older than a few minutes, and
   * nothing is changed then. Where the bot signs users in through its OAuth connection, the user
   * hears why, the token service forgets the old token and the sign-in card asks for a fresh sign-in;
   * the goal's next step reads how that went with `whenSignedInAgain` and runs the change once more,
   * as `retry`. A retry that meets the rule again (in Teams the card may sign in silently with the
   * same old session), or a bot with no connection, goes to the turn as before: it says to sign in
   * again with the second method and ask again. So the user signs in again at most once per change.
   */
  protected async changeOrSignInAgain(step: WaterfallStepContext<object>, retry: boolean, change: () => Promise<DialogTurnResult>): Promise<DialogTurnResult> {
    try {
      return await change();
    } catch (error) {
      if (retry || !(error instanceof DirectoryError && error.failure === 'freshMfaRequired') || !signsInWithConnection(step)) throw error;
      await this.say(step, 'freshMfa.signInAgain');
      await signOutOfTokenService(step);
      return step.beginDialog(signInIds.again);
    }
  }

  /** After `changeOrSignInAgain`: goes on once the user signed in again; otherwise nothing was changed, and they hear so. */
  protected async whenSignedInAgain(step: WaterfallStepContext<object>, then: () => Promise<DialogTurnResult>): Promise<DialogTurnResult> {
    const signedIn = (step.result as Partial<SignedInAgain> | undefined)?.signedIn === true;
    // Signed in with a token the bot does not use for this user (another account): as good as not signed in.
    if (signedIn && this.user(step)) return then();
    await this.say(step, 'freshMfa.notSignedIn');
    return step.endDialog();
  }

  /** Where a hand-off from this goal is filed (from the goal catalogue). */
  protected get ticketCategory(): TicketCategory {
    return goalFor(this.goal).ticketCategory;
  }

  /** The dead end when no other method can prove it's the user. */
  protected noMethodOffer(): OfferOptions {
    return noMethodOffer(this.goal);
  }
}

/** What a view goal has at hand to show the signed-in user something. */
export interface ViewTurn {
  readonly context: TurnContext;
  readonly t: Translator;
  readonly user: DirectoryUser;
  readonly useCases: UseCases;
  /** The object the goal was started for (a card's button, a number the user typed), if any. */
  readonly target?: string;
}

/** A goal that shows the signed-in user something and is done: the dialog is one function. */
export function viewGoal(goal: GoalIntent, show: (turn: ViewTurn) => Promise<void>): new (useCases: UseCases) => GoalDialog {
  return class ViewGoalDialog extends GoalDialog {
    constructor(useCases: UseCases) {
      super(goal, useCases);
      this.steps([this.view]);
    }

    private readonly view = async (step: WaterfallStepContext<GoalOptions>): Promise<DialogTurnResult> => {
      await show({ context: step.context, t: this.t(step), user: this.signedIn(step), useCases: this.useCases, target: step.options.target });
      return step.endDialog();
    };
  };
}

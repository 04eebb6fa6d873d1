// The root dialog: routes each turn to the goal asked for, by intent or by card action, and answers
// what no goal dialog owns (interruptions, not understood, not signed in, an old card).
import { goalFor, goals, isGoalIntent, type GoalIntent } from '../bot/core/goals.js';
import type { UseCases } from '../bot/core/usecases/useCases.js';
import { refuseCard } from '../bot/turn/cardInvoke.js';
import { turnInfo } from '../bot/turn/turnInfo.js';
import { cardVerbs } from '../cards/cardVerbs.js';
import { dialogIds } from './dialogIds.js';
import { goalDialogs } from './goals/goalDialogs.js';
import { isAccountCapability } from '../bot/core/capabilities.js';
import { HandoffOfferDialog } from './steps/handoffOfferDialog.js';
import { interrupt } from './interruptions.js';
import { ComponentDialog, DialogTurnStatus, MessageFactory, type DialogContext, type DialogInstance, type DialogTurnResult } from './kit.js';
import { sendMenu, sendSignInRequired } from './replies.js';
import { AgentTicketDialog, type AgentTicketOptions, type TicketFocus } from './steps/agentTicketDialog.js';
import type { TicketCommand } from '../bot/core/nlu/ticketCommands.js';
import { maxDescriptionLength } from '../bot/core/usecases/helpdesk.js';
import { maskPasswords, redact } from '../bot/core/usecases/redaction.js';
import { ask, CardPrompt, cardAnswerOf, describesGoalGoingOn } from './steps/cardPrompt.js';
import { changeMadeInGoal, stoppedByUser } from './dialogSupport.js';
import { didYouMeanCard, secondRequestForm } from '../cards/requestCards.js';
import type { SecondRequest } from '../bot/core/nlu/recognizer.js';
import type { GoalOptions } from './goalDialog.js';
import type { HandoffOptions } from './steps/stepContracts.js';
import { TaskDialog, type TaskOptions } from './steps/taskDialog.js';
import { signInDialogs, signInIds, type SignInOptions, type SignInSettings } from './steps/signIn.js';

/** Words of the user's kept in conversation state (to read what a later goal names): never a password typed in them. */
const keptWords = (text: string | undefined): string | undefined => (text === undefined ? undefined : maskPasswords(text).text);

/** A message of a few words at most, one of which looks like a password. */
const looksLikeBarePassword = (text: string | undefined): boolean =>
  text !== undefined && text.trim().split(/\s+/).length <= 3 && maskPasswords(text).masked;

/** How sure the recognizer must be before words in the middle of a goal start another one. */
const switchThreshold = 0.7;

/**
 * What the root keeps in its own dialog state (conversation state) while the goal it started runs:
 * a second request of the message that started it, and whether it was offered. The request is the
 * user's words: kept for the offer, never logged.
 */
interface Pending {
  also?: SecondRequest;
  offered?: boolean;
}

/** The root's own state, from its inner dialog context (the root is the active dialog of the outer stack). */
function pendingOf(innerDc: DialogContext): Pending {
  const root: DialogInstance<{ pending?: Pending }> | undefined = innerDc.parent?.activeDialog;
  if (!root) throw new Error('The root dialog is not active');
  return (root.state.pending ??= {});
}

export class RootDialog extends ComponentDialog {
  /**
   * `focus`: where the ticket an agent last worked on is kept (the "it" of typed commands);
   * `signIn`: the bot's OAuth connection, for the goals that need the user's own token.
   */
  constructor(private readonly useCases: UseCases, private readonly focus: TicketFocus, private readonly signIn?: SignInSettings) {
    super(dialogIds.root);
    for (const goal of goals) {
      const dialog = new goalDialogs[goal.intent](useCases);
      if (dialog.id !== goal.intent) throw new Error(`The dialog of ${goal.intent} has the id ${dialog.id}`);
      // A goal that touches the account may be portal-only with this directory: it then offers the helpdesk.
      if (isAccountCapability(goal.intent) && dialog instanceof ComponentDialog && !dialog.findDialog(dialogIds.handoffOffer)) {
        for (const part of HandoffOfferDialog.withTicketForm(useCases)) dialog.addDialog(part);
      }
      this.addDialog(dialog);
    }
    this.addDialog(new CardPrompt());
    this.addDialog(new AgentTicketDialog(useCases, focus));
    this.addDialog(new TaskDialog(useCases));
    if (signIn) {
      for (const part of signInDialogs(signIn, (dc, { goal, target, task, said }) => this.startGoal(dc, goal, target, task, true, said))) this.addDialog(part);
    }
  }

  protected override async onBeginDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    return this.afterGoal(innerDc, await this.route(innerDc));
  }

  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    return this.afterGoal(innerDc, await this.continueGoal(innerDc));
  }

  private async continueGoal(innerDc: DialogContext): Promise<DialogTurnResult> {
    const info = turnInfo(innerDc.context);
    // Anger hands the conversation to a person: what else the message asked for is not offered after that.
    if (info.smallTalk === 'frustration') pendingOf(innerDc).also = undefined;
    // A click on a menu button or a new goal card switches to that goal, whatever was going on.
    if (info.cardAction?.verb === cardVerbs.startGoal || info.cardAction?.verb === cardVerbs.ticketAction) {
      await innerDc.cancelAllDialogs();
      return this.route(innerDc);
    }
    // Asking in words for another goal, or typing a ticket command, leaves the current goal (nothing
    // of it was changed yet), as a button on another card would.
    const intent = info.recognition?.intent;
    // At the helpdesk form, a request for the goal going on ("someone in Brazil signed in to my account") describes it.
    const switching = info.ticketCommand || (isGoalIntent(intent) && (info.recognition?.score ?? 0) >= switchThreshold && !info.inputTooLong && !info.languageSwitch
      && !describesGoalGoingOn({ dialogStack: innerDc.stack }, intent, innerDc.context.activity.text ?? ''));
    const pending = pendingOf(innerDc);
    if (pending.offered && (switching || intent === 'cancel')) {
      // At "You also asked …: shall I?" the first goal is over (and may have changed something):
      // "stop" is a No, and another request simply starts, without "nothing was changed".
      await innerDc.cancelAllDialogs();
      if (switching) return this.route(innerDc);
      pending.also = undefined;
      pending.offered = false;
      await innerDc.context.sendActivity(info.t.t('also.declined'));
      return { status: DialogTurnStatus.complete };
    }
    if (switching) {
      const changed = changeMadeInGoal(innerDc);
      // The same goal asked for again (before it changed anything) simply starts afresh: nothing was left.
      const again = innerDc.stack[0]?.id === intent && !changed;
      await innerDc.cancelAllDialogs();
      if (!again) await innerDc.context.sendActivity(info.t.t(changed ? 'goal.switchedAfterChange' : 'goal.switched'));
      return this.route(innerDc);
    }
    return (await interrupt(innerDc)) ?? super.onContinueDialog(innerDc);
  }

  /**
   * When the goal ended (done, or ended by the bot) and its message asked for something else too:
   * "You also asked …: shall I?", and on Yes that goal, with the words that asked for it. Not after
   * the user stopped the goal: they are then asked nothing more.
   */
  private async afterGoal(dc: DialogContext, result: DialogTurnResult): Promise<DialogTurnResult> {
    if (result.status !== DialogTurnStatus.complete) return result;
    const pending = pendingOf(dc);
    const also = pending.also;
    pending.also = undefined;
    if (!also || (!pending.offered && stoppedByUser(dc.context))) return result;
    if (pending.offered) {
      pending.offered = false;
      if (cardAnswerOf(result.result).action === 'yes') return this.afterGoal(dc, await this.startGoal(dc, also.intent, undefined, undefined, false, also.said));
      await dc.context.sendActivity(turnInfo(dc.context).t.t('also.declined'));
      return result;
    }
    pending.also = also;
    pending.offered = true;
    return ask(dc, { form: secondRequestForm(turnInfo(dc.context).t, also.intent) });
  }

  /** With no goal going on: the interruption, the card's action or the intent decides. */
  private async route(dc: DialogContext): Promise<DialogTurnResult> {
    // A new request: whatever an earlier message also asked for is no longer waiting.
    const pending = pendingOf(dc);
    pending.also = undefined;
    pending.offered = false;
    const interrupted = await interrupt(dc);
    if (interrupted) return interrupted;
    const info = turnInfo(dc.context);
    const { t } = info;
    if (info.isCardSubmission) {
      const action = info.cardAction;
      if (!action) {
        await refuseCard(dc.context, t.t('card.unknown'));
      } else if (action.verb === cardVerbs.startGoal) {
        return this.startGoal(dc, action.goal, action.target, action.task);
      } else if (action.verb === cardVerbs.ticketAction) {
        return dc.beginDialog(dialogIds.agentTicket, { ticket: action.ticket, act: action.act } satisfies AgentTicketOptions);
      } else if (action.verb === cardVerbs.reportProfileError) {
        // The profile is managed by the organization: the helpdesk corrects it, with a ticket.
        const goal: GoalIntent = 'profile.view';
        return dc.beginDialog('helpdesk.ticket', { category: goalFor(goal).ticketCategory, context: { goal } } satisfies HandoffOptions);
      } else {
        // A step of a goal that is no longer going on: an old, replayed or forged card.
        await refuseCard(dc.context, t.t('card.stale'));
      }
      return dc.endDialog();
    }
    if (info.ticketCommand) return this.ticketCommand(dc, info.ticketCommand);
    const recognition = info.recognition;
    const intent = recognition?.intent ?? 'None';
    // "what's happening with INC-000104?": that ticket, not the whole list (nor the menu).
    if (info.ticketNumber && (intent === 'ticket.status' || intent === 'None')) return this.ticketCommand(dc, { act: 'open', ticket: info.ticketNumber });
    if (!isGoalIntent(intent)) {
      // "Summer-2026!" on its own, with nothing asked: a password typed in the wrong place, said so (it is masked in the transcript).
      if (looksLikeBarePassword(dc.context.activity.text)) await dc.context.sendActivity(t.t('none.looksLikePassword'));
      else await sendMenu(dc.context, t, 'none.intro');
      return dc.endDialog();
    }
    // Two goals read about as likely, neither surely: the user picks, rather than the bot guessing.
    if (recognition?.runnerUp) {
      const card = didYouMeanCard(t, [intent, recognition.runnerUp]);
      await dc.context.sendActivity(MessageFactory.attachment(card, undefined, t.t('didYouMean.heading')));
      return dc.endDialog();
    }
    // The user's words are kept in conversation state until the offer: a password typed in them is masked first.
    pending.also = recognition?.also ? { ...recognition.also, said: keptWords(recognition.also.said) ?? '' } : undefined;
    return this.startGoal(dc, intent);
  }

  /**
   * A typed ticket command works as the ticket's buttons do, with the same checks (AgentTicketDialog).
   * To anyone but an agent, "open INC-000123" is the status of one of their own tickets.
   */
  private async ticketCommand(dc: DialogContext, command: TicketCommand): Promise<DialogTurnResult> {
    const { identity, t } = turnInfo(dc.context);
    const agent = identity.kind === 'user' && (await this.useCases.helpdesk.isAgent(identity.user.id));
    if (!agent && command.act === 'open' && command.ticket) return this.startGoal(dc, 'ticket.status', command.ticket);
    const ticket = command.ticket ?? (await this.focus.get(dc.context));
    if (!ticket) {
      await dc.context.sendActivity(t.t('agent.whichTicket'));
      return dc.endDialog();
    }
    // The typed comment only fills in the form (the agent's press on its button resolves); a code in it is not kept.
    const note = command.note === undefined ? undefined : redact(command.note).slice(0, maxDescriptionLength);
    return dc.beginDialog(dialogIds.agentTicket, { ticket, act: command.act, ...(note ? { note } : {}) } satisfies AgentTicketOptions);
  }

  /** Starts a goal (after signing in where it needs the user's own token); `said`: the words that asked for it, when said in an earlier turn. */
  private async startGoal(dc: DialogContext, intent: GoalIntent, target?: string, task?: string, signedIn = false, said?: string): Promise<DialogTurnResult> {
    if (!signedIn && this.needsSignIn(dc, intent)) {
      // The goal starts on a later turn (the sign-in's): the words that asked for it go with it ("leave Fabrikam").
      const info = turnInfo(dc.context);
      const asked = !info.isCardSubmission && info.recognition?.intent === intent ? dc.context.activity.text : undefined;
      return dc.beginDialog(signInIds.flow, { goal: intent, target, task, said: keptWords(said ?? asked) } satisfies SignInOptions);
    }
    const { identity, t } = turnInfo(dc.context);
    if (goalFor(intent).signIn && identity.kind !== 'user') {
      await sendSignInRequired(dc.context, t);
      return dc.endDialog();
    }
    if (task) {
      // A task the helpdesk sent back: finishing it resolves the ticket.
      return dc.beginDialog(dialogIds.task, { goal: intent, ticket: task, target, since: this.useCases.clock.now().toISOString() } satisfies TaskOptions);
    }
    const words = keptWords(said);
    const options: GoalOptions = { ...(target ? { target } : {}), ...(words ? { said: words } : {}) };
    return dc.beginDialog(intent, target || said ? options : undefined);
  }

  /** With an OAuth connection: a goal done with the user's own token, or a Teams user the directory could not find without one. */
  private needsSignIn(dc: DialogContext, intent: GoalIntent): boolean {
    if (!this.signIn || !goalFor(intent).signIn) return false;
    const { identity } = turnInfo(dc.context);
    if (identity.kind === 'user') return this.useCases.plan(intent)?.mode === 'delegated';
    return identity.reason === 'unknownUser' && dc.context.activity.channelId === 'msteams';
  }
}

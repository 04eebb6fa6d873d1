// The activity handler: thin on purpose. It prepares the turn, greets newcomers, runs the root
// dialog and saves state; every rule lives in the dialogs and use cases. In a group chat or a
// channel it answers only when @mentioned, and takes anything about a person's account to that
// person's personal chat.
import { ActivityHandler, type AdaptiveCardInvokeResponse, type AdaptiveCardInvokeValue, type ConversationState, type StatePropertyAccessor, type TurnContext, type UserState } from 'botbuilder';
import { DialogSet, DialogTurnStatus, type Dialog, type DialogState } from 'botbuilder-dialogs';
import { sendWelcome } from '../../dialogs/welcome.js';
import { cardVerbs } from '../../cards/cardVerbs.js';
import { isGoalIntent } from '../core/goals.js';
import { isSignInWaiting } from '../../dialogs/steps/signIn.js';
import { setCardNonces, type CardNonceLedger } from '../turn/cardNonces.js';
import type { ConversationHistory } from '../turn/conversationHistory.js';
import type { ConversationReferences } from '../core/ports/proactive.js';
import { referenceOf } from './proactiveMessenger.js';
import { localeTag } from '../core/i18n/i18n.js';
import type { Logger } from '../logger.js';
import { setTurnInfo, turnInfoIfSet, type TurnInfo } from '../turn/turnInfo.js';
import type { TurnPreparation } from './turnPreparation.js';
import type { PersonalChats } from './personalChat.js';
import { isCardClick, isForBot, isSharedConversation, removeBotMention } from './sharedConversation.js';
import { invokeMessage, type TeamsCards } from './teamsCards.js';
import { cardRefused } from '../turn/cardInvoke.js';
import { shareDialogStateConfiguration } from './dialogStateConfiguration.js';

export interface AccountBotDependencies {
  readonly conversationState: ConversationState;
  readonly userState: UserState;
  readonly dialogState: StatePropertyAccessor<DialogState>;
  /** Kept in conversation state: the conversation was greeted (Teams announces an install twice). */
  readonly welcomed: StatePropertyAccessor<boolean>;
  readonly rootDialog: Dialog;
  readonly preparation: TurnPreparation;
  /** The organization's name, for the greeting. */
  readonly organizationName: () => Promise<string>;
  readonly history: ConversationHistory;
  /** Where each known user last talked to the bot in private, for proactive messages. */
  readonly references: ConversationReferences;
  /** The users' personal chats, for what a group chat or channel must not see. */
  readonly personalChats?: PersonalChats;
  /** Where the one-time nonces of the cards are spent. */
  readonly cardNonces: CardNonceLedger;
  /** Teams' action model for the cards: Action.Execute and its invoke. */
  readonly teamsCards: TeamsCards;
  readonly now: () => Date;
  readonly logger: Logger;
  /** Teams users sign in at their first request (single sign-on): one the directory cannot place yet is still greeted. */
  readonly signInLater?: boolean;
}

/** What a message in a group chat or channel asks that only its sender may see (an invoke from a card there answers to the same rule): any goal (each shows or changes their account, a ticket or a code), an agent's ticket card, a ticket named or worked by typing, anger (it opens a ticket). */
export function isForSenderOnly(info: TurnInfo): boolean {
  if (info.inputTooLong || info.languageSwitch) return false;
  if (info.ticketCommand || info.ticketNumber) return true;
  if (info.isCardSubmission) {
    const verb = info.cardAction?.verb;
    return verb === cardVerbs.startGoal || verb === cardVerbs.ticketAction || verb === cardVerbs.reportProfileError;
  }
  if (info.smallTalk) return info.smallTalk === 'frustration';
  return isGoalIntent(info.recognition?.intent);
}

export class AccountBot extends ActivityHandler {
  /** The root dialog's set: it keeps nothing of a turn (the stack is in conversation state), so one serves every turn. */
  private readonly dialogs: DialogSet;

  constructor(private readonly deps: AccountBotDependencies) {
    super();
    this.dialogs = new DialogSet(deps.dialogState).add(deps.rootDialog);
    // The OAuth prompt's answers: a token sent by Web Chat or the Emulator (Teams' come as invokes).
    this.onTokenResponseEvent(async (context, next) => {
      await this.continueSignIn(context);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      if (this.greetsNewMembers(context)) await this.welcome(context);
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      // "add-upgrade" is a new version of an app that is already here: nothing to greet.
      if (context.activity.action === 'add') await this.welcome(context);
      await next();
    });
    this.onInstallationUpdateRemove(async (context, next) => {
      if (context.activity.action === 'remove') await this.removed(context);
      await next();
    });
    // A reaction (a thumbs-up on a reply) asks nothing: no reply, nothing stored.
    this.onMessageReaction(async (_context, next) => next());
  }

  /**
   * The root dialog's turn. botbuilder's runDialog does the same for a bot that is not a skill, and
   * besides builds, loads and saves the dialog memory scopes (which nothing here reads) and a memory
   * snapshot for the Emulator's inspector, every turn: about 3 % of a turn's CPU. The state is saved
   * once, at the end of the turn (run): a save here too would write twice, and the second save,
   * made after the first has taken the version it read, would no longer be checked against a
   * concurrent turn of the conversation.
   */
  private async runRoot(context: TurnContext): Promise<void> {
    const dc = await this.dialogs.createContext(context);
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dc.beginDialog(this.deps.rootDialog.id);
  }

  /** Teams' sign-in invokes (signin/tokenExchange, signin/verifyState) go to the waiting sign-in prompt, which answers them. */
  protected override async onSignInInvoke(context: TurnContext): Promise<void> {
    await this.continueSignIn(context);
  }

  /** Continues the dialog waiting for a sign-in; with none waiting (an old card, another card open), nothing changes. */
  private async continueSignIn(context: TurnContext): Promise<void> {
    if (!isSignInWaiting(await this.deps.dialogState.get(context))) return;
    setTurnInfo(context, await this.deps.preparation.prepare(context));
    await this.runRoot(context);
  }

  private async message(context: TurnContext): Promise<void> {
    if (isSharedConversation(context.activity)) await this.sharedMessage(context);
    else await this.personalMessage(context);
  }

  private async personalMessage(context: TurnContext): Promise<void> {
    const { deps } = this;
    // Teams lets people @mention the bot in its own chat too.
    removeBotMention(context.activity);
    const info = await deps.preparation.prepare(context);
    setTurnInfo(context, info);
    if (info.identity.kind === 'user') await deps.references.save(info.identity.user.id, referenceOf(context.activity, info.t.locale));
    await deps.history.record(context, () => this.runRoot(context), deps.now);
  }

  /**
   * A group chat or channel: silence unless the bot is @mentioned (nothing is read or stored), then
   * the text without the mention. Help, the menu and small talk are answered there; anything about
   * the sender's account goes on in their personal chat. Nothing of it is kept as their transcript,
   * which would carry other people's words.
   */
  private async sharedMessage(context: TurnContext): Promise<void> {
    if (!isForBot(context.activity)) return;
    removeBotMention(context.activity);
    const bareMention = context.activity.text === '' && !isCardClick(context.activity);
    const prepared = await this.deps.preparation.prepare(context);
    // "@Account assistant" and nothing else: what can it do here?
    const info: TurnInfo = bareMention ? { ...prepared, recognition: { intent: 'help', score: 1, locale: prepared.t.locale } } : prepared;
    setTurnInfo(context, info);
    if (!isForSenderOnly(info)) {
      await this.runRoot(context);
      return;
    }
    await context.sendActivity(await this.goPrivate(context, info));
  }

  /** Takes the sender's request to their personal chat; says so, or that no private chat could be opened, in the group. */
  private async goPrivate(context: TurnContext, info: TurnInfo): Promise<string> {
    const userId = info.identity.kind === 'user' ? info.identity.user.id : undefined;
    const reached = (await this.deps.personalChats?.continueWith(context.activity, userId, (personal) => this.continuePrivately(personal, info))) ?? false;
    return info.t.t(reached ? 'group.sentPrivately' : 'group.privateChatUnavailable');
  }

  /** The request from a group chat, in the sender's personal chat: what was going on there gives way to it. */
  private async continuePrivately(context: TurnContext, info: TurnInfo): Promise<void> {
    this.prepareContext(context);
    setTurnInfo(context, info);
    const dc = await this.dialogs.createContext(context);
    await context.sendActivity(info.t.t('group.continuedHere'));
    if (dc.activeDialog) {
      await dc.cancelAllDialogs();
      await context.sendActivity(info.t.t('goal.switched'));
    }
    await dc.beginDialog(this.deps.rootDialog.id);
    await this.deps.conversationState.saveChanges(context, false);
    await this.deps.userState.saveChanges(context, false);
  }

  /** Someone joined: in a personal chat or the web chat, the user; on Teams also the bot itself (the app installed); in a group only the bot (new members of a team are not greeted one by one). */
  private greetsNewMembers(context: TurnContext): boolean {
    const activity = context.activity;
    const added = activity.membersAdded ?? [];
    const botAdded = added.some((m) => m.id === activity.recipient?.id);
    if (isSharedConversation(activity)) return botAdded;
    return added.some((m) => m.id !== activity.recipient?.id) || (botAdded && activity.channelId === 'msteams');
  }

  /** Greets once per conversation: Teams sends both an installationUpdate and a conversationUpdate for one install. */
  private async welcome(context: TurnContext): Promise<void> {
    const { deps } = this;
    if (await deps.welcomed.get(context, false)) return;
    await deps.welcomed.set(context, true);
    const info = await deps.preparation.prepare(context);
    setTurnInfo(context, info);
    if (isSharedConversation(context.activity)) {
      await context.sendActivity(info.t.t('group.welcome', { organization: await deps.organizationName() }));
      return;
    }
    const start = await sendWelcome(context, info, await deps.organizationName(), { signInLater: deps.signInLater });
    if (start) {
      // As if the newcomer had asked for it.
      setTurnInfo(context, { ...info, recognition: { intent: start, score: 1, locale: info.t.locale } });
      await this.runRoot(context);
    }
  }

  /** A Teams Action.Execute: the turn its Action.Submit message would run, answered with the card to show in its place. */
  protected override async onAdaptiveCardInvoke(context: TurnContext, value: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    const deps = this.deps;
    const info = await deps.preparation.prepare(context);
    setTurnInfo(context, info);
    // A menu button pressed in a group chat or channel: the goal goes on in the presser's personal chat, as a typed request would.
    if (isSharedConversation(context.activity) && isForSenderOnly(info)) return invokeMessage(await this.goPrivate(context, info));
    return deps.teamsCards.answer(context, value, info, async () => {
      // In a group chat or channel (the menu, help): no reference and no transcript kept, as for its messages.
      if (isSharedConversation(context.activity)) {
        await this.runRoot(context);
        return;
      }
      if (info.identity.kind === 'user') await deps.references.save(info.identity.user.id, referenceOf(context.activity, info.t.locale));
      await deps.history.record(context, () => this.runRoot(context), deps.now);
    });
  }

  /** The app was removed from this conversation: nothing more is sent there, and no proactive message looks for it. */
  private async removed(context: TurnContext): Promise<void> {
    const activity = context.activity;
    const conversationId = activity.conversation?.id ?? '';
    const info = await this.deps.preparation.prepare(context);
    const userId = info.identity.kind === 'user' ? info.identity.user.id : undefined;
    const referenceCleared = userId !== undefined && (await this.deps.references.forget(userId, conversationId));
    // The conversation's state goes too (a card left waiting, the greeting): a new install starts afresh.
    await this.deps.conversationState.delete(context);
    this.deps.logger.info('app removed from a conversation', {
      channelId: activity.channelId, conversationType: activity.conversation?.conversationType, conversationId, userId, referenceCleared,
    });
  }

  /** What every turn context of this bot needs, whether a request brought it or the bot opened it. */
  private prepareContext(context: TurnContext): void {
    shareDialogStateConfiguration(context);
    setCardNonces(context, this.deps.cardNonces);
    this.deps.teamsCards.adapt(context, (ctx) => turnInfoIfSet(ctx)?.t);
    // Replies carry the language they are written in, not the one the channel asked for (their
    // text is plain for every context of the adapter, see plainTextReplies.ts).
    context.onSendActivities(async (ctx, activities, next) => {
      const info = turnInfoIfSet(ctx);
      if (info) for (const activity of activities) activity.locale = localeTag(info.t.locale);
      return next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    this.prepareContext(context);
    // A message, most turns, goes straight to its handler: ActivityHandler would pass it through
    // its events (Turn, Message, Dialog), for which nothing here registers a handler.
    if (context.activity.type === 'message') await this.message(context);
    else await super.run(context);
    // A refused press changed nothing: nothing is saved, so it cannot undo the turn that acted on that card.
    if (cardRefused(context)) return;
    await this.deps.conversationState.saveChanges(context, false);
    await this.deps.userState.saveChanges(context, false);
  }
}

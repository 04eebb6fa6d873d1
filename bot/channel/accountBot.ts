// The activity handler: thin on purpose. It prepares the turn, greets newcomers, runs the root
// dialog and saves state; every rule lives in the dialogs and use cases.
import { ActivityHandler, type AdaptiveCardInvokeResponse, type AdaptiveCardInvokeValue, type ConversationState, type StatePropertyAccessor, type TurnContext, type UserState } from 'botbuilder';
import { runDialog, type Dialog, type DialogState } from 'botbuilder-dialogs';
import { sendWelcome } from '../../dialogs/welcome.js';
import { setCardNonces, type CardNonceLedger } from '../turn/cardNonces.js';
import type { ConversationHistory } from '../turn/conversationHistory.js';
import type { ConversationReferences } from '../core/ports/proactive.js';
import { referenceOf } from './proactiveMessenger.js';
import { localeTag } from '../core/i18n/i18n.js';
import { setTurnInfo, turnInfoIfSet } from '../turn/turnInfo.js';
import type { TurnPreparation } from './turnPreparation.js';
import type { TeamsCards } from './teamsCards.js';

export interface AccountBotDependencies {
  readonly conversationState: ConversationState;
  readonly userState: UserState;
  readonly dialogState: StatePropertyAccessor<DialogState>;
  readonly rootDialog: Dialog;
  readonly preparation: TurnPreparation;
  /** The organization's name, for the greeting. */
  readonly organizationName: () => Promise<string>;
  readonly history: ConversationHistory;
  /** Where each known user last talked to the bot, for proactive messages. */
  readonly references: ConversationReferences;
  /** Where the one-time nonces of the cards are spent. */
  readonly cardNonces: CardNonceLedger;
  /** Teams' action model for the cards: Action.Execute and its invoke. */
  readonly teamsCards: TeamsCards;
  readonly now: () => Date;
}

export class AccountBot extends ActivityHandler {
  constructor(private readonly deps: AccountBotDependencies) {
    super();
    this.onMessage(async (context, next) => {
      const info = await deps.preparation.prepare(context);
      setTurnInfo(context, info);
      if (info.identity.kind === 'user') await deps.references.save(info.identity.user.id, referenceOf(context.activity));
      await deps.history.record(context, () => runDialog(deps.rootDialog, context, deps.dialogState), deps.now);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const newcomers = (context.activity.membersAdded ?? []).filter((m) => m.id !== context.activity.recipient?.id);
      if (newcomers.length > 0) await this.welcome(context);
      await next();
    });
  }

  private async welcome(context: TurnContext): Promise<void> {
    const info = await this.deps.preparation.prepare(context);
    setTurnInfo(context, info);
    const start = await sendWelcome(context, info, await this.deps.organizationName());
    if (start) {
      // As if the newcomer had asked for it.
      setTurnInfo(context, { ...info, recognition: { intent: start, score: 1, locale: info.t.locale } });
      await runDialog(this.deps.rootDialog, context, this.deps.dialogState);
    }
  }

  /** A Teams Action.Execute: the turn its Action.Submit message would run, answered with the card to show in its place. */
  protected override async onAdaptiveCardInvoke(context: TurnContext, value: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    const deps = this.deps;
    const info = await deps.preparation.prepare(context);
    setTurnInfo(context, info);
    return deps.teamsCards.answer(context, value, info, async () => {
      if (info.identity.kind === 'user') await deps.references.save(info.identity.user.id, referenceOf(context.activity));
      await deps.history.record(context, () => runDialog(deps.rootDialog, context, deps.dialogState), deps.now);
    });
  }

  override async run(context: TurnContext): Promise<void> {
    setCardNonces(context, this.deps.cardNonces);
    this.deps.teamsCards.adapt(context, (ctx) => turnInfoIfSet(ctx)?.t);
    // Replies carry the language they are written in, not the one the channel asked for.
    context.onSendActivities(async (ctx, activities, next) => {
      const info = turnInfoIfSet(ctx);
      if (info) for (const activity of activities) activity.locale = localeTag(info.t.locale);
      return next();
    });
    await super.run(context);
    await this.deps.conversationState.saveChanges(context, false);
    await this.deps.userState.saveChanges(context, false);
  }
}

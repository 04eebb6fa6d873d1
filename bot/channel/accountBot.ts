// The activity handler: thin on purpose. It prepares the turn, greets newcomers, runs the root
// dialog and saves state; every rule lives in the dialogs and use cases.
import { ActivityHandler, type ConversationState, type StatePropertyAccessor, type TurnContext, type UserState } from 'botbuilder';
import { runDialog, type Dialog, type DialogState } from 'botbuilder-dialogs';
import { sendWelcome } from '../../dialogs/welcome.js';
import { isSignInWaiting } from '../../dialogs/steps/signIn.js';
import { setCardNonces, type CardNonceLedger } from '../turn/cardNonces.js';
import type { ConversationHistory } from '../turn/conversationHistory.js';
import type { ConversationReferences } from '../core/ports/proactive.js';
import { referenceOf } from './proactiveMessenger.js';
import { localeTag } from '../core/i18n/i18n.js';
import { setTurnInfo, turnInfoIfSet } from '../turn/turnInfo.js';
import type { TurnPreparation } from './turnPreparation.js';

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
    // The OAuth prompt's answers: a token sent by Web Chat or the Emulator (Teams' come as invokes).
    this.onTokenResponseEvent(async (context, next) => {
      await this.continueSignIn(context);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const newcomers = (context.activity.membersAdded ?? []).filter((m) => m.id !== context.activity.recipient?.id);
      if (newcomers.length > 0) await this.welcome(context);
      await next();
    });
  }

  /** Teams' sign-in invokes (signin/tokenExchange, signin/verifyState) go to the waiting sign-in prompt, which answers them. */
  protected override async onSignInInvoke(context: TurnContext): Promise<void> {
    await this.continueSignIn(context);
  }

  /** Continues the dialog waiting for a sign-in; with none waiting (an old card, another card open), nothing changes. */
  private async continueSignIn(context: TurnContext): Promise<void> {
    if (!isSignInWaiting(await this.deps.dialogState.get(context))) return;
    setTurnInfo(context, await this.deps.preparation.prepare(context));
    await runDialog(this.deps.rootDialog, context, this.deps.dialogState);
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

  override async run(context: TurnContext): Promise<void> {
    setCardNonces(context, this.deps.cardNonces);
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

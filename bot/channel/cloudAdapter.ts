// The CloudAdapter with the project's turn error handler and typing indicator on slow turns.
import {
  ActivityTypes, CloudAdapter, INVOKE_RESPONSE_KEY, TeamsSSOTokenExchangeMiddleware,
  type Activity, type ConversationState, type InvokeResponse, type Middleware, type StatePropertyAccessor, type Storage, type TurnContext,
} from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import { DirectoryError } from '../core/ports/directory.js';
import { randomUUID } from 'node:crypto';
import type { Config } from '../config.js';
import { toLocale, translator, defaultLocale } from '../core/i18n/i18n.js';
import type { Logger } from '../logger.js';
import { cardPayload, isCardInvoke } from '../turn/cardInvoke.js';
import { turnInfoIfSet } from '../turn/turnInfo.js';
import { StateConflictError } from './checkedStorage.js';
import { KeptClientsAuthentication } from './keptClients.js';
import { invokeMessage } from './teamsCards.js';
import { PlainTextReplies } from './plainTextReplies.js';
import { TypingIndicator } from './typingIndicator.js';

export interface AdapterDependencies {
  readonly config: Config;
  readonly logger: Logger;
  readonly conversationState: ConversationState;
  readonly dialogState: StatePropertyAccessor<DialogState>;
  /** With an OAuth connection (OAUTH_CONNECTION_NAME): single sign-on in Teams and the users' own tokens. */
  readonly signIn?: SignInMiddleware;
}

/** What single sign-on puts on the adapter. */
export interface SignInMiddleware {
  readonly connectionName: string;
  /** Where handled token exchanges are noted (shared by every instance), so duplicates are handled once. */
  readonly exchanges: Storage;
  /** Makes the turn known to the provider of the users' own tokens. */
  readonly userTokens: Middleware;
  /** Makes the token service forget the turn's user's token. */
  readonly signOut: (context: TurnContext) => Promise<void>;
}

/** The directory's failure behind an error, however deep the dialogs wrapped it (DialogContextError keeps it in `error`). */
export function directoryErrorIn(error: unknown): DirectoryError | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 8 && current instanceof Error; depth++) {
    if (current instanceof DirectoryError) return current;
    current = (current as Error & { error?: unknown }).error ?? current.cause;
  }
  return undefined;
}

/**
 * Tells the user that their turn failed: a message is answered in the chat; a Teams card press (an
 * invoke) under the card it pressed, in the invoke's answer (without one Teams shows its own error);
 * any other invoke gets a failed answer.
 */
async function tellUser(context: TurnContext, text: string): Promise<void> {
  const activity = context.activity;
  if (activity.type === 'message') {
    await context.sendActivity(text);
    return;
  }
  if (activity.type !== 'invoke' || context.turnState.get(INVOKE_RESPONSE_KEY)) return;
  const answer = isCardInvoke(activity) ? { status: 200, body: invokeMessage(text) } : { status: 500 };
  await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: answer });
}

/**
 * The CloudAdapter that also runs an activity a request brought, once the server has checked it
 * (bot/channel/server.ts): what CloudAdapter.process does after its own checks of the request, the
 * response and the activity, which build a dozen zod schemas a request (about 3 % of a turn).
 */
export class AccountAdapter extends CloudAdapter {
  /** Authenticates the request by its Authorization header and runs the turn; the invoke's answer, if any. */
  runRequest(authorization: string, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(authorization, activity, logic);
  }
}

export function createCloudAdapter({ config, logger, conversationState, dialogState, signIn }: AdapterDependencies): AccountAdapter {
  const auth = new KeptClientsAuthentication({
    MicrosoftAppId: config.microsoftApp.appId,
    MicrosoftAppPassword: config.microsoftApp.password,
    MicrosoftAppTenantId: config.microsoftApp.tenantId,
    MicrosoftAppType: config.microsoftApp.type,
  });
  const adapter = new AccountAdapter(auth);
  adapter.use(new PlainTextReplies());
  adapter.use(new TypingIndicator(logger));
  if (signIn) {
    adapter.use(signIn.userTokens);
    // Teams' silent sign-in: the exchange is made here, answered 412 when it fails (Teams then shows
    // the sign-in button), and one of several copies of an exchange goes on to the dialogs.
    adapter.use(new TeamsSSOTokenExchangeMiddleware(signIn.exchanges, signIn.connectionName));
  }
  adapter.onTurnError = async (context: TurnContext, error: Error): Promise<void> => {
    const info = turnInfoIfSet(context);
    const correlationId = info?.correlationId ?? randomUUID();
    const activity = context.activity;
    const t = info?.t ?? translator(toLocale(activity.locale) ?? defaultLocale);
    if (error instanceof StateConflictError) {
      // Another turn of this conversation saved first: its state stands, this turn's is dropped.
      logger.warn('turn lost a concurrent save', { correlationId, channelId: activity.channelId, conversationId: activity.conversation?.id });
      // A card press says so: twenty presses of one button are twenty answers under it, none of them of "messages".
      const pressed = cardPayload(activity) !== undefined;
      await tellUser(context, t.t(pressed ? 'error.concurrentPress' : 'error.concurrentTurn')).catch(() => undefined);
      return;
    }
    const directoryError = directoryErrorIn(error);
    if (directoryError) {
      // The directory could not answer (unreachable, refused, needs a new sign-in): said plainly.
      logger.warn('turn stopped by the directory', { correlationId, failure: directoryError.failure, detail: directoryError.detail, channelId: activity.channelId });
      // Graph refused the user's token: the token service forgets it, so the next goal signs in afresh instead of failing again.
      if (directoryError.failure === 'signInRequired' && signIn) await signIn.signOut(context);
    } else {
      logger.error('turn failed', {
        correlationId, error, channelId: activity.channelId, conversationId: activity.conversation?.id, activityType: activity.type,
      });
    }
    // End the dialog stack only: the user's language and other state stay.
    try {
      await dialogState.delete(context);
      await conversationState.saveChanges(context, true);
    } catch (stateError) {
      logger.error('could not reset the dialog state after a failed turn', { correlationId, error: stateError });
    }
    try {
      await tellUser(context, directoryError ? t.t(`directory.${directoryError.failure}`) : t.t('error.turn', { correlationId }));
    } catch (sendError) {
      logger.error('could not tell the user about a failed turn', { correlationId, error: sendError });
    }
  };
  return adapter;
}

// The users' own Microsoft Graph tokens from the Bot Framework token service (the bot's OAuth
// connection; in Teams filled by single sign-on). The Graph adapter asks for a user's token through
// the UserTokenProvider port, with no turn at hand: a middleware makes the current turn known to
// this provider (AsyncLocalStorage), and the token is asked of that turn's UserTokenClient. A token
// is given only for the user the channel vouches for in that turn, is fetched for each use and is
// kept nowhere: not in state, not in a cache, never logged.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Middleware, TurnContext } from 'botbuilder';
import { decodeJwt } from 'jose';
import type { UserTokenProvider } from '../core/ports/userTokens.js';
import type { Logger } from '../logger.js';
import { teamsUserId } from '../turn/identity.js';
import { turnInfoIfSet } from '../turn/turnInfo.js';

/** What botbuilder's token clients offer: the turn's UserTokenClient (CloudAdapter), or the adapter itself (TestAdapter). */
interface TokenGetter {
  getUserToken(userId: string, connectionName: string, channelId: string, magicCode: string | undefined): Promise<{ token?: string } | undefined>;
  signOutUser(userId: string, connectionName: string, channelId: string): Promise<void>;
}
interface AdapterTokenGetter {
  getUserToken(context: TurnContext, connectionName: string, magicCode?: string): Promise<{ token?: string } | undefined>;
  signOutUser(context: TurnContext, connectionName: string): Promise<void>;
}

/**
 * The account a Graph access token was issued for (its `oid` claim), when the token reads as a JWT.
 * Only compared, never trusted: Graph itself checks the token. An opaque token names no one.
 */
function accountOf(token: string): string | undefined {
  try {
    const { oid } = decodeJwt(token);
    return typeof oid === 'string' ? oid : undefined;
  } catch {
    return undefined;
  }
}

/** The directory user the channel vouches for in this turn: Teams' aadObjectId, or the identity the turn resolved. */
function trustedUserId(context: TurnContext): string | undefined {
  const activity = context.activity;
  if (activity.channelId === 'msteams') return teamsUserId(activity);
  const identity = turnInfoIfSet(context)?.identity;
  return identity?.kind === 'user' ? identity.user.id : undefined;
}

export class TokenServiceUserTokens implements UserTokenProvider {
  private readonly turns = new AsyncLocalStorage<TurnContext>();

  constructor(private readonly connectionName: string, private readonly logger: Logger) {}

  /** Put on the adapter: the rest of the turn runs with the turn known to `tokenFor`. */
  readonly middleware: Middleware = {
    onTurn: (context, next) => this.turns.run(context, next),
  };

  async tokenFor(userId: string): Promise<string | undefined> {
    const context = this.turns.getStore();
    // Outside a turn (a proactive message's set-up, a background job) or for someone else: no token.
    if (!context || trustedUserId(context) !== userId) return undefined;
    const activity = context.activity;
    try {
      const { client, adapter } = tokenClients(context);
      const answer = client
        ? await client.getUserToken(activity.from.id, this.connectionName, activity.channelId, undefined)
        : await adapter.getUserToken?.(context, this.connectionName);
      const token = answer?.token || undefined;
      const account = token && accountOf(token);
      if (account && account.toLowerCase() !== userId.toLowerCase()) {
        // Signed in to the connection with another account (the sign-in page lets anyone pick one):
        // never act on it for this user. Forgotten, so the next goal asks to sign in again.
        this.logger.warn('the user signed in to the connection with another account; the token is not used', { channelId: activity.channelId });
        await this.signOut(context);
        return undefined;
      }
      return token;
    } catch (error) {
      // The token service could not answer: the goal asks to sign in, as if there were no token.
      this.logger.warn('the token service did not give the user\'s token', { channelId: activity.channelId, error: error instanceof Error ? error.name : 'unknown' });
      return undefined;
    }
  }

  /** Makes the token service forget this turn's user's token: the next goal that needs one signs in afresh. */
  async signOut(context: TurnContext): Promise<void> {
    const { client, adapter } = tokenClients(context);
    const activity = context.activity;
    try {
      await (client ? client.signOutUser(activity.from.id, this.connectionName, activity.channelId) : adapter.signOutUser?.(context, this.connectionName));
    } catch (error) {
      this.logger.warn('could not sign the user out of the token service', { channelId: activity.channelId, error: error instanceof Error ? error.name : 'unknown' });
    }
  }
}

/** The turn's UserTokenClient (CloudAdapter), else the adapter's own token methods (TestAdapter). */
function tokenClients(context: TurnContext): { client: TokenGetter | undefined; adapter: Partial<AdapterTokenGetter> } {
  const key = (context.adapter as Partial<{ UserTokenClientKey: symbol }>).UserTokenClientKey;
  return { client: key ? context.turnState.get<TokenGetter | undefined>(key) : undefined, adapter: context.adapter as unknown as Partial<AdapterTokenGetter> };
}

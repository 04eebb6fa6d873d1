// In Azure, web chat tokens come from the Direct Line token service: for each sign-in this server
// asks it for a token of a fresh, unguessable `dl_` user id and binds that id to the signed-in user
// in a record (so every instance knows it). The bot then trusts `from.id` on the Direct Line
// channel only as far as this binding goes: with enhanced authentication on the channel, the
// service sets `from.id` to the token's user id itself. A binding counts for 12 hours at most, and
// not once the user signed out everywhere or changed the password.
import { randomBytes } from 'node:crypto';
import type { Clock } from '../core/ports/clock.js';
import type { RecordStore } from '../core/ports/recordStore.js';

export interface DirectLineTokenConfig {
  /** The Direct Line channel's secret: sent to the token service only, never to a browser. */
  readonly secret: string;
  /** https://directline.botframework.com, or a regional one. */
  readonly endpoint: string;
}

/** A web chat token for the page: the token, the user id it is for, and where Web Chat connects with it. */
export interface WebChatToken {
  readonly token: string;
  readonly chatUserId: string;
  readonly domain?: string;
}

/** Issues web chat tokens for a signed-in user, or for nobody (the password reset of someone who cannot sign in). */
export interface WebChatIssuer {
  issue(user: { readonly userId: string | undefined; readonly displayName: string; readonly locale: string; readonly origin?: string }): Promise<WebChatToken>;
  /** Signing out of the page: the chat user id stops standing for anyone (Azure; local mode revokes its own sessions). */
  end?(chatUserId: string): Promise<void>;
}

/** Whether what was granted to this user at that time still stands (enabled, nothing revoked since). */
export type GrantCheck = (userId: string, grantedAt: Date) => Promise<boolean>;

interface Binding {
  readonly userId: string;
  readonly issuedAt: string;
}

const partition = 'webChatUsers';
const maxAgeMs = 12 * 60 * 60 * 1000;

export class DirectLineTokens implements WebChatIssuer {
  constructor(
    private readonly config: DirectLineTokenConfig,
    private readonly records: RecordStore,
    private readonly clock: Clock,
    private readonly stands: GrantCheck,
  ) {}

  /** `origin`: the page the token is for; the service then accepts sign-ins for it only from there (trusted origins). */
  async issue(user: { readonly userId: string | undefined; readonly displayName: string; readonly origin?: string }): Promise<WebChatToken> {
    const chatUserId = `dl_${randomBytes(18).toString('base64url')}`;
    if (user.userId !== undefined) {
      await this.records.put<Binding>(partition, chatUserId, { userId: user.userId, issuedAt: this.clock.now().toISOString() }, { absent: true });
    }
    const response = await fetch(`${this.config.endpoint}/v3/directline/tokens/generate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${this.config.secret}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        user: { id: chatUserId, ...(user.displayName ? { name: user.displayName } : {}) },
        ...(user.origin ? { trustedOrigins: [user.origin] } : {}),
      }),
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) throw new Error(`The Direct Line token service answered HTTP ${response.status}.`);
    const body = (await response.json()) as { token?: unknown };
    if (typeof body.token !== 'string' || body.token === '') throw new Error('The Direct Line token service sent no token.');
    return { token: body.token, chatUserId, domain: `${this.config.endpoint}/v3/directline` };
  }

  async end(chatUserId: string): Promise<void> {
    if (/^dl_[\w-]{16,64}$/.test(chatUserId)) await this.records.remove(partition, chatUserId);
  }

  /** The directory user a `dl_` id is bound to, while the binding stands. */
  async userFor(chatUserId: string): Promise<string | undefined> {
    if (!/^dl_[\w-]{16,64}$/.test(chatUserId)) return undefined;
    const bound = (await this.records.get<Binding>(partition, chatUserId))?.value;
    if (!bound) return undefined;
    const issuedAt = new Date(bound.issuedAt);
    if (this.clock.now().getTime() - issuedAt.getTime() > maxAgeMs) return undefined;
    return (await this.stands(bound.userId, issuedAt)) ? bound.userId : undefined;
  }
}

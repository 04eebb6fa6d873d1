// Web chat sessions of the bot's own Direct Line: a token is issued after a demo sign-in (bound to
// that user) or for an anonymous visitor (bound to nobody). Only hashes of tokens are kept.
import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../core/ports/clock.js';
import type { WebChatSessions } from '../turn/identity.js';

export interface Session {
  /** The directory user, or undefined for an anonymous visitor. */
  readonly userId: string | undefined;
  /** The id the Direct Line puts in `from.id`: the user id, or a random one for a visitor. */
  readonly fromId: string;
  readonly displayName: string;
  readonly locale: string;
  expiresAt: number;
  conversationId?: string;
}

export const tokenLifetimeSeconds = 3600;
const maxSessions = 10_000;

const hash = (token: string): string => createHash('sha256').update(token).digest('hex');
export const newSecret = (): string => randomBytes(32).toString('base64url');

export class SessionRegistry implements WebChatSessions {
  private readonly byToken = new Map<string, Session>();
  private readonly byConversation = new Map<string, Session>();

  constructor(private readonly clock: Clock) {}

  issue(user: { userId: string | undefined; displayName: string; locale: string }): { token: string; session: Session } {
    this.evictExpired();
    if (this.byToken.size >= maxSessions) {
      const oldest = this.byToken.keys().next().value as string;
      this.drop(oldest);
    }
    const token = newSecret();
    const session: Session = {
      ...user,
      fromId: user.userId ?? `visitor-${randomBytes(9).toString('base64url')}`,
      expiresAt: this.clock.now().getTime() + tokenLifetimeSeconds * 1000,
    };
    this.byToken.set(hash(token), session);
    return { token, session };
  }

  /** The live session of a token, or undefined when unknown or expired. */
  byBearer(token: string | undefined): Session | undefined {
    if (!token) return undefined;
    const session = this.byToken.get(hash(token));
    if (!session) return undefined;
    if (session.expiresAt <= this.clock.now().getTime()) {
      this.drop(hash(token));
      return undefined;
    }
    return session;
  }

  refresh(token: string): Session | undefined {
    const session = this.byBearer(token);
    if (session) session.expiresAt = this.clock.now().getTime() + tokenLifetimeSeconds * 1000;
    return session;
  }

  bindConversation(session: Session, conversationId: string): void {
    session.conversationId = conversationId;
    this.byConversation.set(conversationId, session);
  }

  revoke(token: string): Session | undefined {
    const key = hash(token);
    const session = this.byToken.get(key);
    this.drop(key);
    return session;
  }

  userForConversation(conversationId: string): { userId: string | undefined } | undefined {
    return this.byConversation.get(conversationId);
  }

  private drop(key: string): void {
    const session = this.byToken.get(key);
    this.byToken.delete(key);
    if (session?.conversationId) this.byConversation.delete(session.conversationId);
  }

  private evictExpired(): void {
    const now = this.clock.now().getTime();
    for (const [key, session] of this.byToken) if (session.expiresAt <= now) this.drop(key);
  }
}

// Web chat sessions of the bot's own Direct Line: a token is issued after a demo sign-in (bound to
// that user) or for an anonymous visitor (bound to nobody). Only hashes of tokens are kept, in
// DATA_DIR, so a restart does not sign web users out. A signed-in session ends when its user signs
// out everywhere or the password changes (the directory's own revocation times, checked on every
// use), and a refresh never carries it past its maximum lifetime. Anonymous sessions have their own
// cap: however many are asked for, they never push out a signed-in one.
import { createHash, randomBytes } from 'node:crypto';
import path from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import type { Clock } from '../core/ports/clock.js';
import type { WebChatSessions } from '../turn/identity.js';

export interface Session {
  /** Which token it belongs to (a hash; the token itself is never kept). */
  readonly tokenHash: string;
  /** The directory user, or undefined for an anonymous visitor. */
  readonly userId: string | undefined;
  /** The id the Direct Line puts in `from.id`: the user id, or a random one for a visitor. */
  readonly fromId: string;
  readonly displayName: string;
  readonly locale: string;
  /** Epoch milliseconds. */
  readonly issuedAt: number;
  expiresAt: number;
  conversationId?: string;
}

interface SessionsFile {
  sessions: Session[];
}

/** Whether a signed-in user's session issued at `issuedAt` still stands (account enabled, not revoked since). */
export type SessionCheck = (userId: string, issuedAt: Date) => Promise<boolean>;

export const tokenLifetimeSeconds = 3600;
/** However often it is refreshed, a session ends this long after the sign-in. */
export const maxSessionHours = 12;
/** How many sessions are kept at most, of each kind. */
export interface SessionLimits {
  readonly signedIn: number;
  readonly anonymous: number;
}
const defaultLimits: SessionLimits = { signedIn: 10_000, anonymous: 2_000 };

const hash = (token: string): string => createHash('sha256').update(token).digest('hex');
export const newSecret = (): string => randomBytes(32).toString('base64url');

export class SessionRegistry implements WebChatSessions {
  private readonly byToken = new Map<string, Session>();
  private readonly byConversation = new Map<string, Session>();

  private constructor(
    private readonly db: Low<SessionsFile>, private readonly clock: Clock, private readonly stillValid: SessionCheck, private readonly limits: SessionLimits,
  ) {
    for (const session of db.data.sessions) this.index(session);
  }

  static async open(dataDir: string, clock: Clock, stillValid: SessionCheck, limits = defaultLimits): Promise<SessionRegistry> {
    const db = new Low<SessionsFile>(new JSONFile<SessionsFile>(path.join(dataDir, 'webSessions.json')), { sessions: [] });
    await db.read();
    db.data.sessions = Array.isArray(db.data.sessions) ? db.data.sessions : [];
    const registry = new SessionRegistry(db, clock, stillValid, limits);
    registry.evictExpired();
    return registry;
  }

  async issue(user: { userId: string | undefined; displayName: string; locale: string }): Promise<{ token: string; session: Session }> {
    this.evictExpired();
    const anonymous = user.userId === undefined;
    const sameKind = [...this.byToken.values()].filter((s) => (s.userId === undefined) === anonymous);
    const cap = anonymous ? this.limits.anonymous : this.limits.signedIn;
    // Oldest first (insertion order): only a session of the same kind makes room.
    for (const oldest of sameKind.slice(0, Math.max(0, sameKind.length - cap + 1))) this.drop(oldest.tokenHash);
    const token = newSecret();
    const now = this.now();
    const session: Session = {
      ...user,
      tokenHash: hash(token),
      fromId: user.userId ?? `visitor-${randomBytes(9).toString('base64url')}`,
      issuedAt: now,
      expiresAt: now + tokenLifetimeSeconds * 1000,
    };
    this.index(session);
    await this.save();
    return { token, session };
  }

  /** The live session of a token, or undefined when unknown, expired or revoked. */
  async byBearer(token: string | undefined): Promise<Session | undefined> {
    if (!token) return undefined;
    const key = hash(token);
    const session = this.byToken.get(key);
    if (!session) return undefined;
    if (await this.stands(session)) return session;
    this.drop(key);
    await this.save();
    return undefined;
  }

  /** Whether a session still stands; a revoked one is forgotten. */
  async isLive(session: Session): Promise<boolean> {
    if (this.byToken.get(session.tokenHash) !== session) return false;
    if (await this.stands(session)) return true;
    this.drop(session.tokenHash);
    await this.save();
    return false;
  }

  /** Extends a live session by one token lifetime, never past its maximum lifetime. */
  async refresh(token: string): Promise<Session | undefined> {
    const session = await this.byBearer(token);
    if (!session) return undefined;
    session.expiresAt = Math.min(this.now() + tokenLifetimeSeconds * 1000, session.issuedAt + maxSessionHours * 3600 * 1000);
    await this.save();
    return session;
  }

  /** Seconds until the session expires. */
  secondsLeft(session: Session): number {
    return Math.max(0, Math.floor((session.expiresAt - this.now()) / 1000));
  }

  async bindConversation(session: Session, conversationId: string): Promise<void> {
    session.conversationId = conversationId;
    if (this.byToken.get(session.tokenHash) === session) this.byConversation.set(conversationId, session);
    await this.save();
  }

  async revoke(token: string): Promise<Session | undefined> {
    const key = hash(token);
    const session = this.byToken.get(key);
    if (!session) return undefined;
    this.drop(key);
    await this.save();
    return session;
  }

  userForConversation(conversationId: string): { userId: string | undefined } | undefined {
    const session = this.byConversation.get(conversationId);
    return session && session.expiresAt > this.now() ? session : undefined;
  }

  private async stands(session: Session): Promise<boolean> {
    if (session.expiresAt <= this.now()) return false;
    return session.userId === undefined || (await this.stillValid(session.userId, new Date(session.issuedAt)));
  }

  private now(): number {
    return this.clock.now().getTime();
  }

  private index(session: Session): void {
    this.byToken.set(session.tokenHash, session);
    if (session.conversationId) this.byConversation.set(session.conversationId, session);
  }

  private drop(key: string): void {
    const session = this.byToken.get(key);
    this.byToken.delete(key);
    if (session?.conversationId && this.byConversation.get(session.conversationId) === session) this.byConversation.delete(session.conversationId);
  }

  private evictExpired(): void {
    const now = this.now();
    for (const [key, session] of this.byToken) if (session.expiresAt <= now) this.drop(key);
  }

  private async save(): Promise<void> {
    this.db.data.sessions = [...this.byToken.values()];
    await this.db.write();
  }
}

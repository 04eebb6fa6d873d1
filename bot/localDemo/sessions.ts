// Web chat sessions of the bot's own Direct Line: a token is issued after a demo sign-in (bound to
// that user) or for an anonymous visitor (bound to nobody). Sessions are records of the store every
// instance shares (files in DATA_DIR, or Azure Storage), kept by the token's hash (the token itself
// is never kept), so a token issued by one instance works on every other, and a restart does not
// sign web users out. A signed-in session ends when its user signs out everywhere or the password
// changes (the directory's own revocation times, checked on every use), and a refresh never carries
// it past its maximum lifetime. Anonymous sessions are kept apart, with their own cap: however many
// are asked for, they never push out a signed-in one.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import type { Clock } from '../core/ports/clock.js';
import { updateRecord, VersionConflictError, type RecordStore } from '../core/ports/recordStore.js';
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
  readonly expiresAt: number;
  readonly conversationId?: string;
  /** Orders sessions issued in the same millisecond by one instance (the oldest goes first when a cap is reached). */
  readonly sequence?: number;
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

/** The partition of each kind of session, and the conversations' index (conversation id → token hash). */
const partitions = { signedIn: 'webSessions', anonymous: 'webSessions.anonymous', conversations: 'webSessions.conversations' } as const;
const partitionOf = (session: { readonly userId: string | undefined }): string => (session.userId === undefined ? partitions.anonymous : partitions.signedIn);

interface ConversationEntry {
  readonly tokenHash: string;
  readonly anonymous: boolean;
}

const hash = (token: string): string => createHash('sha256').update(token).digest('hex');
export const newSecret = (): string => randomBytes(32).toString('base64url');

/** Sessions issued by this process so far: orders those of one millisecond. */
let issued = 0;

const byAge = (a: Session, b: Session): number => a.issuedAt - b.issuedAt || (a.sequence ?? 0) - (b.sequence ?? 0);

export class SessionRegistry implements WebChatSessions {
  private constructor(
    private readonly records: RecordStore, private readonly clock: Clock, private readonly stillValid: SessionCheck, private readonly limits: SessionLimits,
  ) {}

  /** The sessions in `records`; the webSessions.json of earlier versions in `dataDir` is taken over once. */
  static async open(dataDir: string, records: RecordStore, clock: Clock, stillValid: SessionCheck, limits = defaultLimits): Promise<SessionRegistry> {
    const registry = new SessionRegistry(records, clock, stillValid, limits);
    await registry.importLegacyFile(path.join(dataDir, 'webSessions.json'));
    return registry;
  }

  async issue(user: { userId: string | undefined; displayName: string; locale: string }): Promise<{ token: string; session: Session }> {
    const token = newSecret();
    const now = this.now();
    const session: Session = {
      ...user,
      tokenHash: hash(token),
      fromId: user.userId ?? `visitor-${randomBytes(9).toString('base64url')}`,
      issuedAt: now,
      expiresAt: now + tokenLifetimeSeconds * 1000,
      sequence: (issued += 1),
    };
    await this.records.put(partitionOf(session), session.tokenHash, session, { absent: true });
    await this.makeRoom(partitionOf(session), user.userId === undefined ? this.limits.anonymous : this.limits.signedIn);
    return { token, session };
  }

  /** The live session of a token, or undefined when unknown, expired or revoked. */
  async byBearer(token: string | undefined): Promise<Session | undefined> {
    if (!token) return undefined;
    const key = hash(token);
    const session = (await this.stored(partitions.signedIn, key)) ?? (await this.stored(partitions.anonymous, key));
    if (!session) return undefined;
    if (await this.stands(session)) return session;
    await this.drop(session);
    return undefined;
  }

  /** Whether a session still stands; a revoked one is forgotten. */
  async isLive(session: Session): Promise<boolean> {
    const stored = await this.stored(partitionOf(session), session.tokenHash);
    if (!stored) return false;
    if (await this.stands(stored)) return true;
    await this.drop(stored);
    return false;
  }

  /** Extends a live session by one token lifetime, never past its maximum lifetime. */
  async refresh(token: string): Promise<Session | undefined> {
    const session = await this.byBearer(token);
    if (!session) return undefined;
    const expiresAt = Math.min(this.now() + tokenLifetimeSeconds * 1000, session.issuedAt + maxSessionHours * 3600 * 1000);
    return updateRecord<Session>(this.records, partitionOf(session), session.tokenHash, (current) => current && { ...current, expiresAt: Math.max(current.expiresAt, expiresAt) });
  }

  /** Seconds until the session expires. */
  secondsLeft(session: Session): number {
    return Math.max(0, Math.floor((session.expiresAt - this.now()) / 1000));
  }

  /**
   * Binds the session to a conversation, unless it has one already (another instance may have
   * bound it a moment before): returns the conversation it is bound to, or undefined when the
   * session is gone.
   */
  async bindConversation(session: Session, conversationId: string): Promise<string | undefined> {
    const partition = partitionOf(session);
    const bound = await updateRecord<Session>(this.records, partition, session.tokenHash, (current) =>
      current && current.conversationId === undefined ? { ...current, conversationId } : undefined);
    if (!bound?.conversationId) return undefined;
    const entry: ConversationEntry = { tokenHash: session.tokenHash, anonymous: session.userId === undefined };
    await this.records.put(partitions.conversations, bound.conversationId, entry);
    return bound.conversationId;
  }

  async revoke(token: string): Promise<Session | undefined> {
    const key = hash(token);
    const session = (await this.stored(partitions.signedIn, key)) ?? (await this.stored(partitions.anonymous, key));
    if (!session) return undefined;
    await this.drop(session);
    return session;
  }

  async userForConversation(conversationId: string): Promise<{ userId: string | undefined } | undefined> {
    const entry = (await this.records.get<ConversationEntry>(partitions.conversations, conversationId))?.value;
    if (!entry) return undefined;
    const session = await this.stored(entry.anonymous ? partitions.anonymous : partitions.signedIn, entry.tokenHash);
    return session && session.conversationId === conversationId && session.expiresAt > this.now() ? session : undefined;
  }

  private async stored(partition: string, tokenHash: string): Promise<Session | undefined> {
    return (await this.records.get<Session>(partition, tokenHash))?.value;
  }

  private async stands(session: Session): Promise<boolean> {
    if (session.expiresAt <= this.now()) return false;
    return session.userId === undefined || (await this.stillValid(session.userId, new Date(session.issuedAt)));
  }

  private now(): number {
    return this.clock.now().getTime();
  }

  /** Forgets a session and its conversation's entry. */
  private async drop(session: Session): Promise<void> {
    await this.records.remove(partitionOf(session), session.tokenHash);
    if (session.conversationId) {
      const entry = await this.records.get<ConversationEntry>(partitions.conversations, session.conversationId);
      if (entry?.value.tokenHash === session.tokenHash) await this.records.remove(partitions.conversations, session.conversationId, { version: entry.version }).catch(ignoreConflict);
    }
  }

  /** Over its cap, a kind forgets its expired sessions, then its oldest. */
  private async makeRoom(partition: string, cap: number): Promise<void> {
    if ((await this.records.ids(partition)).length <= cap) return;
    const now = this.now();
    const sessions = (await this.records.list<Session>(partition)).map((r) => r.value).sort(byAge);
    const expired = sessions.filter((s) => s.expiresAt <= now);
    const live = sessions.filter((s) => s.expiresAt > now);
    for (const session of [...expired, ...live.slice(0, Math.max(0, live.length - cap))]) await this.drop(session);
  }

  /** Takes over the single file earlier versions kept (DATA_DIR/webSessions.json), once: its live sessions go on. */
  private async importLegacyFile(file: string): Promise<void> {
    if (!existsSync(file)) return;
    let legacy: { sessions?: unknown } = {};
    try {
      legacy = JSON.parse(await readFile(file, 'utf8')) as { sessions?: unknown };
    } catch {
      // Moved by another instance, or unreadable: its sessions sign in again.
    }
    const now = this.now();
    for (const session of Array.isArray(legacy.sessions) ? (legacy.sessions as Session[]) : []) {
      if (typeof session?.tokenHash !== 'string' || typeof session.expiresAt !== 'number' || session.expiresAt <= now) continue;
      try {
        await this.records.put(partitionOf(session), session.tokenHash, session, { absent: true });
      } catch (error) {
        ignoreConflict(error);
      }
      if (session.conversationId) {
        await this.records.put<ConversationEntry>(partitions.conversations, session.conversationId, { tokenHash: session.tokenHash, anonymous: session.userId === undefined });
      }
    }
    await rename(file, `${file}.imported`).catch(() => undefined);
  }
}

/** A conditional write that found the record changed: what is there stands. */
function ignoreConflict(error: unknown): void {
  if (!(error instanceof VersionConflictError)) throw error;
}

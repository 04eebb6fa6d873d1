// What `npm run bench:stores` puts in each store before it starts the bot, and the turns it then
// drives: each store's script (a test runs every script's turns against the bot, so that a bench
// turn that stopped making sense is caught by the suite, not by the next bench run).
import { randomUUID } from 'node:crypto';
import type { FileRecords } from '../bot/adapters/embedded/fileRecords.js';
import { RecordAuditLog } from '../bot/adapters/records/recordAuditLog.js';
import { RecordConversationReferences } from '../bot/adapters/records/recordConversationReferences.js';
import { RecordTickets } from '../bot/adapters/records/recordTickets.js';
import { verificationPartitions } from '../bot/adapters/records/recordVerificationStore.js';
import { statePartition } from '../bot/channel/recordStorage.js';
import type { VerificationKind, VerificationRecords } from '../bot/core/ports/verificationStore.js';
import type { Turn } from './benchKit.js';

export const storeNames = ['conversations', 'tickets', 'audit', 'verification', 'references', 'directory'] as const;
export type StoreName = (typeof storeNames)[number];
export const isStoreName = (name: string): name is StoreName => (storeNames as readonly string[]).includes(name);

/** Fills `count` records, 64 writes in flight at a time. */
async function fill(count: number, write: (n: number) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < count; i += 64) await Promise.all(Array.from({ length: Math.min(64, count - i) }, (_, j) => write(i + j)));
}

const at = (n: number): string => new Date(Date.UTC(2026, 10, 1) + n * 60_000).toISOString();
/** The owner of the nth item: `perUser` of each driving user's first, then 2,000 other people's. */
const ownerOf = (n: number, userIds: readonly string[], perUser: number): string => (n < userIds.length * perUser ? (userIds[n % userIds.length] as string) : `other-${n % 2000}`);

/** State much like a real conversation's: a finished dialog, a language, the last 20 turns. */
function conversationState(n: number): Record<string, unknown> {
  return {
    dialogState: { dialogStack: [] },
    conversation: { locale: 'en' },
    recentTurns: Array.from({ length: 20 }, (_, i) => ({ from: i % 2 ? 'bot' : 'user', text: i % 2 ? '[Your profile]' : 'show my profile', at: at(n) })),
  };
}

/** A verification record of someone else, of each kind in turn, live for the next hour (nothing for the bot to prune). */
function verificationRecord(n: number): [VerificationKind, string, VerificationRecords[VerificationKind]] {
  const now = Date.now();
  const userId = `other-${n}`;
  const conversationId = `stored-${n}`;
  switch (n % 4) {
    case 0:
      return ['challenges', conversationId, {
        reset: {
          id: randomUUID(), subject: `user:${userId}`, conversationId, userId, purpose: 'reset', salt: 'bench-salt', codeHash: 'bench-hash',
          expiresAt: new Date(now + 3_600_000).toISOString(), attemptsLeft: 3,
        },
      }];
    case 1:
      return ['sends', `user:${userId}`, { sends: [{ at: new Date(now).toISOString(), requestId: randomUUID() }] }];
    case 2:
      return ['failures', `user:${userId}`, { failures: [new Date(now).toISOString()] }];
    default:
      return ['stepUps', userId, { grants: [{ userId, conversationId, at: new Date(now).toISOString() }] }];
  }
}

export interface StoreScript {
  readonly turns: readonly Turn[];
  /** Users that drive the conversations, out of this many conversations (fewer: each talks in several). */
  readonly drivingUsers?: (conversations: number) => number;
  /**
   * Other users in each pass (warm-up passes too), so that a pass does not meet the limits the last
   * one reached (codes a user may be sent in an hour): the same turns do the same work every pass.
   */
  readonly freshUsersEachPass?: boolean;
  /** Users in the tenant, when the store measured is the directory (else one a conversation). */
  readonly tenantUsers?: (size: number) => number;
  /** Puts `size` items in the store; the driving users own some of them. */
  readonly fill?: (records: FileRecords, size: number, userIds: readonly string[]) => Promise<void>;
}

export const storeScripts: Readonly<Record<StoreName, StoreScript>> = {
  conversations: {
    turns: ['help', 'show my profile'],
    fill: (records, size) => fill(size, (n) => records.put(statePartition, `msteams/conversations/stored-${n}/`, conversationState(n))),
  },
  tickets: {
    turns: ['help', 'show my tickets'],
    fill: (records, size, userIds) => {
      const tickets = new RecordTickets(records);
      return fill(size, (n) => tickets.create({
        userId: ownerOf(n, userIds, 3), userDisplayName: 'Bench User', channel: 'msteams', locale: 'en', category: 'other',
        description: `Ticket ${n}: the printer on the third floor asks for my password again.`, context: {},
        transcript: [{ from: 'user', text: 'open a ticket', at: at(0) }],
      }, new Date(at(n))));
    },
  },
  audit: {
    turns: ['sign me out everywhere', 'yes', 'what did you change on my account'],
    fill: (records, size, userIds) => {
      const audit = new RecordAuditLog(records);
      return fill(size, (n) => {
        const userId = ownerOf(n, userIds, 5);
        return audit.record({ userId, actorId: userId, action: 'signout.everywhere', channel: 'msteams', result: 'success', correlationId: randomUUID(), at: at(n) });
      });
    },
  },
  verification: {
    turns: ['reset my password', { press: 'choose' }, 'cancel'],
    freshUsersEachPass: true,
    fill: (records, size) => fill(size, (n) => {
      const [kind, key, value] = verificationRecord(n);
      return records.put(verificationPartitions[kind], key, value);
    }),
  },
  references: {
    turns: ['help', 'show my profile'],
    drivingUsers: (conversations) => Math.max(1, Math.floor(conversations / 2)),
    fill: (records, size) => {
      const references = new RecordConversationReferences(records);
      return fill(size, (n) => references.save(`other-${n}`, {
        channelId: 'msteams', serviceUrl: 'https://smba.trafficmanager.net/emea/', conversation: { id: `a:stored-${n}`, conversationType: 'personal' },
        user: { id: `29:stored-${n}`, aadObjectId: `other-${n}` }, bot: { id: '28:bench' }, locale: 'en-US',
      }));
    },
  },
  directory: {
    turns: ['help', 'show my profile'],
    tenantUsers: (size) => size,
  },
};

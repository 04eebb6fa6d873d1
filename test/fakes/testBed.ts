// Every port faked in memory and the use cases built over them, as the composition root builds them
// (verification state: the real record adapter over an in-memory RecordStore):
// `const { ports, useCases, clock } = testBed({ users: [anna()] });`
import { RecordVerificationStore } from '../../bot/adapters/records/recordVerificationStore.js';
import type { Locale } from '../../bot/core/i18n/i18n.js';
import type { Actor } from '../../bot/core/usecases/actor.js';
import { createUseCases, type Ports, type UseCases } from '../../bot/core/usecases/useCases.js';
import { memoryDirectory, type DirectoryFixture, type MemoryDirectory } from './memoryDirectory.js';
import { ManualClock, MemoryAudit, MemoryNotifier, MemoryProactive, MemoryTickets, testStart } from './memoryPorts.js';
import { MemoryRecords } from './memoryRecords.js';

/** The ports with their fake types, so a test can read what they recorded. */
export interface FakePorts extends Ports {
  readonly directory: MemoryDirectory;
  readonly verificationStore: RecordVerificationStore;
  /** The records under the verification store, kept in memory. */
  readonly records: MemoryRecords;
  readonly notifier: MemoryNotifier;
  readonly audit: MemoryAudit;
  readonly tickets: MemoryTickets;
  readonly proactive: MemoryProactive;
  readonly clock: ManualClock;
}

export interface TestBed {
  readonly ports: FakePorts;
  readonly useCases: UseCases;
  readonly clock: ManualClock;
}

export function testBed(fixture: DirectoryFixture = {}, start: Date = testStart): TestBed {
  const clock = new ManualClock(start);
  const records = new MemoryRecords();
  const ports: FakePorts = {
    directory: memoryDirectory(fixture),
    verificationStore: new RecordVerificationStore(records),
    records,
    notifier: new MemoryNotifier(),
    audit: new MemoryAudit(),
    tickets: new MemoryTickets(),
    proactive: new MemoryProactive(),
    clock,
  };
  return { ports, useCases: createUseCases(ports), clock };
}

/** The user acting on their own account, in Teams, in one conversation. */
export const actorFor = (userId: string, overrides: Partial<Actor> = {}): Actor =>
  ({ userId, channel: 'msteams', conversationId: 'conversation-1', correlationId: `correlation-${userId}`, locale: 'en' satisfies Locale, ...overrides });

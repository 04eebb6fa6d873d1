// Earlier versions kept the tickets, the audit log, the conversation references and the demo outbox each in one
// JSON file in DATA_DIR, rewritten whole on every change. At start, each of those files still
// there is taken over once into the stores built on records, then renamed to <name>.imported (kept,
// not deleted, in case someone wants to look). Taking over is safe to repeat after a crash half way.
import { existsSync } from 'node:fs';
import { readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import type { AuditEntry } from '../../core/ports/audit.js';
import type { ConversationAddress } from '../../core/ports/proactive.js';
import type { Ticket } from '../../core/ports/tickets.js';
import type { RecordAuditLog } from '../records/recordAuditLog.js';
import type { RecordConversationReferences } from '../records/recordConversationReferences.js';
import type { RecordOutbox } from '../records/recordOutbox.js';
import type { RecordTickets } from '../records/recordTickets.js';

export interface LegacyTakeOver {
  readonly tickets: number;
  readonly audit: number;
  readonly references: number;
  readonly outbox: number;
}

export async function takeOverLegacyFiles(
  dataDir: string,
  stores: { readonly tickets: RecordTickets; readonly audit: RecordAuditLog; readonly references: RecordConversationReferences; readonly outbox: RecordOutbox },
): Promise<LegacyTakeOver> {
  return {
    tickets: await takeOver<{ lastNumber?: number; tickets?: Ticket[] }>(path.join(dataDir, 'tickets.json'), (file) =>
      stores.tickets.importTickets(file.tickets ?? [], file.lastNumber ?? 0)),
    audit: await takeOver<{ entries?: AuditEntry[] }>(path.join(dataDir, 'audit.json'), (file) => stores.audit.importEntries(file.entries ?? [])),
    references: await takeOver<{ byUser?: Record<string, ConversationAddress> }>(path.join(dataDir, 'references.json'), (file) =>
      stores.references.importAll(file.byUser ?? {})),
    outbox: await takeOver<{ messages?: Record<string, unknown> }>(path.join(dataDir, 'outbox.json'), (file) => stores.outbox.importMessages(file.messages ?? {})),
  };
}

async function takeOver<T>(file: string, load: (content: T) => Promise<number>): Promise<number> {
  if (!existsSync(file)) return 0;
  const text = await readFile(file, 'utf8');
  const count = text.trim() === '' ? 0 : await load(JSON.parse(text) as T);
  await rename(file, `${file}.imported`);
  return count;
}

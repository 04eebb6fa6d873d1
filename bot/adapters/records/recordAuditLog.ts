// The audit log over a RecordStore: append-only, one record an entry, in a partition a user
// (audit.<userId>), so the user's own list reads their entries and nobody else's. An entry's id
// sorts by time and is unique without asking anyone: the entry's time, this process's clock
// (ordering entries of the same millisecond as they were recorded), and random bytes.
import { randomBytes } from 'node:crypto';
import { VersionConflictError, type RecordStore } from '../../core/ports/recordStore.js';
import type { Audit, AuditEntry } from '../../core/ports/audit.js';

const partitionOf = (userId: string): string => `audit.${userId}`;
/** 2025-03-10T09:00:00.000Z → 20250310T090000000Z: sorts as the time does, and is a plain file name. */
const compact = (at: string): string => at.replace(/[-:.]/g, '');

export class RecordAuditLog implements Audit {
  private lastTick = 0;

  constructor(private readonly records: RecordStore) {}

  async record(entry: AuditEntry): Promise<void> {
    await this.records.put<AuditEntry>(partitionOf(entry.userId), this.nextId(entry.at), { ...entry }, { absent: true });
  }

  async listForUser(userId: string, top: number): Promise<readonly AuditEntry[]> {
    if (top <= 0) return [];
    // Ids sort as time does: only the `top` newest entries are read.
    const newest = [...await this.records.ids(partitionOf(userId))].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0)).slice(0, top);
    const entries = await Promise.all(newest.map(async (id) => (await this.records.get<AuditEntry>(partitionOf(userId), id))?.value));
    return entries.filter((e): e is AuditEntry => e?.userId === userId);
  }

  /**
   * Takes over entries kept elsewhere before (the single audit.json of earlier versions), oldest
   * first. Their ids come from their place in that list, so running this again adds nothing twice.
   */
  async importEntries(entries: readonly AuditEntry[]): Promise<number> {
    let imported = 0;
    for (const [index, entry] of entries.entries()) {
      try {
        await this.records.put<AuditEntry>(partitionOf(entry.userId), `${compact(entry.at)}.${String(index).padStart(13, '0')}.imported`, { ...entry }, { absent: true });
        imported += 1;
      } catch (error) {
        if (!(error instanceof VersionConflictError)) throw error;
      }
    }
    return imported;
  }

  private nextId(at: string): string {
    this.lastTick = Math.max(Date.now(), this.lastTick + 1);
    return `${compact(at)}.${String(this.lastTick).padStart(13, '0')}.${randomBytes(4).toString('hex')}`;
  }
}

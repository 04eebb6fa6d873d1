// The embedded audit log: an append-only list in DATA_DIR/audit.json.
import path from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import type { Audit, AuditEntry } from '../../core/ports/audit.js';

interface AuditFile {
  entries: AuditEntry[];
}

export class EmbeddedAuditLog implements Audit {
  private constructor(private readonly db: Low<AuditFile>) {}

  static async open(dataDir: string): Promise<EmbeddedAuditLog> {
    const db = new Low<AuditFile>(new JSONFile<AuditFile>(path.join(dataDir, 'audit.json')), { entries: [] });
    await db.read();
    db.data.entries ??= [];
    return new EmbeddedAuditLog(db);
  }

  async record(entry: AuditEntry): Promise<void> {
    this.db.data.entries.push({ ...entry });
    await this.db.write();
  }

  listForUser(userId: string, top: number): Promise<readonly AuditEntry[]> {
    const mine = this.db.data.entries.filter((e) => e.userId === userId);
    return Promise.resolve(mine.slice(-Math.max(0, top)).reverse());
  }
}

// Verification state in DATA_DIR/verification.json, so pending codes and lock-outs survive a restart.
import path from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { emptyVerificationRecords, type VerificationRecords, type VerificationStore } from '../../core/ports/verificationStore.js';

export class EmbeddedVerificationStore implements VerificationStore {
  private readonly db: Low<VerificationRecords>;

  constructor(dataDir: string) {
    this.db = new Low<VerificationRecords>(new JSONFile<VerificationRecords>(path.join(dataDir, 'verification.json')), emptyVerificationRecords());
  }

  async load(): Promise<VerificationRecords> {
    await this.db.read();
    return { ...emptyVerificationRecords(), ...this.db.data };
  }

  async save(records: VerificationRecords): Promise<void> {
    this.db.data = records;
    await this.db.write();
  }
}

// Verification state as records of a RecordStore: a record a conversation (its open challenges), a
// send budget (its sends), a failure key (its failures and lock-out) and a user (their step-up
// grants). Every change is a read-modify-write at the record's version (updateRecord), so two
// instances over one store never both take the last unit of a limit. A record the change leaves with
// nothing to keep is written as an empty marker, then removed at that version (a write that came
// between keeps it).
import { updateRecord, VersionConflictError, type RecordStore } from '../../core/ports/recordStore.js';
import type {
  Changed, VerificationKind, VerificationRecords, VerificationStore,
} from '../../core/ports/verificationStore.js';

/** The partition of each kind of record. */
export const verificationPartitions: Readonly<Record<VerificationKind, string>> = {
  challenges: 'verificationChallenges',
  sends: 'verificationSends',
  failures: 'verificationFailures',
  stepUps: 'verificationStepUps',
};

/** What a record holds between being emptied and being removed (or after a crash in between). */
interface Emptied {
  readonly emptied: true;
}
type Kept<T> = T | Emptied;

const isEmptied = (value: unknown): value is Emptied => typeof value === 'object' && value !== null && (value as Partial<Emptied>).emptied === true;

export class RecordVerificationStore implements VerificationStore {
  constructor(private readonly records: RecordStore) {}

  async read<K extends VerificationKind>(kind: K, key: string): Promise<VerificationRecords[K] | undefined> {
    const value = (await this.records.get<Kept<VerificationRecords[K]>>(verificationPartitions[kind], key))?.value;
    return value === undefined || isEmptied(value) ? undefined : value;
  }

  async change<K extends VerificationKind, A>(
    kind: K, key: string, change: (current: VerificationRecords[K] | undefined) => Changed<VerificationRecords[K], A>,
  ): Promise<A> {
    const partition = verificationPartitions[kind];
    // The last run of `change` is the one whose write held.
    const last: { changed?: Changed<VerificationRecords[K], A>; emptied?: boolean } = {};
    await updateRecord<Kept<VerificationRecords[K]>>(this.records, partition, key, (stored) => {
      const current = stored === undefined || isEmptied(stored) ? undefined : stored;
      const changed = change(current);
      last.changed = changed;
      last.emptied = changed.value === undefined && stored !== undefined;
      if (changed.value === undefined) return current === undefined ? undefined : { emptied: true };
      return changed.value === current ? undefined : changed.value;
    });
    if (last.emptied) await this.removeIfEmptied(partition, key);
    if (!last.changed) throw new Error(`No change was made to ${partition}/${key}.`);
    return last.changed.answer;
  }

  /** Removes an emptied record, unless it was written again since. */
  private async removeIfEmptied(partition: string, key: string): Promise<void> {
    const stored = await this.records.get(partition, key);
    if (stored === undefined || !isEmptied(stored.value)) return;
    try {
      await this.records.remove(partition, key, { version: stored.version });
    } catch (error) {
      if (!(error instanceof VersionConflictError)) throw error;
    }
  }
}

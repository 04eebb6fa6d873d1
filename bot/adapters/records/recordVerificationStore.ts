// Verification state as records of a RecordStore: a record a conversation (its open challenges), a
// send budget (its sends), a failure key (its failures and lock-out) and a user (their step-up
// grants). Every change is a read-modify-write at the record's version (updateRecord), so two
// instances over one store never both take the last unit of a limit. A record the change leaves with
// nothing to keep is written as an empty marker, then removed at that version (a write that came
// between keeps it). The single verification.json of earlier versions is taken over once.
import { existsSync } from 'node:fs';
import { readFile, rename } from 'node:fs/promises';
import { updateRecord, VersionConflictError, type RecordStore } from '../../core/ports/recordStore.js';
import type {
  Changed, CodeChallenge, ConversationChallenges, FailureLog, SendLog, StepUpGrant, StepUpGrants, VerificationKind, VerificationRecords, VerificationStore,
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

  /** Takes over the single file earlier versions kept (DATA_DIR/verification.json), once; returns how many records it made. */
  async importLegacyFile(file: string): Promise<number> {
    if (!existsSync(file)) return 0;
    const records = legacyRecords(JSON.parse(await readFile(file, 'utf8')) as LegacyFile);
    for (const [kind, key, value] of records) {
      try {
        await this.records.put(verificationPartitions[kind], key, value, { absent: true });
      } catch (error) {
        // The record exists already (an import cut short, then run again): what is there stands.
        if (!(error instanceof VersionConflictError)) throw error;
      }
    }
    await rename(file, `${file}.imported`);
    return records.length;
  }
}

/** The one file of earlier versions: every record of every kind in one list each. */
interface LegacyFile {
  readonly challenges?: readonly CodeChallenge[];
  readonly sends?: readonly { readonly key: string; readonly at: string }[];
  readonly failures?: readonly { readonly key: string; readonly at: string }[];
  readonly lockouts?: readonly { readonly key: string; readonly until: string }[];
  readonly stepUps?: readonly StepUpGrant[];
}

type LegacyRecord = { [K in VerificationKind]: [K, string, VerificationRecords[K]] }[VerificationKind];

/** The records the old file's lists make: grouped by conversation, budget key, failure key and user. */
function legacyRecords(legacy: LegacyFile): LegacyRecord[] {
  const group = <T, V>(items: readonly T[] | undefined, keyOf: (item: T) => string, add: (value: V | undefined, item: T) => V): Map<string, V> => {
    const grouped = new Map<string, V>();
    for (const item of items ?? []) grouped.set(keyOf(item), add(grouped.get(keyOf(item)), item));
    return grouped;
  };
  const challenges = group<CodeChallenge, ConversationChallenges>(legacy.challenges, (c) => c.conversationId, (open, c) => ({ ...open, [c.purpose]: c }));
  const sends = group<{ key: string; at: string }, SendLog>(legacy.sends, (s) => s.key, (log, s) => ({ sends: [...(log?.sends ?? []), { at: s.at, requestId: 'imported' }] }));
  const failures = group<{ key: string; at?: string; until?: string }, FailureLog>(
    [...(legacy.failures ?? []), ...(legacy.lockouts ?? [])],
    (f) => f.key,
    (log, f) => {
      const lockedUntil = [log?.lockedUntil, f.until].filter((u): u is string => u !== undefined).sort((a, b) => Date.parse(a) - Date.parse(b)).at(-1);
      const times = [...(log?.failures ?? []), ...(f.at === undefined ? [] : [f.at])].sort((a, b) => Date.parse(a) - Date.parse(b));
      return { failures: times, ...(lockedUntil === undefined ? {} : { lockedUntil }) };
    },
  );
  const stepUps = group<StepUpGrant, StepUpGrants>(legacy.stepUps, (s) => s.userId, (held, s) => ({ grants: [...(held?.grants ?? []).filter((g) => g.conversationId !== s.conversationId), s] }));
  return [
    ...[...challenges].map(([key, value]): LegacyRecord => ['challenges', key, value]),
    ...[...sends].map(([key, value]): LegacyRecord => ['sends', key, value]),
    ...[...failures].map(([key, value]): LegacyRecord => ['failures', key, value]),
    ...[...stepUps].map(([key, value]): LegacyRecord => ['stepUps', key, value]),
  ];
}

// The embedded record store: one small JSON file a record, in a folder a partition, under
// DATA_DIR. Why files and not one database file: a turn touches a handful of records, and each
// write then costs the size of that record, not of everything stored; nothing to install, and a
// record is readable with any editor (change one by hand only while the bot is stopped: a running
// bot may keep what it last read). Writes are atomic (a temp file with a name unique to this
// process and write, fsync, rename), serialized per record within the process (across instances
// of this class too), and checked against the version they expect.
//
// A member working alone (below) writes a record first as a line of its journal (recordJournal.ts:
// the lines of the writes that come together go to disk in one write and one fdatasync), and a
// second later, or on close, a checkpoint writes each record it holds to the record's own file,
// once however often it was written meanwhile, and deletes the journal. A write is acknowledged
// once its line is on disk; a journal left by a process that died (kill -9) is written to the
// files by the next member before anyone reads, and one that hands over to sharing empties its
// journal before it says it shares.
//
// Alone or shared. Usually one process owns DATA_DIR, and then nothing else writes its records:
// the lock files below would only cost (almost half of the store's time in a turn), and what it
// wrote last is what is on disk. So each instance (a process, or a second instance in one process,
// which is what the tests use to stand for one) is a member of the folder, a file in
// `.members/`, and works ALONE while it is the only live member: no lock files, and the records
// it read or wrote kept in memory. As soon as another member comes, every member works SHARED,
// exactly as a store shared by processes always did: a lock file a record while it checks and
// writes, so a conditional write is atomic across processes and updateRecord never loses another
// process's change; every read from disk. The hand-over: a member joining writes its file, and
// before its first write (its reads go to disk meanwhile) waits for every member working alone to
// say in its own file that it now shares (that member watches the folder, stops reading from
// memory, lets the writes it began without a lock finish, and only then says so). A member whose
// process is gone (on this machine: its pid, checked with the start time Linux gives; on another
// machine, or in another container with the same host name, told apart by the boot and the pid
// namespace: its file not touched for half a minute) is removed by whoever finds it; one left alone
// again goes back to working alone. The memory keeps each record's value, parsed once: a read
// (get) gets a deep copy (cheaper than parsing the text again), because callers change what they
// read, and a shared object would carry one caller's change to the next; a view gets the kept value
// itself, frozen all the way down, so that a change throws instead of reaching other readers.
//
// Why the small calls are synchronous: a record is a few kilobytes on a local disk, and reading
// one with fs/promises cost about 180 µs of CPU here against 14 µs with readFileSync (a put: 1.7
// ms against 0.45 ms); the event loop waits less on the synchronous call than it spends driving
// the asynchronous one. The calls that wait on the disk stay asynchronous, through the callback
// API, which costs far less than fs/promises: creating, writing and fsyncing a record's temp file,
// its rename, and the record journal's appends. (Creating a file waits for the file system's own
// journal, which other writes' fsyncs hold: openSync kept the event loop waiting 0.3 ms a write
// with 50 writes in flight.)
import { createHash, randomBytes } from 'node:crypto';
import {
  closeSync, mkdirSync, openSync, readdirSync, readFileSync, readlinkSync, rename, renameSync, statSync, unlinkSync, utimesSync, watch, writeFile, writeFileSync, type FSWatcher,
} from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { BoundedCache } from '../../core/boundedCache.js';
import { copyJson, freezeJson } from '../../core/json.js';
import { KeyedQueue } from '../../core/keyedQueue.js';
import { VersionConflictError, type ReadOptions, type RecordStore, type StoredRecord, type WriteCondition } from '../../core/ports/recordStore.js';
import { RecordJournal, syncFolder, type JournalEntries } from './recordJournal.js';

interface RecordFile<T> {
  readonly id: string;
  readonly version: string;
  readonly value: T;
}

/** A file name for any id: readable ids as they are, others (and long ones) by hash. */
function fileName(id: string): string {
  return /^[\w.@+-]{1,120}$/.test(id) && !id.startsWith('.') ? `${id}.json` : `~${createHash('sha256').update(id).digest('hex')}.json`;
}

const isMissing = (error: unknown): boolean => (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
const errorCode = (error: unknown): string | undefined => (error as NodeJS.ErrnoException | undefined)?.code;

/** A lock older than this is taken to be left by a crash, whoever holds it (a write takes milliseconds). */
const staleLockMs = 30_000;
/**
 * A lock that does not say who holds it, older than this, was left by a process that died between
 * creating it and writing its owner into it (the two are microseconds apart).
 */
const ownerlessLockMs = 2_000;
/** How long a writer waits for a record's lock before it gives up. */
const lockWaitMs = 60_000;
/** How often a member looks at the other members (besides watching their folder) and touches its own file. */
const lookEveryMs = 250;
const touchEveryMs = 5_000;
/** A member on another machine whose file was not touched for this long is gone. */
const silentMemberMs = 30_000;
/** How long a joining member waits for the others to share; longer than a silent member takes to be found gone. */
const joinWaitMs = 45_000;
/**
 * The bound of the memory of a member working alone: records, and characters of their text (their
 * values take about one and a half times as many bytes in memory as their text has characters).
 */
const cachedRecords = 5_000;
const cachedChars = 8_000_000;
/** A member working alone writes its journal's records to their files this long after a write, or when the journal has this many characters. */
const checkpointAfterMs = 1_000;
const checkpointChars = 4_000_000;
/**
 * Characters of journal beyond which, while a checkpoint writes records to their files, new writes
 * wait for it: writes that come faster than the files can take them slow down rather than grow the
 * journals (and the texts kept for them) without end.
 */
const backlogChars = 16_000_000;
/**
 * Record files a checkpoint writes at a time: few, so that the journal's own write and fdatasync,
 * which the turns wait for, find a free thread of libuv's pool (4) rather than queue behind them.
 */
const checkpointWidth = 2;

/** Tells this process's temp files, versions and members from any other's: drawn once, not a write. */
const processTag = randomBytes(6).toString('hex');

/**
 * Where this process's pid means something (Linux): the boot and the pid namespace. Two containers
 * may share a host name and both run as pid 1; a pid is only checked where it is this process's
 * own kind of pid. Where neither can be read, a place of this process's own: every other process
 * is then judged by its member file, not by a pid.
 */
function pidPlace(): { readonly boot: string; readonly tag: string } {
  try {
    const boot = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim().slice(0, 8);
    const namespace = /\[(\d+)\]/.exec(readlinkSync('/proc/self/ns/pid'))?.[1];
    if (/^[\da-f]{8}$/.test(boot) && namespace) return { boot, tag: `${boot}-${namespace}` };
  } catch {
    // not Linux, or /proc hidden
  }
  return { boot: '', tag: processTag };
}

const place = pidPlace();
/**
 * The machine, as a member's file name and a lock file say it: the host name, and where its pids
 * mean something (no "~" in it: a journal's name is its member's, "~", a number). Exported for the
 * tests, which make the files of members and locks of processes that died.
 */
export const hostTag = `${hostname()}_${place.tag}`.replace(/[^\w.-]/g, '_');
/** The end of the tag of a member of this boot (another container of this machine): its file's time is on this clock. */
const thisBoot = place.boot === '' ? undefined : new RegExp(`_${place.boot}-\\d+$`);
/** Writes (and members) of this process so far, for unique names and versions. */
let written = 0;
let joined = 0;
let journals = 0;
/** Creates or truncates a file, writes it and fsyncs it before it resolves. */
const writeFlushed = promisify(writeFile);
const renameFile = promisify(rename);

/** What a synchronous call returns or throws, as a promise. */
function settled<T>(work: () => T): Promise<T> {
  return new Promise((resolve) => {
    resolve(work());
  });
}

/** Removes a file; one that is already gone is fine. */
function unlinkIfPresent(file: string): void {
  try {
    unlinkSync(file);
  } catch (error) {
    if (!isMissing(error)) throw error;
  }
}

/** When the process of this pid started (Linux), so that a pid given to another process since is told apart. */
function startOf(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The fields after the command name, which is in parentheses: state is the 3rd, start time the 22nd.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

const processStarted = startOf(process.pid);

/** Whether the process of this pid on this machine is gone (or the pid now belongs to another process). */
function processGone(pid: number, started?: string): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return errorCode(error) === 'ESRCH';
  }
  const now = started === undefined ? undefined : startOf(pid);
  return now !== undefined && now !== started;
}

/** Whether the process that wrote this lock ("pid host") is gone: checked on this machine, else by age. */
async function isStale(lock: string): Promise<boolean> {
  let content: string;
  let age: number;
  try {
    [content, age] = await Promise.all([readFile(lock, 'utf8'), stat(lock).then((s) => Date.now() - s.mtimeMs)]);
  } catch (error) {
    if (isMissing(error)) return false;
    throw error;
  }
  if (age > staleLockMs) return true;
  const [pid, owner] = content.split(' ');
  if (!pid || !owner) return age > ownerlessLockMs;
  if (owner !== hostTag || !/^\d+$/.test(pid)) return false;
  return processGone(Number(pid));
}

type Mode = 'alone' | 'shared';
/** What a member's file says: how it works, and when its process started (Linux). */
interface MemberFile {
  readonly mode: Mode;
  readonly started?: string;
}

/** A member file's text, always of one length (see writeMember). */
function memberText(mode: Mode): string {
  return JSON.stringify({ mode, started: processStarted } satisfies MemberFile).padEnd(80);
}

/** The members of this process, by file name: alive, whatever became of an earlier process with this pid. */
const ownMembers = new Map<string, string>();
process.once('exit', () => {
  for (const file of ownMembers.values()) {
    try {
      unlinkSync(file);
    } catch {
      // Gone already, or the folder with it; whoever finds it left will remove it.
    }
  }
});

interface CachedRecord {
  /**
   * The record's value as JSON.parse gives it; only views hold it too, frozen (nobody changes it).
   * Not made yet for a record this process wrote (`text` only) until a view asks for it.
   */
  value?: unknown;
  /** The value's JSON text, for a record this process wrote: a read parses it into the reader's own copy. */
  readonly text?: string;
  readonly version: string;
  /** The length of the record file's text, what the memory is bounded by. */
  readonly chars: number;
}

/** Records by file path (null: no such record), the least recently used dropped first. */
class RecordCache {
  private readonly entries = new Map<string, CachedRecord | null>();
  private chars = 0;

  get(file: string): CachedRecord | null | undefined {
    const entry = this.entries.get(file);
    if (entry !== undefined) {
      this.entries.delete(file);
      this.entries.set(file, entry);
    }
    return entry;
  }

  set(file: string, entry: CachedRecord | null): void {
    this.forget(file);
    if (entry && entry.chars > cachedChars / 100) return;
    this.entries.set(file, entry);
    this.chars += entry?.chars ?? 0;
    while (this.entries.size > cachedRecords || this.chars > cachedChars) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.forget(oldest);
    }
  }

  clear(): void {
    this.entries.clear();
    this.chars = 0;
  }

  forget(file: string): void {
    const entry = this.entries.get(file);
    if (entry === undefined) return;
    this.entries.delete(file);
    this.chars -= entry?.chars ?? 0;
  }
}

export class FileRecords implements RecordStore {
  /** One queue for the process: two instances over one folder check and write a record in turn. */
  private static readonly queue = new KeyedQueue();
  private readonly madeDirs = new Set<string>();
  /** Folders this instance made whose names may not be on disk yet: synced into their parents before a write in them counts. */
  private readonly unsyncedDirs = new Set<string>();
  /** Record file paths by partition and id (a key that cannot be one of another pair): every operation needs one. */
  private readonly files = new BoundedCache<string>(cachedRecords);
  private readonly root: string;
  private readonly membersDir: string;
  private readonly journalDir: string;

  /** Out: not a member (yet, or any more); the next operation joins. */
  private state: 'out' | 'joining' | Mode = 'out';
  private joining: Promise<void> | undefined;
  /** This instance's member file, and its name. */
  private member = '';
  private memberName = '';
  /** Changes with every change of state: a write begun alone keeps its record in memory only while it still matches. */
  private generation = 0;
  private readonly cache = new RecordCache();
  /** Writes in progress (locked or not), and a waiter for none. */
  private writes = 0;
  private unlockedWrites = 0;
  private readonly drainWaiters: (() => void)[] = [];
  /** A hand-over (to shared, after the writes begun alone) under way; whether this member's file says it shares. */
  private switching = false;
  private saidShared = false;
  private watcher: FSWatcher | undefined;
  private looker: NodeJS.Timeout | undefined;
  private lookQueued = false;
  private touchedAt = 0;
  /** The member files seen at the last look, to skip the work when nobody came or went. */
  private listing = '';
  /** Members on other machines: when each file's time was last seen to change. */
  private readonly heard = new Map<string, { readonly mtimeMs: number; readonly at: number }>();
  /** Alone: the journal written to now, and those whose records are being (or failed to be) written to their files, oldest first. */
  private journal: RecordJournal | undefined;
  private retired: RecordJournal[] = [];
  private checkpointing: Promise<void> | undefined;
  private checkpointTimer: NodeJS.Timeout | undefined;
  /** A hand-over to shared, or a close, under way: writes wait for it (it writes the journal's records to their files first). */
  private handover: Promise<void> | undefined;
  /** A close under way: the looks leave the member as it is meanwhile. */
  private closing = false;
  /** Writes waiting to begin (for a hand-over, a close or a join). */
  private held = 0;

  /**
   * `joinWaitMs`: how long joining waits for the members working alone; `checkpointChars`,
   * `backlogChars`: the journal's length that starts a checkpoint at once, and the journals' length
   * at which writes wait for the checkpoint under way (tests shorten them).
   */
  constructor(root: string, private readonly options: {
    readonly joinWaitMs?: number; readonly checkpointChars?: number; readonly backlogChars?: number;
  } = {}) {
    this.root = path.resolve(root);
    this.membersDir = path.join(this.root, '.members');
    this.journalDir = path.join(this.root, '.journal');
  }

  private dir(partition: string): string {
    return path.join(this.root, fileName(partition).replace(/\.json$/, ''));
  }

  private file(partition: string, id: string): string {
    return this.files.get(`${partition.length}:${partition}${id}`, () => path.join(this.dir(partition), fileName(id)));
  }

  get<T>(partition: string, id: string, options: ReadOptions = {}): Promise<StoredRecord<T> | undefined> {
    return this.asMember(() => this.read<T>(this.file(partition, id), options.withText === true));
  }

  view<T>(partition: string, id: string): Promise<StoredRecord<T> | undefined> {
    return this.asMember(() => {
      const file = this.file(partition, id);
      if (this.state !== 'alone') {
        const record = this.read<T>(file);
        return record && freezeJson(record);
      }
      // The value kept in memory itself, frozen the first time it is viewed: no copy.
      const cached = this.cached(file);
      if (!cached) return undefined;
      cached.value ??= JSON.parse(cached.text as string) as unknown;
      return Object.freeze({ value: freezeJson(cached.value) as T, version: cached.version });
    });
  }

  put<T>(partition: string, id: string, value: T, condition: WriteCondition = { always: true }, text?: string): Promise<string> {
    const file = this.file(partition, id);
    // The value as it is now: the caller may change it while the write waits its turn.
    const valueText = text ?? JSON.stringify(value);
    if (valueText === undefined) return Promise.reject(new TypeError(`The record ${partition}/${id} has no JSON value.`));
    return FileRecords.queue.run(file, () => this.writing(file, async (remember, journal) => {
      // An unconditional write needs no look at what is there.
      if (!('always' in condition)) this.check(partition, id, file, condition);
      const version = `${Date.now().toString(36)}.${(written += 1).toString(36)}.${processTag}`;
      // JSON.stringify({ id, version, value }), with the value's text as it is.
      const fileText = `{"id":${JSON.stringify(id)},"version":${JSON.stringify(version)},"value":${valueText}}`;
      if (journal) await journal.append(file, fileText);
      else await this.writeAtomically(file, fileText);
      // What was written: a read parses it into its own copy.
      remember(() => ({ text: valueText, version, chars: fileText.length }));
      return version;
    }));
  }

  remove(partition: string, id: string, condition: WriteCondition = { always: true }): Promise<boolean> {
    const file = this.file(partition, id);
    return FileRecords.queue.run(file, () => this.writing(file, async (remember, journal) => {
      const existed = this.check(partition, id, file, condition);
      if (existed && journal) await journal.append(file, null);
      else if (existed) unlinkIfPresent(file);
      remember(() => null);
      return existed;
    }));
  }

  list<T>(partition: string): Promise<readonly (StoredRecord<T> & { readonly id: string })[]> {
    return this.asMember(() => this.recordFiles(partition).flatMap((name) => this.readFile<T>(path.join(this.dir(partition), name)) ?? []));
  }

  ids(partition: string): Promise<readonly string[]> {
    // A readable id is its file's name; a hashed one is read from its file.
    return this.asMember(() => this.recordFiles(partition).flatMap((name) =>
      name.startsWith('~') ? (this.readFile(path.join(this.dir(partition), name))?.id ?? []) : name.slice(0, -'.json'.length)));
  }

  /**
   * Runs a read once this instance is a member. A member that works alone may hold records newer
   * than their files (in its journal), so a newcomer reads nothing until it let the newcomer in,
   * which it does once those records are in their files; and what a member that died left in its
   * journal is written to the files first.
   */
  private asMember<T>(read: () => T): Promise<T> {
    return this.state === 'alone' || this.state === 'shared' ? settled(read) : this.join().then(read);
  }

  /**
   * Leaves the folder once the writes under way are done, so that another member may work alone
   * again. (A process that exits leaves by itself.) A write that comes meanwhile waits, joins
   * again and is done before close resolves, which then leaves again: when close resolves, every
   * write begun before is in its record file. A later operation joins again.
   */
  async close(): Promise<void> {
    await this.leaveFolder();
    // Writes that came while it left waited, and join again: once they are done, it leaves again.
    while (this.held > 0 || this.state !== 'out') {
      await new Promise((resolve) => setImmediate(resolve));
      await this.leaveFolder();
    }
  }

  /** Leaves once the writes under way are done, holding new ones meanwhile (they join again after). */
  private async leaveFolder(): Promise<void> {
    if (this.joining) await this.joining.catch(() => undefined);
    while (this.handover) await this.handover;
    if (this.state === 'out') return;
    // Writes that come meanwhile wait, then join again: none goes into a journal this member leaves.
    const closed = this.holdWrites();
    this.closing = true;
    try {
      await this.drained(() => this.writes);
      if (this.state === 'alone') await this.checkpoint();
      unlinkIfPresent(this.member);
      this.leave();
    } finally {
      this.closing = false;
      closed();
    }
  }

  /** Makes new writes wait (a hand-over, a close) until the returned function is called. */
  private holdWrites(): () => void {
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    this.handover = held;
    return () => {
      if (this.handover === held) this.handover = undefined;
      release();
    };
  }

  /** The names of a partition's record files (temp and lock files start with a dot), with those of the journals. */
  private recordFiles(partition: string): string[] {
    const dir = this.dir(partition);
    let names: string[];
    try {
      names = readdirSync(dir).filter((name) => name.endsWith('.json') && !name.startsWith('.'));
    } catch (error) {
      if (!isMissing(error)) throw error;
      names = [];
    }
    const journals = this.journals();
    if (journals.length === 0) return names;
    const listed = new Set(names);
    for (const journal of journals) {
      for (const [file, text] of journal.entries) {
        if (path.dirname(file) !== dir) continue;
        if (text === null) listed.delete(path.basename(file));
        else listed.add(path.basename(file));
      }
    }
    return [...listed];
  }

  /** The journals whose records are not all in their files yet, oldest first (only a member working alone has any). */
  private journals(): RecordJournal[] {
    return this.journal ? [...this.retired, this.journal] : this.retired;
  }

  /** A record's text in those journals (null: removed there), the newest line first. */
  private unwritten(file: string): string | null | undefined {
    const journals = this.journals();
    for (let i = journals.length - 1; i >= 0; i -= 1) {
      const text = journals[i]?.entries.get(file);
      if (text !== undefined) return text;
    }
    return undefined;
  }

  /** A record as a caller may keep and change it: from memory when alone, else from its file. */
  private read<T>(file: string, withText = false): StoredRecord<T> | undefined {
    if (this.state !== 'alone') {
      const record = this.readFile<T>(file);
      return record && { value: record.value, version: record.version };
    }
    const cached = this.cached(file);
    if (!cached) return undefined;
    const value = (cached.value === undefined ? JSON.parse(cached.text as string) : copyJson(cached.value)) as T;
    return withText && cached.text !== undefined ? { value, version: cached.version, text: cached.text } : { value, version: cached.version };
  }

  /** A record's value and version, from memory, read into it when missing there. */
  private cached(file: string): CachedRecord | null {
    let cached = this.cache.get(file);
    if (cached === undefined) {
      const text = this.readText(file);
      const record = text === undefined ? undefined : JSON.parse(text) as RecordFile<unknown>;
      cached = record === undefined || text === undefined ? null : { value: record.value, version: record.version, chars: text.length };
      this.cache.set(file, cached);
    }
    return cached;
  }

  /** Whether the record exists; throws VersionConflictError when the condition does not hold. */
  private check(partition: string, id: string, file: string, condition: WriteCondition): boolean {
    const version = this.state === 'alone' ? this.cached(file)?.version : this.readFile(file)?.version;
    if ('always' in condition) return version !== undefined;
    const holds = 'absent' in condition ? version === undefined : version === condition.version;
    if (!holds) throw new VersionConflictError(partition, id);
    return version !== undefined;
  }

  private readText(file: string): string | undefined {
    const unwritten = this.unwritten(file);
    if (unwritten !== undefined) return unwritten ?? undefined;
    try {
      return readFileSync(file, 'utf8');
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  private readFile<T>(file: string): RecordFile<T> | undefined {
    const text = this.readText(file);
    return text === undefined ? undefined : JSON.parse(text) as RecordFile<T>;
  }

  /** Makes a folder when this instance has not seen it yet; one it made waits in `unsyncedDirs` until its name is synced. */
  private ensureDir(dir: string): void {
    if (this.madeDirs.has(dir)) return;
    const first = mkdirSync(dir, { recursive: true });
    this.madeDirs.add(dir);
    if (first === undefined) return;
    // Every level made, from the first one down.
    for (let made = dir; made.length >= first.length; made = path.dirname(made)) this.unsyncedDirs.add(made);
  }

  /** Makes the names of the folders made so far last (a record in a folder whose name is lost would be lost too). */
  private async syncMadeDirs(): Promise<void> {
    if (this.unsyncedDirs.size === 0) return;
    const made = [...this.unsyncedDirs];
    await Promise.all([...new Set(made.map((dir) => path.dirname(dir)))].map((parent) => syncFolder(parent)));
    for (const dir of made) this.unsyncedDirs.delete(dir);
  }

  /**
   * Runs a write of `file`: alone, as it is, into the journal that `work` gets; shared, holding the
   * record's lock, into the file. `work` hands what is now in the record to `remember` (as a
   * function: it is made only when kept), which keeps it in memory while this member still works
   * alone as when the write began. Otherwise the record is dropped from memory: the member may have
   * gone (back) to working alone while the write waited on the disk, and read the file's older text
   * into memory meanwhile.
   */
  private async writing<T>(file: string, work: (remember: (entry: () => CachedRecord | null) => void, journal?: RecordJournal) => Promise<T>): Promise<T> {
    // A member, and not handing over or closing: a write waits for a hand-over or a close, then joins again if it left.
    for (;;) {
      const waitFor = this.handover ?? (this.state === 'out' || this.state === 'joining' ? this.join() : this.behind());
      if (!waitFor) break;
      this.held += 1;
      try {
        await waitFor;
      } finally {
        this.held -= 1;
      }
    }
    this.writes += 1;
    try {
      if (this.state !== 'alone') {
        return await this.locked(file, () => work(() => {
          this.cache.forget(file);
        }));
      }
      const generation = this.generation;
      this.unlockedWrites += 1;
      try {
        const journal = this.currentJournal();
        return await work((entry) => {
          if (this.generation === generation) this.cache.set(file, entry());
          else this.cache.forget(file);
        }, journal);
      } finally {
        this.unlockedWrites -= 1;
        this.checkpointSoon();
      }
    } finally {
      this.writes -= 1;
      for (const waiter of this.drainWaiters.splice(0)) waiter();
    }
  }

  /** Alone with more journal text than the checkpoints keep up with: the checkpoint under way, for a new write to wait for. */
  private behind(): Promise<void> | undefined {
    if (this.state !== 'alone' || !this.checkpointing) return undefined;
    let chars = 0;
    for (const journal of this.journals()) chars += journal.chars;
    return chars > (this.options.backlogChars ?? backlogChars) ? this.checkpointing.catch(() => undefined) : undefined;
  }

  /** Resolves once `count` (of the writes under way) is zero. */
  private async drained(count: () => number): Promise<void> {
    while (count() > 0) await new Promise<void>((resolve) => this.drainWaiters.push(resolve));
  }

  /** The journal this member writes to, alone; begun at the first write after a checkpoint. */
  private currentJournal(): RecordJournal {
    if (!this.journal) {
      this.ensureDir(this.journalDir);
      const newFolder = this.unsyncedDirs.has(this.journalDir);
      this.journal = new RecordJournal(this.root, path.join(this.journalDir, `${this.memberName}~${(journals += 1).toString(36).padStart(8, '0')}.log`), { newFolder });
    }
    return this.journal;
  }

  /** A checkpoint a moment after a write (the writes of that moment written once), at once when the journal is long. */
  private checkpointSoon(): void {
    if (!this.journal || this.checkpointing) return;
    if (this.journal.chars > (this.options.checkpointChars ?? checkpointChars)) {
      this.checkpoint().catch(() => undefined);
      return;
    }
    this.checkpointTimer ??= setTimeout(() => {
      this.checkpointTimer = undefined;
      // A checkpoint that failed (a full disk) leaves its journal to be read and written again at the next.
      this.checkpoint().catch(() => undefined);
    }, checkpointAfterMs).unref();
  }

  /**
   * Writes the records of the journals to their own files, then deletes the journals: the journal
   * begun now is retired (the next write begins another), and once every line appended to it is
   * on disk, its records are written (as a write shared would: temp file, fsync, rename) and their
   * folders synced. A record written again meanwhile is in the newer journal, which readers look at
   * first. Resolves once every journal retired by then is gone.
   */
  private checkpoint(): Promise<void> {
    clearTimeout(this.checkpointTimer);
    this.checkpointTimer = undefined;
    if (this.journal) {
      this.retired.push(this.journal);
      this.journal = undefined;
    }
    // After the checkpoint under way, whether it did its work or failed (then this one tries its journals again).
    const after = this.checkpointing?.catch(() => undefined) ?? Promise.resolve();
    const run = after.then(async () => {
      let discarded = false;
      while (this.retired.length > 0) {
        const oldest = this.retired[0] as RecordJournal;
        await oldest.idle();
        await this.writeRecords(oldest.entries);
        await oldest.discard();
        discarded = true;
        // By itself, not by place: a member that left meanwhile (and came back) has other journals.
        this.retired = this.retired.filter((journal) => journal !== oldest);
      }
      // The journals' removal lasts too: one that came back after a crash of the machine would be read over newer records.
      if (discarded) await syncFolder(this.journalDir);
    });
    const settledRun: Promise<void> = run.finally(() => {
      if (this.checkpointing !== settledRun) return;
      this.checkpointing = undefined;
      // The writes made while this one ran are in the journal begun meanwhile: their checkpoint comes next.
      if (this.state === 'alone') this.checkpointSoon();
    });
    this.checkpointing = settledRun;
    return settledRun;
  }

  /** Writes records to their files (null: removes the file), a few at a time, and syncs their folders. */
  private async writeRecords(entries: JournalEntries): Promise<void> {
    const all = [...entries];
    for (let start = 0; start < all.length; start += checkpointWidth) {
      await Promise.all(all.slice(start, start + checkpointWidth).map(([file, text]) =>
        (text === null ? settled(() => unlinkIfPresent(file)) : this.writeAtomically(file, text))));
    }
    await Promise.all([...new Set(all.map(([file]) => path.dirname(file)))].map((dir) => syncFolder(dir).catch((error: unknown) => {
      if (!isMissing(error)) throw error;
    })));
  }

  /**
   * Writes what the journals of members that are gone hold to the record files, oldest first, and
   * deletes those journals (holding a lock, so that two newcomers do not both do it). A member that
   * was gone had worked alone: nobody else wrote meanwhile, and nobody writes before this is done.
   */
  private async replayLeftJournals(): Promise<void> {
    const left = (): string[] => {
      let names: string[];
      try {
        names = readdirSync(this.journalDir).filter((name) => name.endsWith('.log') && !name.startsWith('.'));
      } catch (error) {
        if (isMissing(error)) return [];
        throw error;
      }
      if (names.length === 0) return [];
      const live = new Set(this.memberNames());
      return names.filter((name) => !live.has(name.slice(0, name.lastIndexOf('~')))).sort();
    };
    if (left().length === 0) return;
    await this.locked(path.join(this.journalDir, 'replay'), async () => {
      for (const name of left()) {
        const file = path.join(this.journalDir, name);
        let entries: JournalEntries;
        try {
          entries = RecordJournal.read(this.root, file);
        } catch (error) {
          if (isMissing(error)) continue;
          throw error;
        }
        await this.writeRecords(entries);
        unlinkIfPresent(file);
      }
      await syncFolder(this.journalDir);
    });
  }

  private join(): Promise<void> {
    return (this.joining ??= this.enter().finally(() => {
      this.joining = undefined;
    }));
  }

  /**
   * Becomes a member: writes its file saying it may work alone, then looks at the others. With
   * none, it works alone (one that comes later waits for it to share). With others, it shares,
   * says so, and waits until none of them still works alone.
   */
  private async enter(): Promise<void> {
    // Writes begun before this member was found gone end first, and so does a checkpoint of those
    // days (its journals are read again below, and its files must not be written after them).
    await this.drained(() => this.unlockedWrites);
    await this.checkpointing?.catch(() => undefined);
    mkdirSync(this.membersDir, { recursive: true });
    this.memberName = `${process.pid}.${processTag}-${(joined += 1).toString(36)}.${hostTag}`;
    this.member = path.join(this.membersDir, this.memberName);
    this.createMember();
    this.saidShared = false;
    ownMembers.set(this.memberName, this.member);
    this.state = 'joining';
    this.listing = '';
    try {
      this.watchMembers();
      let others = this.liveOthers();
      if (others.length === 0) {
        await this.replayLeftJournals();
        this.become('alone');
        return;
      }
      this.writeMember('shared');
      this.saidShared = true;
      const waitMs = this.options.joinWaitMs ?? joinWaitMs;
      const deadline = Date.now() + waitMs;
      while (others.some((other) => other.mode === 'alone')) {
        if (Date.now() > deadline) {
          const waitedFor = others.find((other) => other.mode === 'alone')?.name ?? '';
          throw new Error(`Another process working alone on the records in ${this.root} did not let this one in within ${waitMs / 1000} s: `
            + `stop it, or, if it no longer runs, remove its file ${path.join(this.membersDir, waitedFor)}.`);
        }
        await new Promise((resolve) => setTimeout(resolve, 25));
        if (this.state !== 'joining') throw new Error(`This process lost its place among the members of ${this.root} while joining.`);
        others = this.liveOthers();
      }
      await this.replayLeftJournals();
      this.become('shared');
    } catch (error) {
      // Not in: no file left behind to stand for a member that never works; the next write tries again.
      if (this.state === 'joining') {
        unlinkIfPresent(this.member);
        this.leave();
      }
      throw error;
    }
  }

  private become(mode: Mode): void {
    this.state = mode;
    this.generation += 1;
    this.cache.clear();
  }

  /**
   * No longer a member: stops looking, forgets what it kept; the next operation joins again. A
   * journal not yet checkpointed stays on disk, for whoever joins next (this instance too) to write
   * its records to their files.
   */
  private leave(): void {
    this.watcher?.close();
    this.watcher = undefined;
    clearInterval(this.looker);
    this.looker = undefined;
    clearTimeout(this.checkpointTimer);
    this.checkpointTimer = undefined;
    for (const journal of this.journals()) journal.close().catch(() => undefined);
    this.journal = undefined;
    this.retired = [];
    ownMembers.delete(this.memberName);
    this.state = 'out';
    this.generation += 1;
    this.cache.clear();
  }

  /** Makes this member's file, whole (a rename), saying it may work alone. */
  private createMember(): void {
    const temp = path.join(this.membersDir, `.${this.memberName}.tmp`);
    writeFileSync(temp, memberText('alone'));
    renameSync(temp, this.member);
    this.touchedAt = Date.now();
  }

  /**
   * Changes what this member's file says, in place: a file taken for gone (or a folder removed)
   * is not made again (ENOENT). The text keeps its length, so a reader sees the old text, the new
   * one, or a mix it cannot parse and takes to say "alone", which only makes it wait a little.
   */
  private writeMember(mode: Mode): void {
    const fd = openSync(this.member, 'r+');
    try {
      writeFileSync(fd, memberText(mode));
    } finally {
      closeSync(fd);
    }
    this.touchedAt = Date.now();
  }

  private watchMembers(): void {
    try {
      this.watcher = watch(this.membersDir, { persistent: false }, () => {
        if (this.lookQueued) return;
        this.lookQueued = true;
        setImmediate(() => {
          this.lookQueued = false;
          this.lookSafely();
        });
      });
      this.watcher.on('error', () => {
        this.watcher?.close();
        this.watcher = undefined;
      });
    } catch {
      // Some file systems cannot be watched: the regular look finds a new member too, a little later.
    }
    this.looker = setInterval(() => this.lookSafely(), lookEveryMs);
    this.looker.unref();
  }

  private lookSafely(): void {
    try {
      this.look();
    } catch {
      // Looked again at the next tick; meanwhile nothing changes: a joining member waits for this one to share.
    }
  }

  /**
   * Looks at the members: working alone, shares when another came; sharing, works alone again
   * when the others left. Finds out too when this member was taken for gone (its file removed).
   */
  private look(): void {
    if (this.state !== 'out' && Date.now() - this.touchedAt > touchEveryMs) {
      // Members on other machines know this one lives by the time of its file (a missing one is found below).
      const now = new Date();
      try {
        utimesSync(this.member, now, now);
      } catch (error) {
        if (!isMissing(error)) throw error;
      }
      this.touchedAt = now.getTime();
    }
    if (this.switching || this.closing || (this.state !== 'alone' && this.state !== 'shared')) return;
    let names: string[];
    try {
      names = this.memberNames();
    } catch (error) {
      if (!isMissing(error)) throw error;
      names = [];
    }
    if (!names.includes(this.memberName)) {
      // Taken for a dead process's member, or the folder removed: out, until the next operation.
      this.leave();
      return;
    }
    const listing = names.join('/');
    if (this.state === 'alone' && listing === this.listing) return;
    this.listing = listing;
    const others = this.liveOthers(names);
    if ((this.state === 'alone' && others.length > 0) || (this.state === 'shared' && !this.saidShared)) void this.share();
    else if (this.state === 'shared' && others.length === 0) this.returnAlone();
  }

  /**
   * Another member came: new writes wait while the writes begun alone end and the journal's records
   * are written to their files; from then on every write locks and every read goes to disk, and
   * the member says so in its file, which the newcomer waits for.
   */
  private async share(): Promise<void> {
    this.switching = true;
    const handedOver = this.holdWrites();
    try {
      await this.drained(() => this.unlockedWrites);
      if (this.state === 'alone') {
        await this.checkpoint();
        this.become('shared');
      }
      if (this.state !== 'shared') return;
      this.writeMember('shared');
      this.saidShared = true;
    } catch (error) {
      // Taken for gone meanwhile: out. Else not done (a full disk): the next look tries again, and the newcomer waits meanwhile.
      if (isMissing(error)) this.leave();
      else this.listing = '';
    } finally {
      this.switching = false;
      handedOver();
    }
  }

  /**
   * The others left: says it works alone, then looks again, so that a member that came meanwhile
   * either read "shared" before this file changed (and is then seen in the second look) or waits.
   */
  private returnAlone(): void {
    this.saidShared = false;
    this.writeMember('alone');
    if (this.liveOthers().length > 0) {
      this.writeMember('shared');
      this.saidShared = true;
      return;
    }
    this.become('alone');
  }

  private memberNames(): string[] {
    return readdirSync(this.membersDir).filter((name) => !name.startsWith('.')).sort();
  }

  /** The other members that live, with what their files say; those gone are removed. */
  private liveOthers(names = this.memberNames()): { readonly name: string; readonly mode: Mode }[] {
    const others: { name: string; mode: Mode }[] = [];
    for (const name of names) {
      if (name === this.memberName) continue;
      const file = path.join(this.membersDir, name);
      const text = this.readText(file);
      if (text === undefined) continue;
      let member: MemberFile;
      try {
        member = JSON.parse(text) as MemberFile;
      } catch {
        // Written whole by a rename, so only a crash of the machine leaves it so: it may work alone.
        member = { mode: 'alone' };
      }
      if (this.isGone(name, file, member)) {
        unlinkIfPresent(file);
        unlinkIfPresent(path.join(this.membersDir, `.${name}.tmp`));
        this.heard.delete(name);
        continue;
      }
      others.push({ name, mode: member.mode === 'shared' ? 'shared' : 'alone' });
    }
    return others;
  }

  /**
   * Whether another member ("pid.tag.host") is gone: on this machine, by its process; in this
   * process, by the members it has; on another machine, by its file not touched for a while.
   */
  private isGone(name: string, file: string, member: MemberFile): boolean {
    const [pid = '', , ...rest] = name.split('.');
    const machine = rest.join('.');
    if (machine === hostTag && /^\d+$/.test(pid)) {
      return Number(pid) === process.pid ? !ownMembers.has(name) : processGone(Number(pid), member.started);
    }
    let mtimeMs: number;
    try {
      ({ mtimeMs } = statSync(file));
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
    // Another container of this machine (a restarted one's earlier self, say): its file's time is on this clock.
    if (thisBoot?.test(machine)) return Date.now() - mtimeMs > silentMemberMs;
    const heard = this.heard.get(name);
    if (heard?.mtimeMs !== mtimeMs) {
      this.heard.set(name, { mtimeMs, at: Date.now() });
      return false;
    }
    return Date.now() - heard.at > silentMemberMs;
  }

  /**
   * Runs `work` holding the record's lock file (created exclusively; it says which process holds
   * it), so no other process checks or writes the record meanwhile. A lock left by a process that
   * died is taken over: at once when that process ran on this machine, else once it is old.
   */
  private async locked<T>(file: string, work: () => Promise<T>): Promise<T> {
    const dir = path.dirname(file);
    this.ensureDir(dir);
    const lock = path.join(dir, `.${path.basename(file)}.lock`);
    const deadline = Date.now() + lockWaitMs;
    for (let attempt = 1; ; attempt += 1) {
      try {
        const fd = openSync(lock, 'wx');
        try {
          writeFileSync(fd, `${process.pid} ${hostTag}`);
        } finally {
          closeSync(fd);
        }
        break;
      } catch (error) {
        if (errorCode(error) !== 'EEXIST') throw error;
        if (await isStale(lock)) {
          unlinkIfPresent(lock);
          continue;
        }
        if (Date.now() > deadline) throw new Error(`The record ${file} stayed locked by another process (${lock}).`);
        await new Promise((resolve) => setTimeout(resolve, Math.min(50, attempt) * (0.5 + Math.random())));
      }
    }
    try {
      return await work();
    } finally {
      unlinkIfPresent(lock);
    }
  }

  private async writeAtomically(file: string, content: string): Promise<void> {
    const dir = path.dirname(file);
    this.ensureDir(dir);
    // A new partition's folder (or the journals'): its name lasts before a record in it is counted written.
    await this.syncMadeDirs();
    const temp = path.join(dir, `.${path.basename(file)}.${processTag}.${(written += 1).toString(36)}.tmp`);
    await writeFlushed(temp, content, { flush: true });
    await renameFile(temp, file);
  }
}

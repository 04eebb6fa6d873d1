// The journal of a member of the embedded record store working alone: each write of a record is a
// line appended to one file, and the lines of the writes that come while the disk is busy go out
// together, one write and one fdatasync for all of them (a group commit). A record's own file is
// written later, by a checkpoint, once for all the writes it had meanwhile. Why: creating, writing,
// fsyncing and renaming a temp file for every write cost about seven times the CPU of an appended
// line here, and most of a turn's cost in the store; a conversation's state is written every turn.
//
// A line is `{"f":<the record file, relative to the store's folder>,"r":<the record file's text, or
// null for a removal>}`. Every batch begins with a newline, so that a batch cut short (a full disk,
// a crash of the machine) leaves a line that does not parse and that the next batch does not join:
// reading the journal skips such a line. None of those lines was acknowledged, and a record has no
// later line than one not acknowledged (its writes wait for each other). A batch that failed (its
// write or its fdatasync) is cut off the file again, so that a write reported as failed does not
// come back when the journal is read after a crash; a journal that cannot cut it off takes no more.
import { close, closeSync, fdatasync, fsync, ftruncate, open, openSync, readFileSync, unlinkSync, write } from 'node:fs';
import path from 'node:path';

/** What the lines say at the end: each record file's last text (null: removed), by absolute path. */
export type JournalEntries = ReadonlyMap<string, string | null>;

interface Queued {
  readonly file: string;
  readonly text: string | null;
  readonly line: string;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/** Writes `buffer` from `offset` on at `position` in the file; resolves with how much was written. */
const writeAt = (fd: number, buffer: Buffer, offset: number, position: number): Promise<number> =>
  new Promise((resolve, reject) => {
    write(fd, buffer, offset, buffer.length - offset, position, (error, written) => (error ? reject(error) : resolve(written)));
  });
const dataSync = (fd: number): Promise<void> =>
  new Promise((resolve, reject) => {
    fdatasync(fd, (error) => (error ? reject(error) : resolve()));
  });
const truncateTo = (fd: number, length: number): Promise<void> =>
  new Promise((resolve, reject) => {
    ftruncate(fd, length, (error) => (error ? reject(error) : resolve()));
  });

/** The calls that make a batch last (tests make them fail). */
export interface JournalDisk {
  readonly dataSync: (fd: number) => Promise<void>;
}

/** Makes what a folder lists (a file created, renamed or removed in it) survive a crash of the machine. */
export function syncFolder(dir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    open(dir, 'r', (opened, fd) => {
      if (opened) {
        reject(opened);
        return;
      }
      fsync(fd, (synced) => {
        close(fd, (closed) => {
          const error = synced ?? closed;
          if (error) reject(error);
          else resolve();
        });
      });
    });
  });
}

export class RecordJournal {
  /** The records written so far and on disk (synced): what a reader gets instead of their files. */
  readonly entries = new Map<string, string | null>();
  /** Characters appended so far: a long journal is checkpointed early. */
  chars = 0;
  private fd: number | undefined;
  /** Bytes of the file written and synced: where the next batch goes, and what a failed one is cut back to. */
  private size = 0;
  /** Why the journal takes no more lines: a failed batch that could not be cut off. */
  private broken: Error | undefined;
  /** Its name in the folder is made to last with the first batch. */
  private named = false;
  private queued: Queued[] = [];
  private busy = false;
  private idleWaiters: (() => void)[] = [];

  /**
   * Creates the journal file (`file`, new) for records under `root`. `newFolder`: its folder was
   * just made, so the first batch makes the folder's own name last too.
   */
  constructor(private readonly root: string, readonly file: string, private readonly options: { readonly newFolder?: boolean; readonly disk?: JournalDisk } = {}) {
    this.fd = openSync(file, 'wx');
  }

  /** Appends a record's new text (null: removed); resolves once it is on disk, and from then on it is in `entries`. */
  append(file: string, text: string | null): Promise<void> {
    const line = `{"f":${JSON.stringify(path.relative(this.root, file))},"r":${text ?? 'null'}}\n`;
    this.chars += line.length;
    return new Promise((resolve, reject) => {
      this.queued.push({ file, text, line, resolve, reject });
      if (!this.busy) void this.writeQueued();
    });
  }

  /** Resolves once every line appended so far is on disk (or failed). */
  idle(): Promise<void> {
    return this.busy ? new Promise((resolve) => this.idleWaiters.push(resolve)) : Promise.resolve();
  }

  /** Closes the file, once idle; keeps it on disk. */
  async close(): Promise<void> {
    await this.idle();
    if (this.fd === undefined) return;
    closeSync(this.fd);
    this.fd = undefined;
  }

  /** Closes and deletes the file: every record it holds is in its own file now. */
  async discard(): Promise<void> {
    await this.close();
    try {
      unlinkSync(this.file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }

  private async writeQueued(): Promise<void> {
    this.busy = true;
    while (this.queued.length > 0) {
      const batch = this.queued;
      this.queued = [];
      try {
        if (this.fd === undefined) throw new Error(`The journal ${this.file} is closed.`);
        if (this.broken) throw this.broken;
        const buffer = Buffer.from(`\n${batch.map((queued) => queued.line).join('')}`, 'utf8');
        for (let offset = 0; offset < buffer.length;) offset += await writeAt(this.fd, buffer, offset, this.size + offset);
        await this.dataSync(this.fd);
        if (!this.named) {
          const folder = path.dirname(this.file);
          await syncFolder(folder);
          if (this.options.newFolder) await syncFolder(path.dirname(folder));
          this.named = true;
        }
        this.size += buffer.length;
      } catch (error) {
        await this.cutBack();
        for (const queued of batch) queued.reject(error);
        continue;
      }
      for (const queued of batch) this.entries.set(queued.file, queued.text);
      for (const queued of batch) queued.resolve();
    }
    this.busy = false;
    for (const waiter of this.idleWaiters.splice(0)) waiter();
  }

  /** Makes the file's data last (through the disk a test gives). */
  private dataSync(fd: number): Promise<void> {
    return (this.options.disk?.dataSync ?? dataSync)(fd);
  }

  /** Cuts a batch that failed off the file (some of it, or all, may have reached it); if that fails too, the journal takes no more. */
  private async cutBack(): Promise<void> {
    if (this.fd === undefined || this.broken) return;
    try {
      await truncateTo(this.fd, this.size);
      await this.dataSync(this.fd);
    } catch (error) {
      this.broken = new Error(`The journal ${this.file} could not take back a batch that failed: it takes no more records.`, { cause: error });
    }
  }

  /**
   * What a journal left on disk says (a member that stopped before its checkpoint), by absolute
   * path: lines that do not parse are skipped, and so is a path that leads out of `root`.
   */
  static read(root: string, file: string): JournalEntries {
    const entries = new Map<string, string | null>();
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (line === '') continue;
      let entry: { f?: unknown; r?: unknown };
      try {
        entry = JSON.parse(line) as { f?: unknown; r?: unknown };
      } catch {
        continue;
      }
      if (typeof entry.f !== 'string' || (entry.r !== null && typeof entry.r !== 'object')) continue;
      const target = path.resolve(root, entry.f);
      if (!target.startsWith(`${root}${path.sep}`)) continue;
      entries.set(target, entry.r === null ? null : JSON.stringify(entry.r));
    }
    return entries;
  }
}

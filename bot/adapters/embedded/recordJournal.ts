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
// later line than one not acknowledged (its writes wait for each other).
import { close, closeSync, fdatasync, fsync, open, openSync, readFileSync, unlinkSync, write } from 'node:fs';
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

const writeAt = (fd: number, buffer: Buffer, offset: number): Promise<number> =>
  new Promise((resolve, reject) => {
    write(fd, buffer, offset, buffer.length - offset, null, (error, written) => (error ? reject(error) : resolve(written)));
  });
const dataSync = (fd: number): Promise<void> =>
  new Promise((resolve, reject) => {
    fdatasync(fd, (error) => (error ? reject(error) : resolve()));
  });

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
  /** Its name in the folder is made to last with the first batch. */
  private named = false;
  private queued: Queued[] = [];
  private busy = false;
  private idleWaiters: (() => void)[] = [];

  /** Creates the journal file (`file`, new) for records under `root`. */
  constructor(private readonly root: string, readonly file: string) {
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
        const buffer = Buffer.from(`\n${batch.map((queued) => queued.line).join('')}`, 'utf8');
        for (let offset = 0; offset < buffer.length;) offset += await writeAt(this.fd, buffer, offset);
        await dataSync(this.fd);
        if (!this.named) {
          await syncFolder(path.dirname(this.file));
          this.named = true;
        }
      } catch (error) {
        for (const queued of batch) queued.reject(error);
        continue;
      }
      for (const queued of batch) this.entries.set(queued.file, queued.text);
      for (const queued of batch) queued.resolve();
    }
    this.busy = false;
    for (const waiter of this.idleWaiters.splice(0)) waiter();
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

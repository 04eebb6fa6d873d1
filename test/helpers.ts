// Shared test helpers: temporary data folders, the demo seed, a fixed clock, a log capture.
import crypto from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { syncBuiltinESMExports } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { createLogger, type Logger } from '../bot/logger.js';
import { paths } from '../bot/paths.js';
import { FileRecords } from '../bot/adapters/embedded/fileRecords.js';
import type { Seed, SeedObject } from '../bot/adapters/embedded/tenantSeed.js';

export interface TempDir {
  readonly dir: string;
  /**
   * A record store over a folder of this one (by default `records`, as DATA_DIR has it), closed by
   * `remove`: a store left open would write its journal to the record files a moment later, into
   * a folder being removed or gone.
   */
  readonly records: (folder?: string, options?: ConstructorParameters<typeof FileRecords>[1]) => FileRecords;
  /** Closes the record stores opened by `records`, then removes the folder. */
  readonly remove: () => Promise<void>;
}

export async function tempDir(prefix = 'assistant-test-'): Promise<TempDir> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  const opened: FileRecords[] = [];
  return {
    dir,
    records: (folder = path.join(dir, 'records'), options) => {
      const store = new FileRecords(folder, options);
      opened.push(store);
      return store;
    },
    remove: async () => {
      await Promise.all(opened.splice(0).map((store) => store.close()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export async function demoSeed(): Promise<Seed> {
  return JSON.parse(await readFile(paths.demoTenant, 'utf8')) as Seed;
}

/** A demo user with a password, chosen by a predicate on the seed object. */
export async function demoUser(predicate: (u: SeedObject) => boolean = () => true): Promise<SeedObject & { id: string; userPrincipalName: string; displayName: string; password: string }> {
  const seed = await demoSeed();
  const user = seed.users.find((u) => typeof u.password === 'string' && predicate(u));
  if (!user) throw new Error('No demo user matches');
  return user as SeedObject & { id: string; userPrincipalName: string; displayName: string; password: string };
}

/** The demo user whose user name starts with `name@`. */
export const demoUserNamed = (name: string): ReturnType<typeof demoUser> => demoUser((u) => String(u.userPrincipalName).startsWith(`${name}@`));

/** The six-digit code in a message the demo outbox received ('' when there is none). */
export const codeIn = (text: string | undefined): string => /\b(\d{6})\b/.exec(text ?? '')?.[1] ?? '';

export function captureLogs(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  return { logger: createLogger('debug', (line) => lines.push(line)), lines };
}

/** The scrypt cost parameter (N) of every scrypt run while `work` runs (node:crypto watched from the test, no hook in the product). */
export async function scryptRuns(work: () => Promise<unknown>): Promise<number[]> {
  const original = crypto.scrypt;
  const runs: number[] = [];
  (crypto as any).scrypt = (...args: any[]) => {
    runs.push(Number((args[3] as crypto.ScryptOptions).N));
    return (original as (...a: any[]) => void)(...args);
  };
  syncBuiltinESMExports();
  try {
    await work();
  } finally {
    (crypto as any).scrypt = original;
    syncBuiltinESMExports();
  }
  return runs;
}

/** Every file below `dir`, as paths relative to it (DATA_DIR keeps records in sub-folders). */
export async function filesIn(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name))).sort();
}

/** A phone number's + and digits only: the same number however a directory writes it (Graph keeps "+33 781234567", the embedded tenant the number as typed). */
export const phoneDigits = (phone: string | undefined): string => (phone ?? '').replace(/[^\d+]/g, '');

// `node dist/bench/seedImport.js [--users N] [--runs R] [--module path/to/embeddedDirectory.js]`:
// how long the first start takes to import a generated seed of N users into an empty DATA_DIR
// (hashing every password, writing the directory). Prints each run and the median. --module
// points at another build of the embedded directory, to compare with it on the same machine.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { FileRecords } from '../bot/adapters/embedded/fileRecords.js';
import { createLogger } from '../bot/logger.js';
import { benchTenant } from './benchKit.js';

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const users = Number(arg('users') ?? 2000);
const runs = Number(arg('runs') ?? 3);
const modulePath = path.resolve(arg('module') ?? path.join(import.meta.dirname, '..', 'bot', 'adapters', 'embedded', 'embeddedDirectory.js'));

interface Opener { open(options: { dataDir: string; seedFile: string; logger: unknown; store: unknown }): Promise<unknown> }
const { EmbeddedDirectory } = (await import(pathToFileURL(modulePath).href)) as { EmbeddedDirectory: Opener };

const work = await mkdtemp(path.join(os.tmpdir(), 'seed-import-bench-'));
const { seedFile } = await benchTenant(work, users);
const logger = createLogger(process.argv.includes('--verbose') ? 'info' : 'error', (line) => process.stdout.write(`${line}\n`));
const times: number[] = [];
try {
  for (let run = 1; run <= runs; run += 1) {
    const dataDir = path.join(work, `data-${run}`);
    const store = new FileRecords(path.join(dataDir, 'records'));
    const started = process.hrtime.bigint();
    await EmbeddedDirectory.open({ dataDir, seedFile, logger, store });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    await store.close();
    times.push(seconds);
    process.stdout.write(`run ${run}: ${users} users imported in ${seconds.toFixed(2)} s\n`);
  }
} finally {
  await rm(work, { recursive: true, force: true });
}
const sorted = [...times].sort((a, b) => a - b);
process.stdout.write(`median of ${runs}: ${(sorted[Math.floor(sorted.length / 2)] ?? 0).toFixed(2)} s (${modulePath})\n`);

// Azurite, the Azure Storage emulator, for the tests that run on Azure Storage: one process for the
// whole test run, started by the first test that asks, on loopback ports the system picks, in
// memory, and stopped by its own PID after the last test (or when the test process exits).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { paths } from '../bot/paths.js';

export interface Azurite {
  readonly connectionString: string;
  readonly blobPort: number;
  readonly tablePort: number;
  /** How long the emulator took to answer, in milliseconds. */
  readonly startMs: number;
}

/** The emulator's well-known development account (public, documented, not a secret). */
const account = 'devstoreaccount1';
const accountKey = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

let running: Promise<Azurite> | undefined;
let child: ChildProcess | undefined;

function start(): Promise<Azurite> {
  const started = Date.now();
  const bin = path.join(paths.root, 'node_modules', '.bin', 'azurite');
  const args = [
    '--blobHost', '127.0.0.1', '--tableHost', '127.0.0.1', '--queueHost', '127.0.0.1',
    '--blobPort', '0', '--tablePort', '0', '--queuePort', '0',
    '--inMemoryPersistence', '--extentMemoryLimit', '256', '--skipApiVersionCheck', '--silent', '--disableTelemetry',
  ];
  const emulator = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  child = emulator;
  return new Promise<Azurite>((resolve, reject) => {
    let output = '';
    const ports: Record<string, number> = {};
    const fail = (why: string) => reject(new Error(`Azurite did not start: ${why}\n${output}`));
    const timer = setTimeout(() => fail('no answer in 30 s'), 30_000);
    emulator.once('error', (error) => fail(error.message));
    const exited = (code: number | null) => fail(`exited with ${code}`);
    emulator.once('exit', exited);
    emulator.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    emulator.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      for (const [, service, port] of output.matchAll(/Azurite (Blob|Table|Queue) service is successfully listening at http:\/\/127\.0\.0\.1:(\d+)/g)) ports[service as string] = Number(port);
      const { Blob: blobPort, Table: tablePort, Queue: queuePort } = ports;
      if (blobPort === undefined || tablePort === undefined || queuePort === undefined) return;
      clearTimeout(timer);
      emulator.off('exit', exited);
      resolve({
        connectionString: `DefaultEndpointsProtocol=http;AccountName=${account};AccountKey=${accountKey};`
          + `BlobEndpoint=http://127.0.0.1:${blobPort}/${account};TableEndpoint=http://127.0.0.1:${tablePort}/${account};`,
        blobPort, tablePort, startMs: Date.now() - started,
      });
    });
  });
}

/** The test run's emulator, started on first use. */
export function azurite(): Promise<Azurite> {
  return (running ??= start());
}

/** Stops the emulator if it runs (by the PID of the process this module started). */
export async function stopAzurite(): Promise<void> {
  const current = child;
  child = undefined;
  running = undefined;
  if (!current || current.exitCode !== null || current.pid === undefined) return;
  const exited = new Promise<void>((resolve) => current.once('exit', () => resolve()));
  process.kill(current.pid, 'SIGTERM');
  const timer = setTimeout(() => current.pid !== undefined && current.exitCode === null && process.kill(current.pid, 'SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

/** A name no other test uses: tables take letters and digits, containers lowercase letters, digits and hyphens. */
export const uniqueName = (prefix: string): string => `${prefix}${randomBytes(5).toString('hex')}`;

// After the last test of the run (a root hook), and in any case when the test process exits.
if (typeof after === 'function') after(stopAzurite);
process.once('exit', () => {
  if (child?.pid !== undefined && child.exitCode === null) process.kill(child.pid, 'SIGKILL');
});

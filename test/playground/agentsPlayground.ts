// The Microsoft 365 Agents Playground (a Teams-like client, pinned in package.json) as the tests and
// `npm run playground` start it: on loopback only (the preload), with the repository's config file
// (Anna of the demo tenant is the signed-in Teams user), pointed at a bot, stopped by its PID.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { paths } from '../../bot/paths.js';
import { tempDir } from '../helpers.js';

export const playgroundConfig = path.join(paths.root, '.m365agentsplayground.yml');
const cli = path.join(paths.root, 'node_modules', '@microsoft', 'm365agentsplayground', 'cli.js');
const preload = fileURLToPath(new URL('./loopbackPreload.js', import.meta.url));

export interface Playground {
  /** Where its web UI is, e.g. http://127.0.0.1:41234. */
  readonly url: string;
  readonly port: number;
  readonly pid: number;
  /** Stops it (by its PID) and removes its log folder. */
  stop(): Promise<void>;
}

/** A port that was free on loopback a moment ago (the Playground needs it before it starts: it is in the serviceUrl). */
async function freePort(): Promise<number> {
  const server = net.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
}

async function waitUntilReady(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The Agents Playground stopped (exit ${child.exitCode}): ${output()}`);
    try {
      if ((await fetch(`${url}/_debug/ping`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`The Agents Playground did not answer /_debug/ping within 30 s: ${output()}`);
}

/** Starts the Playground against `botEndpoint` (…/api/messages), speaking as Teams (`msteams`). */
export async function startPlayground(botEndpoint: string): Promise<Playground> {
  const work = await tempDir('assistant-playground-');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [
    '--import', preload, cli,
    '--app-endpoint', botEndpoint, '--channel-id', 'msteams', '--port', String(port),
    '--service-url', `${url}/_connector`, '--disable-telemetry',
  ], {
    // Its log goes to ./devTools of its working folder: a temporary one.
    cwd: work.dir,
    env: { ...process.env, TEAMSAPPTESTER_BROWSER: 'none', M365_AGENTS_PLAYGROUND_CONFIG_PATH: playgroundConfig },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  assert.ok(child.pid, 'the Agents Playground started');
  const pid = child.pid;
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = once(child, 'exit');
      process.kill(pid, 'SIGTERM');
      // One that does not stop within 5 s is killed: an after hook must not hang the run.
      const late = setTimeout(() => process.kill(pid, 'SIGKILL'), 5000);
      await exited;
      clearTimeout(late);
    }
    await work.remove();
  };
  try {
    await waitUntilReady(url, child, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, port, pid, stop };
}

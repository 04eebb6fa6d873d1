// What the benchmarks share: a server started as its own process (and stopped by its PID), the
// demo users or a generated tenant, one simulated Teams conversation driver (help → profile
// rounds, warm-up not counted), and the process figures read from /proc.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { paths } from '../bot/paths.js';
import { hashPassword } from '../bot/adapters/embedded/passwordHash.js';
import { generatedSeed } from '../test/bot/adapters/embedded/generatedSeed.js';
import type { SeedObject } from '../bot/adapters/embedded/tenantSeed.js';

export interface Server { readonly child: ChildProcess; readonly url: string }

/** Starts a server script on a free port and resolves once it says where it is ready. */
export async function startServer(script: string, env: NodeJS.ProcessEnv, nodeFlags: readonly string[] = []): Promise<Server> {
  const child = spawn(process.execPath, [...nodeFlags, script], { env: { PATH: process.env.PATH, PORT: '0', LOG_LEVEL: 'error', ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const match = /ready on (http:\/\/[\d.:]+)/.exec(out);
      if (match) resolve(match[1] as string);
    });
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
  return { child, url };
}

/** The Node.js flags `npm start` gives the bot (package.json's start script): the bench measures the bot as it ships. */
export async function botNodeFlags(): Promise<string[]> {
  const scripts = (JSON.parse(await readFile(path.join(paths.root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  const start = /\bnode((?: --[\w-]+(?:=\S+)?)*) dist\/bot\/index\.js/.exec(scripts.start ?? '');
  if (!start) throw new Error('package.json: the start script does not run node dist/bot/index.js');
  return (start[1] ?? '').split(' ').filter(Boolean);
}

/** Starts the bot (dist/bot/index.js) as `npm start` does. */
export async function startBot(env: NodeJS.ProcessEnv): Promise<Server> {
  return startServer(path.join(paths.root, 'dist', 'bot', 'index.js'), env, await botNodeFlags());
}

export async function stopServer(server: Server): Promise<void> {
  // A server that died already (it crashed) has nothing left to stop, and no exit to wait for.
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  server.child.kill('SIGTERM');
  await exited;
}

/** The password of every user of a hashed bench tenant. */
export const benchPassword = 'Bench-Password-1';

/**
 * A tenant of `users` users shaped like the demo users, as a seed file in `dir` (for TENANT_SEED),
 * and their ids: for the seed import, and for as many users as conversations (in Teams a person
 * has one personal chat with the bot). With `hashed`, every user has the same password, given as
 * its hash (`passwordHash`), so that the first start imports 10,000 users in seconds rather than
 * minutes of scrypt: for benches of a large directory, not of its import.
 */
export async function benchTenant(dir: string, users: number, options: { readonly hashed?: boolean } = {}): Promise<{ readonly seedFile: string; readonly userIds: readonly string[] }> {
  const generated = await generatedSeed(users);
  const passwordHash = options.hashed ? await hashPassword(benchPassword) : undefined;
  const seed = passwordHash === undefined ? generated : { ...generated, users: generated.users.map(({ password: _password, ...user }): SeedObject => ({ ...user, passwordHash })) };
  const seedFile = path.join(dir, 'tenant-seed.json');
  await writeFile(seedFile, JSON.stringify(seed));
  return { seedFile, userIds: seed.users.map((u) => String(u.id)) };
}

/** Peak resident memory of a process, in MiB. */
export async function peakRssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}

/** Resident memory of a process now, in MiB. */
export async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}

/** CPU time (user + system, every thread) of a process so far, in milliseconds. */
export async function cpuMs(pid: number): Promise<number> {
  const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]?.split(' ') ?? [];
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

/** The median (of an even count, the mean of the middle two); NaN of none. */
export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] as number : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};

export const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

export interface Latencies { p50: number; p95: number; p99: number; turns: number; errors: number }

/** p50/p95/p99 of turn latencies (ms, one decimal), with the count of turns and of errors. */
export function latencyFigures(latencies: readonly number[], errors: number): Latencies {
  const sorted = [...latencies].sort((a, b) => a - b);
  return { p50: +percentile(sorted, 50).toFixed(1), p95: +percentile(sorted, 95).toFixed(1), p99: +percentile(sorted, 99).toFixed(1), turns: latencies.length, errors };
}

export interface Drive { readonly latencies: readonly number[]; readonly seconds: number; readonly errors: number }

/** A turn of the driver: a message typed, or a press of the first button of the last replies' cards whose data has this `action`. */
export type Turn = string | { readonly press: string };

/** The data of the first card button (Action.Submit or Action.Execute) in these replies whose data has this `action`. */
export function buttonData(replies: unknown, action: string): Record<string, unknown> | undefined {
  if (Array.isArray(replies)) {
    for (const item of replies) {
      const found = buttonData(item, action);
      if (found) return found;
    }
    return undefined;
  }
  if (typeof replies !== 'object' || replies === null) return undefined;
  const node = replies as Record<string, unknown>;
  const data = node.data as Record<string, unknown> | undefined;
  if (typeof node.type === 'string' && node.type.startsWith('Action.') && data?.action === action) return data;
  for (const value of Object.values(node)) {
    const found = buttonData(value, action);
    if (found) return found;
  }
  return undefined;
}

export interface DriveOptions {
  readonly conversations: number;
  readonly rounds: number;
  /** Runs just before the counted turns (to read the server's CPU time there). */
  readonly counting?: () => Promise<void>;
  /** What each round says (or which button it presses); help → show my profile unless told. */
  readonly turns?: readonly Turn[];
  readonly conversationPrefix?: string;
  /**
   * A pause before each counted turn, in ms, drawn between half and one and a half times this, as
   * people pause to read and type (0: each conversation sends its next turn the moment the last
   * one is answered, which measures throughput: then every turn queues behind the others, and by
   * Little's law latency is about conversations / throughput).
   */
  readonly thinkMs?: number;
  /** Hears each turn's replies (the activities of the expectReplies answer; none when it failed). */
  readonly onReplies?: (conversation: number, said: Turn, activities: readonly Record<string, unknown>[]) => void;
}

/**
 * N concurrent Teams conversations, each `rounds` × the turns over POST /api/messages with
 * expectReplies, after an uncounted warm-up round each.
 */
export async function driveConversations(url: string, userIds: readonly string[], options: DriveOptions): Promise<Drive> {
  const { conversations, rounds, counting, turns = ['help', 'show my profile'], conversationPrefix = 'bench', thinkMs = 0, onReplies } = options;
  const latencies: number[] = [];
  let errors = 0;
  // Each conversation's last replies: where a press finds its button.
  const lastReplies: unknown[] = [];
  const turn = async (conversation: number, said: Turn): Promise<void> => {
    const pressed = typeof said === 'string' ? undefined : buttonData(lastReplies[conversation], said.press);
    const started = performance.now();
    const response = await fetch(`${url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message', ...(typeof said === 'string' ? { text: said } : { value: pressed }), channelId: 'msteams', locale: 'en-US', deliveryMode: 'expectReplies',
        serviceUrl: 'http://127.0.0.1:9/', id: `${conversation}-${latencies.length}`, from: { id: `29:${conversation}`, aadObjectId: userIds[conversation % userIds.length] },
        recipient: { id: '28:bot' }, conversation: { id: `${conversationPrefix}-${conversation}` },
      }),
    });
    const body = await response.text();
    latencies.push(performance.now() - started);
    // A press with no such button on the last card is an error of the bench's script, counted as one.
    if (response.status !== 200 || (typeof said !== 'string' && pressed === undefined)) errors += 1;
    const replies = response.status === 200 ? (JSON.parse(body) as { activities?: Record<string, unknown>[] }) : undefined;
    lastReplies[conversation] = replies;
    onReplies?.(conversation, said, replies?.activities ?? []);
  };
  const pause = (): Promise<void> => (thinkMs > 0 ? new Promise((resolve) => setTimeout(resolve, thinkMs * (0.5 + Math.random()))) : Promise.resolve());
  // Warm-up, not counted: each of the turns once in every conversation.
  await Promise.all(Array.from({ length: conversations }, async (_, c) => {
    for (const text of turns) await turn(c, text);
  }));
  latencies.length = 0;
  errors = 0;
  await counting?.();
  const started = performance.now();
  await Promise.all(Array.from({ length: conversations }, async (_, c) => {
    for (let r = 0; r < rounds; r += 1) {
      for (const text of turns) {
        await pause();
        await turn(c, text);
      }
    }
  }));
  return { latencies, seconds: (performance.now() - started) / 1000, errors };
}

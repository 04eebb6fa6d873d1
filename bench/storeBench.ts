// `npm run bench:stores`: what a turn costs as the store fills. For each size (100, 1,000, 10,000
// stored conversations), a fresh DATA_DIR is filled with that many conversations' state, the
// server is started on it, and the same turns are driven (20 conversations, help → profile); the
// figures are the server's CPU time per turn and the turn latency. The goal: cost(10,000) /
// cost(100) ≤ 1.5.
// Options: --sizes 100,1000,10000  --conversations 20  --rounds 5
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { FileRecords } from '../bot/adapters/embedded/fileRecords.js';
import { paths } from '../bot/paths.js';

const option = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const sizes = option('sizes', '100,1000,10000').split(',').map(Number);
const conversations = Number(option('conversations', '20'));
const rounds = Number(option('rounds', '5'));

async function start(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [path.join(paths.root, 'dist', 'bot', 'index.js')], { env: { PATH: process.env.PATH, PORT: '0', LOG_LEVEL: 'error', ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const match = /ready on (http:\/\/[\d.:]+)/.exec(out);
      if (match) resolve(match[1] as string);
    });
    child.once('exit', (code) => reject(new Error(`the server exited with ${code}`)));
  });
  return { child, url };
}

/** CPU time (user + system) of a process so far, in milliseconds. */
async function cpuMs(pid: number): Promise<number> {
  const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]?.split(' ') ?? [];
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / 100;
}

/** State much like a real conversation's: a finished dialog, a language, the last 20 turns. */
function conversationState(n: number): Record<string, unknown> {
  const at = new Date(Date.UTC(2026, 10, 1) + n * 60_000).toISOString();
  return {
    dialogState: { dialogStack: [] },
    conversation: { locale: 'en' },
    recentTurns: Array.from({ length: 20 }, (_, i) => ({ from: i % 2 ? 'bot' : 'user', text: i % 2 ? '[Your profile]' : 'show my profile', at })),
  };
}

async function fill(dataDir: string, count: number): Promise<void> {
  const records = new FileRecords(path.join(dataDir, 'records'));
  for (let i = 0; i < count; i += 64) {
    await Promise.all(Array.from({ length: Math.min(64, count - i) }, (_, j) => records.put('state', `msteams/conversations/stored-${i + j}/`, conversationState(i + j))));
  }
}

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

const seed = JSON.parse(await readFile(paths.demoTenant, 'utf8')) as { users: { id: string }[] };
const userIds = seed.users.map((u) => u.id);
const results: Record<string, { cpuMsPerTurn: number; p50: number; p95: number; turns: number; errors: number }> = {};
for (const size of sizes) {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'assistant-store-bench-'));
  try {
    await fill(dataDir, size);
    const { child, url } = await start({ DATA_DIR: dataDir });
    try {
      const latencies: number[] = [];
      let errors = 0;
      const turn = async (c: number, text: string): Promise<void> => {
        const started = performance.now();
        const response = await fetch(`${url}/api/messages`, {
          method: 'POST', headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            type: 'message', text, channelId: 'msteams', locale: 'en-US', deliveryMode: 'expectReplies', serviceUrl: 'http://127.0.0.1:9/',
            id: `${c}-${latencies.length}`, from: { id: `29:${c}`, aadObjectId: userIds[c % userIds.length] }, recipient: { id: '28:bot' }, conversation: { id: `bench-${c}` },
          }),
        });
        await response.text();
        if (response.status !== 200) errors += 1;
        latencies.push(performance.now() - started);
      };
      await Promise.all(Array.from({ length: conversations }, (_, c) => turn(c, 'help')));
      latencies.length = 0;
      const cpuBefore = await cpuMs(child.pid as number);
      await Promise.all(Array.from({ length: conversations }, async (_, c) => {
        for (let r = 0; r < rounds; r += 1) {
          await turn(c, 'help');
          await turn(c, 'show my profile');
        }
      }));
      const cpu = (await cpuMs(child.pid as number)) - cpuBefore;
      const sorted = [...latencies].sort((a, b) => a - b);
      results[`${size} stored`] = { cpuMsPerTurn: +(cpu / latencies.length).toFixed(2), p50: +percentile(sorted, 50).toFixed(1), p95: +percentile(sorted, 95).toFixed(1), turns: latencies.length, errors };
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}
console.log(`turn cost by stored conversations (${conversations} conversations × ${rounds} rounds of help → profile)`);
console.table(results);
const figures = Object.values(results);
const first = figures[0];
const last = figures.at(-1);
if (first && last) console.log(JSON.stringify({ results, ratio: { cpuPerTurn: +(last.cpuMsPerTurn / first.cpuMsPerTurn).toFixed(2), p95: +(last.p95 / first.p95).toFixed(2) } }));
if (figures.some((f) => f.errors > 0)) process.exitCode = 1;

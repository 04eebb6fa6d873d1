// `npm run bench`: N concurrent simulated conversations over HTTP (help → profile, several rounds)
// against the bot and against a bare botbuilder echo bot in the same run. Prints p50/p95/p99 turn
// latency, turns per second and peak RSS of each server process, and the ratios.
// Options: --conversations N (default 40), --rounds R (default 5).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { paths } from '../bot/paths.js';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const conversations = arg('conversations', 40);
const rounds = arg('rounds', 5);

interface Figures { p50: number; p95: number; p99: number; turnsPerSecond: number; peakRssMb: number; turns: number; errors: number }

async function startServer(script: string, env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [script], { env: { PATH: process.env.PATH, PORT: '0', LOG_LEVEL: 'error', ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
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

async function peakRss(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

async function drive(url: string, pid: number, userIds: string[]): Promise<Figures> {
  const latencies: number[] = [];
  let errors = 0;
  const turn = async (conversation: number, text: string): Promise<void> => {
    const started = performance.now();
    const response = await fetch(`${url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message', text, channelId: 'msteams', locale: 'en-US', deliveryMode: 'expectReplies', serviceUrl: 'http://127.0.0.1:9/',
        id: `${conversation}-${latencies.length}`, from: { id: `29:${conversation}`, aadObjectId: userIds[conversation % userIds.length] },
        recipient: { id: '28:bot' }, conversation: { id: `bench-${conversation}` },
      }),
    });
    await response.text();
    if (response.status !== 200) errors += 1;
    latencies.push(performance.now() - started);
  };
  // Warm-up: one turn per conversation, not counted.
  await Promise.all(Array.from({ length: conversations }, (_, c) => turn(c, 'help')));
  latencies.length = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: conversations }, async (_, c) => {
    for (let r = 0; r < rounds; r += 1) {
      await turn(c, 'help');
      await turn(c, 'show my profile');
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    p50: +percentile(sorted, 50).toFixed(1), p95: +percentile(sorted, 95).toFixed(1), p99: +percentile(sorted, 99).toFixed(1),
    turnsPerSecond: +(latencies.length / seconds).toFixed(1), peakRssMb: await peakRss(pid), turns: latencies.length, errors,
  };
}

const seed = JSON.parse(await readFile(paths.demoTenant, 'utf8')) as { users: { id: string }[] };
const userIds = seed.users.map((u) => u.id);
const dataDir = await mkdtemp(path.join(os.tmpdir(), 'assistant-bench-'));
const results: Record<string, Figures> = {};
try {
  for (const [name, script, env] of [
    ['echo bot', path.join(paths.root, 'dist', 'bench', 'echoBot.js'), {}],
    ['assistant', path.join(paths.root, 'dist', 'bot', 'index.js'), { DATA_DIR: dataDir }],
  ] as const) {
    const { child, url } = await startServer(script, env);
    try {
      results[name] = await drive(url, child.pid as number, userIds);
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  }
} finally {
  await rm(dataDir, { recursive: true, force: true });
}

const bot = results.assistant as Figures;
const echo = results['echo bot'] as Figures;
console.log(`${conversations} concurrent conversations × ${rounds} rounds of help → profile (turn latency in ms)`);
console.table(results);
const ratio = (a: number, b: number): number => +(a / b).toFixed(2);
console.log(JSON.stringify({
  conversations, rounds, assistant: bot, echo,
  ratio: { p50: ratio(bot.p50, echo.p50), p95: ratio(bot.p95, echo.p95), p99: ratio(bot.p99, echo.p99), turnsPerSecond: ratio(bot.turnsPerSecond, echo.turnsPerSecond), peakRss: ratio(bot.peakRssMb, echo.peakRssMb) },
}));
if (bot.errors > 0 || echo.errors > 0) process.exitCode = 1;

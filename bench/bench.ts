// `npm run bench`: N concurrent simulated conversations over HTTP (help → profile, several rounds)
// against the bot and against a bare botbuilder echo bot in the same run. Prints p50/p95/p99 turn
// latency, turns per second and peak RSS of each server process, and the ratios.
// Options: --conversations N (default 40), --rounds R (default 5).
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { paths } from '../bot/paths.js';
import { demoUserIds, driveConversations, peakRssMb, percentile, startServer, stopServer } from './benchKit.js';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const conversations = arg('conversations', 40);
const rounds = arg('rounds', 5);

interface Figures { p50: number; p95: number; p99: number; turnsPerSecond: number; peakRssMb: number; turns: number; errors: number }

async function drive(url: string, pid: number, userIds: readonly string[]): Promise<Figures> {
  const { latencies, seconds, errors } = await driveConversations(url, userIds, conversations, rounds);
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    p50: +percentile(sorted, 50).toFixed(1), p95: +percentile(sorted, 95).toFixed(1), p99: +percentile(sorted, 99).toFixed(1),
    turnsPerSecond: +(latencies.length / seconds).toFixed(1), peakRssMb: await peakRssMb(pid), turns: latencies.length, errors,
  };
}

const userIds = await demoUserIds();
const dataDir = await mkdtemp(path.join(os.tmpdir(), 'assistant-bench-'));
const results: Record<string, Figures> = {};
try {
  for (const [name, script, env] of [
    ['echo bot', path.join(paths.root, 'dist', 'bench', 'echoBot.js'), {}],
    ['assistant', path.join(paths.root, 'dist', 'bot', 'index.js'), { DATA_DIR: dataDir }],
  ] as const) {
    const server = await startServer(script, env);
    try {
      results[name] = await drive(server.url, server.child.pid as number, userIds);
    } finally {
      await stopServer(server);
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

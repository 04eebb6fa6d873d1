// `npm run bench:stores`: what a turn costs as the store fills. For each size (100, 1,000, 10,000
// stored conversations), a fresh DATA_DIR is filled with that many conversations' state, the
// server is started on it, and the same turns are driven (20 conversations, help → profile); the
// figures are the server's CPU time per turn and the turn latency. The goal: cost(10,000) /
// cost(100) ≤ 1.5.
// Options: --sizes 100,1000,10000  --conversations 20  --rounds 5
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { FileRecords } from '../bot/adapters/embedded/fileRecords.js';
import { statePartition } from '../bot/channel/recordStorage.js';
import { paths } from '../bot/paths.js';
import { cpuMs, demoUserIds, driveConversations, percentile, startServer, stopServer } from './benchKit.js';

const option = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const sizes = option('sizes', '100,1000,10000').split(',').map(Number);
const conversations = Number(option('conversations', '20'));
const rounds = Number(option('rounds', '5'));

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
    await Promise.all(Array.from({ length: Math.min(64, count - i) }, (_, j) => records.put(statePartition, `msteams/conversations/stored-${i + j}/`, conversationState(i + j))));
  }
}

const userIds = await demoUserIds();
const results: Record<string, { cpuMsPerTurn: number; p50: number; p95: number; turns: number; errors: number }> = {};
for (const size of sizes) {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'assistant-store-bench-'));
  try {
    await fill(dataDir, size);
    const server = await startServer(path.join(paths.root, 'dist', 'bot', 'index.js'), { DATA_DIR: dataDir });
    try {
      let cpuBefore = 0;
      const { latencies, errors } = await driveConversations(server.url, userIds, conversations, rounds, async () => {
        cpuBefore = await cpuMs(server.child.pid as number);
      });
      const cpu = (await cpuMs(server.child.pid as number)) - cpuBefore;
      const sorted = [...latencies].sort((a, b) => a - b);
      results[`${size} stored`] = { cpuMsPerTurn: +(cpu / latencies.length).toFixed(2), p50: +percentile(sorted, 50).toFixed(1), p95: +percentile(sorted, 95).toFixed(1), turns: latencies.length, errors };
    } finally {
      await stopServer(server);
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

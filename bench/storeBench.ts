// `npm run bench:stores`: what a turn costs as the store fills. For each store and size (100,
// 1,000, 10,000 stored items), a fresh DATA_DIR is filled, the server is started on it, and the
// same turns are driven (20 conversations); the figures are the server's CPU time per turn and the
// turn latency. The goal: cost(10,000) / cost(100) ≤ 1.5 for each store.
//   conversations: that many conversations' state stored; turns help → show my profile.
//   tickets: that many tickets stored (the demo users have 3 each, the rest are other people's);
//            turns help → show my tickets.
// Options: --stores conversations,tickets  --sizes 100,1000,10000  --conversations 20  --rounds 5
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { FileRecords } from '../bot/adapters/embedded/fileRecords.js';
import { RecordTickets } from '../bot/adapters/records/recordTickets.js';
import { statePartition } from '../bot/channel/recordStorage.js';
import { cpuMs, demoUserIds, driveConversations, percentile, startBot, stopServer } from './benchKit.js';

const option = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const stores = option('stores', 'conversations,tickets').split(',');
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

async function fillConversations(records: FileRecords, count: number): Promise<void> {
  for (let i = 0; i < count; i += 64) {
    await Promise.all(Array.from({ length: Math.min(64, count - i) }, (_, j) => records.put(statePartition, `msteams/conversations/stored-${i + j}/`, conversationState(i + j))));
  }
}

/** `count` tickets: three of each demo user's, the others spread over 2,000 other people. */
async function fillTickets(records: FileRecords, count: number, userIds: readonly string[]): Promise<void> {
  const tickets = new RecordTickets(records);
  const owner = (i: number): string => (i < userIds.length * 3 ? (userIds[i % userIds.length] as string) : `other-${i % 2000}`);
  for (let i = 0; i < count; i += 64) {
    await Promise.all(Array.from({ length: Math.min(64, count - i) }, (_, j) => tickets.create({
      userId: owner(i + j), userDisplayName: 'Bench User', channel: 'msteams', locale: 'en', category: 'other',
      description: `Ticket ${i + j}: the printer on the third floor asks for my password again.`, context: {},
      transcript: [{ from: 'user', text: 'open a ticket', at: new Date(Date.UTC(2026, 10, 1)).toISOString() }],
    }, new Date(Date.UTC(2026, 10, 1) + (i + j) * 60_000))));
  }
}

const turnsOf: Record<string, readonly string[]> = { conversations: ['help', 'show my profile'], tickets: ['help', 'show my tickets'] };
const userIds = await demoUserIds();
type Figures = { cpuMsPerTurn: number; p50: number; p95: number; turns: number; errors: number };
const results: Record<string, Record<string, Figures>> = {};
for (const store of stores) {
  const turns = turnsOf[store];
  if (!turns) throw new Error(`--stores: unknown store "${store}" (conversations, tickets)`);
  const byStore: Record<string, Figures> = {};
  results[store] = byStore;
  for (const size of sizes) {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'assistant-store-bench-'));
    try {
      const records = new FileRecords(path.join(dataDir, 'records'));
      if (store === 'tickets') await fillTickets(records, size, userIds);
      else await fillConversations(records, size);
      const server = await startBot({ DATA_DIR: dataDir });
      try {
        let cpuBefore = 0;
        const { latencies, errors } = await driveConversations(server.url, userIds, {
          conversations, rounds, turns, counting: async () => {
            cpuBefore = await cpuMs(server.child.pid as number);
          },
        });
        const cpu = (await cpuMs(server.child.pid as number)) - cpuBefore;
        const sorted = [...latencies].sort((a, b) => a - b);
        byStore[`${size} stored`] = { cpuMsPerTurn: +(cpu / latencies.length).toFixed(2), p50: +percentile(sorted, 50).toFixed(1), p95: +percentile(sorted, 95).toFixed(1), turns: latencies.length, errors };
      } finally {
        await stopServer(server);
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }
  console.log(`turn cost by stored ${store} (${conversations} conversations × ${rounds} rounds of ${turns.join(' → ')})`);
  console.table(byStore);
}
const ratios = Object.fromEntries(Object.entries(results).map(([store, bySize]) => {
  const figures = Object.values(bySize);
  const first = figures[0] as Figures;
  const last = figures.at(-1) as Figures;
  return [store, { cpuPerTurn: +(last.cpuMsPerTurn / first.cpuMsPerTurn).toFixed(2), p95: +(last.p95 / first.p95).toFixed(2) }];
}));
console.log(JSON.stringify({ results, ratio: ratios }));
if (Object.values(results).some((bySize) => Object.values(bySize).some((f) => f.errors > 0))) process.exitCode = 1;

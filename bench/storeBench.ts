// `npm run bench:stores`: what a turn costs as a store fills. For each store and size (100, 1,000,
// 10,000 stored items), a fresh DATA_DIR is filled and a bot started on it; the bots of one store
// run side by side and the same turns are driven against each in turn (20 conversations, each a
// user of its own; passes not counted to warm up, then --passes counted ones, the order rotating).
// The figures are the server's CPU time per turn (median of the passes) and the turn latency (all
// passes' turns). The goal: cost(10,000) / cost(100) ≤ 1.5 for each store (the CPU ratio is the
// median of the ratios pass by pass).
//   conversations: that many conversations' state stored; help → show my profile.
//   tickets:       that many tickets (3 of each driving user's, the rest other people's); help → show my tickets.
//   audit:         that many audit entries (5 of each driving user's, the rest other people's);
//                  sign me out everywhere → yes → what did you change on my account (a write and a read a round).
//   verification:  that many verification records of other people (open codes, send budgets, failures,
//                  step-ups); reset my password → the button that sends a code → cancel.
//   references:    that many other users' conversation references; help → show my profile, two
//                  conversations a user, so that the reference changes, and is written, on most turns.
//   directory:     a tenant of that many users (imported from a seed with hashed passwords);
//                  help → show my profile.
// Options: --stores conversations,tickets,audit,verification,references,directory
//          --sizes 100,1000,10000  --conversations 20  --rounds 5  --warmup 2  --passes 5
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { FileRecords } from '../bot/adapters/embedded/fileRecords.js';
import { benchTenant, cpuMs, driveConversations, latencyFigures, median, startBot, stopServer, type Latencies, type Server } from './benchKit.js';
import { isStoreName, storeNames, storeScripts, type StoreName } from './storeScripts.js';

const option = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const stores = option('stores', storeNames.join(',')).split(',');
const sizes = option('sizes', '100,1000,10000').split(',').map(Number);
const conversations = Number(option('conversations', '20'));
const rounds = Number(option('rounds', '5'));
const warmupPasses = Number(option('warmup', '2'));
const passes = Number(option('passes', '5'));

type Figures = Latencies & { cpuMsPerTurn: number };

/** A bot on a filled DATA_DIR, and the users that drive it. */
interface Subject {
  readonly size: number;
  readonly server: Server;
  /** The users that drive pass n (warm-up passes first). */
  readonly usersOf: (pass: number) => readonly string[];
}

/** A fresh DATA_DIR holding `size` items of the store, and a bot started on it. */
async function subject(store: StoreName, size: number, dataDirs: string[]): Promise<Subject> {
  const script = storeScripts[store];
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'assistant-store-bench-'));
  dataDirs.push(dataDir);
  const perPass = script.drivingUsers?.(conversations) ?? conversations;
  const passSets = script.freshUsersEachPass ? warmupPasses + passes : 1;
  const { seedFile, userIds } = await benchTenant(dataDir, Math.max(script.tenantUsers?.(size) ?? 0, perPass * passSets), { hashed: true });
  const usersOf = (pass: number): readonly string[] => userIds.slice((pass % passSets) * perPass, (pass % passSets + 1) * perPass);
  if (script.fill) {
    const records = new FileRecords(path.join(dataDir, 'records'));
    await script.fill(records, size, usersOf(warmupPasses));
    // Leaves the folder, so that the bot works in it alone, as it would.
    await records.close();
  }
  return { size, server: await startBot({ DATA_DIR: dataDir, TENANT_SEED: seedFile }), usersOf };
}

interface Pass { readonly latencies: readonly number[]; readonly errors: number; readonly cpuMsPerTurn: number }

/**
 * One store at every size: a bot for each size side by side, each warmed up, then driven in turn,
 * pass after pass (the order rotating), so that a shared machine's changes of speed weigh on every
 * size alike. CPU per turn: the median of the passes; latency: every pass's turns together.
 */
async function measure(store: StoreName): Promise<{ readonly bySize: Record<string, Figures>; readonly ratio: { readonly cpuPerTurn: number; readonly p95: number } }> {
  const turns = storeScripts[store].turns;
  const dataDirs: string[] = [];
  const subjects: Subject[] = [];
  const passesOf = new Map<number, Pass[]>(sizes.map((size) => [size, []]));
  try {
    for (const size of sizes) subjects.push(await subject(store, size, dataDirs));
    for (let pass = 0; pass < warmupPasses; pass += 1) {
      for (const s of subjects) await driveConversations(s.server.url, s.usersOf(pass), { conversations, rounds: 1, turns, conversationPrefix: `warm-${pass}` });
    }
    for (let pass = 0; pass < passes; pass += 1) {
      const order = subjects.map((_, i) => subjects[(i + pass) % subjects.length] as Subject);
      for (const s of order) {
        const pid = s.server.child.pid as number;
        let cpuBefore = 0;
        const { latencies, errors } = await driveConversations(s.server.url, s.usersOf(warmupPasses + pass), {
          conversations, rounds, turns, conversationPrefix: `pass-${pass}`, counting: async () => {
            cpuBefore = await cpuMs(pid);
          },
        });
        passesOf.get(s.size)?.push({ latencies, errors, cpuMsPerTurn: ((await cpuMs(pid)) - cpuBefore) / latencies.length });
      }
    }
  } finally {
    await Promise.allSettled(subjects.map((s) => stopServer(s.server)));
    await Promise.allSettled(dataDirs.map((dir) => rm(dir, { recursive: true, force: true })));
  }
  const bySize: Record<string, Figures> = {};
  for (const [size, runs] of passesOf) {
    bySize[`${size} stored`] = {
      cpuMsPerTurn: +median(runs.map((r) => r.cpuMsPerTurn)).toFixed(2),
      ...latencyFigures(runs.flatMap((r) => r.latencies), runs.reduce((sum, r) => sum + r.errors, 0)),
    };
  }
  const smallest = passesOf.get(sizes[0] as number) ?? [];
  const largest = passesOf.get(sizes.at(-1) as number) ?? [];
  const first = bySize[`${sizes[0]} stored`] as Figures;
  const last = bySize[`${sizes.at(-1)} stored`] as Figures;
  return { bySize, ratio: { cpuPerTurn: +median(largest.map((r, i) => r.cpuMsPerTurn / (smallest[i] as Pass).cpuMsPerTurn)).toFixed(2), p95: +(last.p95 / first.p95).toFixed(2) } };
}

const unknown = stores.filter((store) => !isStoreName(store));
if (unknown.length > 0) throw new Error(`--stores: unknown store ${unknown.map((s) => `"${s}"`).join(', ')} (${storeNames.join(', ')})`);
const results: Record<string, Record<string, Figures>> = {};
const ratios: Record<string, { readonly cpuPerTurn: number; readonly p95: number }> = {};
for (const store of stores.filter(isStoreName)) {
  const { bySize, ratio } = await measure(store);
  results[store] = bySize;
  ratios[store] = ratio;
  console.log(`turn cost by stored ${store} (${conversations} conversations × ${rounds} rounds of ${storeScripts[store].turns.map((t) => (typeof t === 'string' ? t : `[${t.press}]`)).join(' → ')}, ${passes} passes)`);
  console.table(bySize);
}
console.log(JSON.stringify({ results, ratio: ratios }));
if (Object.values(results).some((bySize) => Object.values(bySize).some((f) => f.errors > 0))) process.exitCode = 1;

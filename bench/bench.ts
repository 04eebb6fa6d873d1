// `npm run bench`:
//   1. N concurrent simulated conversations over HTTP (help → profile, several rounds) against the
//      bot, against a bare botbuilder echo bot, against an echo bot that keeps its conversation
//      state on disk as the bot does and against one that also runs its turns through component
//      dialogs with the bot's own parts (bench/echoBot.ts), in the same run, each conversation a user
//      of its own (a generated tenant: in Teams a person has one personal chat with the bot), twice:
//      - back to back (each conversation sends its next turn the moment the last is answered):
//        turns per second, server CPU per turn, p50/p95/p99 turn latency, peak RSS, and the ratios.
//        Here every turn queues behind the others, so latency is about N / throughput (Little's
//        law) for any bot, the echo bot too. The four run side by side and are driven in turn,
//        --passes times each after --warmup passes not counted (their steady pace, not their
//        first minute's), so that a shared machine's changes of speed weigh on all alike;
//      - at a pace (a pause of --think ms, ± half, before each turn, as a person reads and types):
//        p50/p95/p99 turn latency when N conversations are active but not queued back to back.
//   2. The recognizer alone: time per utterance over the dev sets and the challenge sets of the four
//      languages, and the time it takes to be ready in a fresh process (wall clock and CPU time: on
//      a shared machine the wall clock also counts the other processes' turns, so the CPU time per
//      utterance is printed too).
//      `npm run bench -- --recognizer` runs only this part.
//   3. With --soak S: S seconds of turns from ever new conversations against one bot process,
//      its resident memory sampled every 10 s (flat is the goal).
// Options: --conversations N (default 40), --rounds R (default 5), --passes P (default 6),
// --warmup W (default 3), --think MS (default 1000),
// --users U (default: one a conversation; fewer share them out, so that each user talks in several
// conversations at once, as in several web chat pages, and the conversation the bot keeps for
// each user's notifications changes on most turns), --soak S (default 0: skipped).
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { promisify } from 'node:util';
import os from 'node:os';
import path from 'node:path';
import { paths } from '../bot/paths.js';
import { NlpRecognizer } from '../bot/core/nlu/recognizer.js';
import { supportedLocales } from '../bot/core/i18n/i18n.js';
import {
  benchTenant, botNodeFlags, cpuMs, driveConversations, latencyFigures, median, peakRssMb, percentile, rssMb, startBot, startServer, stopServer, type Latencies, type Server,
} from './benchKit.js';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const conversations = arg('conversations', 40);
const rounds = arg('rounds', 5);
const soakSeconds = arg('soak', 0);
const thinkMs = arg('think', 1000);
const users = arg('users', conversations);
const passes = arg('passes', 6);
const warmupPasses = arg('warmup', 3);

interface Figures extends Latencies { turnsPerSecond: number; cpuMsPerTurn: number; peakRssMb: number }

/** One pass back to back: its latencies, throughput and the server's CPU time per counted turn. */
interface Pass { readonly latencies: readonly number[]; readonly errors: number; readonly turnsPerSecond: number; readonly cpuMsPerTurn: number }

async function drivePass(server: Server, userIds: readonly string[]): Promise<Pass> {
  const pid = server.child.pid as number;
  let cpuBefore = 0;
  const { latencies, seconds, errors } = await driveConversations(server.url, userIds, {
    conversations, rounds, counting: async () => {
      cpuBefore = await cpuMs(pid);
    },
  });
  const cpu = (await cpuMs(pid)) - cpuBefore;
  return { latencies, errors, turnsPerSecond: latencies.length / seconds, cpuMsPerTurn: cpu / latencies.length };
}

/** At a pace: latency when the conversations pause between turns. */
async function drivePaced(url: string, userIds: readonly string[]): Promise<Latencies> {
  const { latencies, errors } = await driveConversations(url, userIds, { conversations, rounds, thinkMs, conversationPrefix: 'paced' });
  return latencyFigures(latencies, errors);
}

const recognizerOnly = process.argv.includes('--recognizer');
if (!recognizerOnly) await conversationFigures();

/**
 * N concurrent conversations against the bot, against a bare echo bot, against an echo bot that
 * keeps its conversation state on disk as the bot does and against one that runs its turns through
 * component dialogs as the bot does, back to back and at a pace. The four run side by side and are
 * driven in turn, pass after pass (the order rotating), so that a machine that
 * speeds up or slows down during the run weighs on all alike: throughput and CPU are the medians of
 * the passes, their ratios the medians of the ratios pass by pass, latency percentiles those of
 * every pass's turns together. The goal is set against the bare echo bot (`ratio`); the ratios to
 * the stateful one (`ratioToStatefulEcho`) show what the bot costs beyond keeping state at all, those
 * to the dialog echo (`ratioToDialogEcho`) what its own work costs: reading, deciding, showing.
 */
async function conversationFigures(): Promise<void> {
  const work = await mkdtemp(path.join(os.tmpdir(), 'assistant-bench-'));
  const names = ['echo bot', 'stateful echo', 'dialog echo', 'assistant'] as const;
  type Name = (typeof names)[number];
  const servers: Partial<Record<Name, Server>> = {};
  const runs: Record<Name, Pass[]> = { 'echo bot': [], 'stateful echo': [], 'dialog echo': [], assistant: [] };
  const results: Partial<Record<Name, Figures>> = {};
  const paced: Partial<Record<Name, Latencies>> = {};
  try {
    const { seedFile, userIds } = await benchTenant(work, users);
    // All with the Node flags the bot ships with (the echo bots gain nothing from them).
    const echoBot = path.join(paths.root, 'dist', 'bench', 'echoBot.js');
    servers['echo bot'] = await startServer(echoBot, {}, await botNodeFlags());
    servers['stateful echo'] = await startServer(echoBot, { STATE_DIR: path.join(work, 'echo-state') }, await botNodeFlags());
    servers['dialog echo'] = await startServer(echoBot, { STATE_DIR: path.join(work, 'dialog-echo-state'), DIALOGS: '1' }, await botNodeFlags());
    servers.assistant = await startBot({ DATA_DIR: path.join(work, 'data'), TENANT_SEED: seedFile });
    // Warm-up passes, not counted: the bots (and this driver) reach their steady pace only after a
    // few thousand turns, when V8 has compiled their hot code; a fresh echo bot runs at a third of it.
    for (let pass = 0; pass < warmupPasses; pass += 1) {
      for (const name of names) await drivePass(servers[name] as Server, userIds);
    }
    for (let pass = 0; pass < passes; pass += 1) {
      const order = names.map((_, i) => names[(i + pass) % names.length] as Name);
      for (const name of order) runs[name].push(await drivePass(servers[name] as Server, userIds));
    }
    for (const name of names) {
      const server = servers[name] as Server;
      const all = runs[name];
      results[name] = {
        ...latencyFigures(all.flatMap((r) => r.latencies), all.reduce((sum, r) => sum + r.errors, 0)),
        turnsPerSecond: +median(all.map((r) => r.turnsPerSecond)).toFixed(1), cpuMsPerTurn: +median(all.map((r) => r.cpuMsPerTurn)).toFixed(2),
        peakRssMb: await peakRssMb(server.child.pid as number),
      };
      paced[name] = await drivePaced(server.url, userIds);
    }
  } finally {
    await Promise.allSettled(Object.values(servers).map(stopServer));
    await rm(work, { recursive: true, force: true });
  }

  const bot = results.assistant as Figures;
  const echo = results['echo bot'] as Figures;
  const statefulEcho = results['stateful echo'] as Figures;
  const dialogEcho = results['dialog echo'] as Figures;
  const botPaced = paced.assistant as Latencies;
  const echoPaced = paced['echo bot'] as Latencies;
  const statefulEchoPaced = paced['stateful echo'] as Latencies;
  const dialogEchoPaced = paced['dialog echo'] as Latencies;
  const ratio = (a: number, b: number): number => +(a / b).toFixed(2);
  /** The median, pass by pass, of a figure of `of` over the same figure of `baseline` (the assistant's by default). */
  const passRatio = (figure: 'turnsPerSecond' | 'cpuMsPerTurn', baseline: Name, of: Name = 'assistant'): number =>
    +median(runs[of].map((r, i) => r[figure] / (runs[baseline][i] as Pass)[figure])).toFixed(2);
  console.log(`${conversations} concurrent conversations of ${users} users × ${rounds} rounds of help → profile, back to back, ${passes} passes of each bot in turn after ${warmupPasses} to warm up (turn latency in ms; throughput and CPU: medians of the passes)`);
  console.table(results);
  console.log(`the same at a pace: a pause of ${thinkMs} ms (± half) before each turn (turn latency in ms)`);
  console.table(paced);
  console.log(JSON.stringify({
    conversations, users, rounds, passes, warmupPasses, thinkMs, assistant: bot, echo, statefulEcho, dialogEcho, assistantPaced: botPaced, echoPaced, statefulEchoPaced, dialogEchoPaced,
    ratio: {
      p50: ratio(bot.p50, echo.p50), p95: ratio(bot.p95, echo.p95), p99: ratio(bot.p99, echo.p99), turnsPerSecond: passRatio('turnsPerSecond', 'echo bot'),
      cpuMsPerTurn: passRatio('cpuMsPerTurn', 'echo bot'), peakRss: ratio(bot.peakRssMb, echo.peakRssMb), pacedP95: ratio(botPaced.p95, echoPaced.p95),
    },
    ratioToStatefulEcho: {
      p95: ratio(bot.p95, statefulEcho.p95), turnsPerSecond: passRatio('turnsPerSecond', 'stateful echo'), cpuMsPerTurn: passRatio('cpuMsPerTurn', 'stateful echo'),
      pacedP95: ratio(botPaced.p95, statefulEchoPaced.p95),
    },
    ratioToDialogEcho: {
      p95: ratio(bot.p95, dialogEcho.p95), turnsPerSecond: passRatio('turnsPerSecond', 'dialog echo'), cpuMsPerTurn: passRatio('cpuMsPerTurn', 'dialog echo'),
      pacedP95: ratio(botPaced.p95, dialogEchoPaced.p95),
    },
    // What the dialogs and the state cost alone, against the bare echo bot.
    dialogEchoToEcho: { turnsPerSecond: passRatio('turnsPerSecond', 'echo bot', 'dialog echo'), cpuMsPerTurn: passRatio('cpuMsPerTurn', 'echo bot', 'dialog echo') },
  }));
  if ([bot, echo, statefulEcho, dialogEcho, botPaced, echoPaced, statefulEchoPaced, dialogEchoPaced].some((f) => f.errors > 0)) process.exitCode = 1;
}

/** The recognizer alone, in this process: every dev-set and challenge-set utterance of the four languages, three passes (the first warms up). */
async function recognizerFigures(): Promise<{ utterances: number; p50Us: number; p95Us: number; p99Us: number; meanUs: number; cpuP50Us: number; cpuP95Us: number }> {
  const recognizer = await NlpRecognizer.load();
  const texts: string[] = [];
  const nlu = path.join(paths.root, 'test', 'bot', 'core', 'nlu');
  for (const locale of supportedLocales) {
    const devset = JSON.parse(await readFile(path.join(nlu, 'devset', `${locale}.json`), 'utf8')) as { data: { utterances: string[] }[] };
    for (const { utterances } of devset.data) texts.push(...utterances);
    const challenge = JSON.parse(await readFile(path.join(nlu, 'challenge', `${locale}.json`), 'utf8')) as { items: { text: string }[] };
    texts.push(...challenge.items.map((i) => i.text));
  }
  const times: number[] = [];
  const cpuTimes: number[] = [];
  for (let pass = 0; pass < 3; pass += 1) {
    for (const text of texts) {
      const started = performance.now();
      const cpu = process.cpuUsage();
      await recognizer.recognize(text);
      const used = process.cpuUsage(cpu);
      if (pass > 0) {
        times.push((performance.now() - started) * 1000);
        cpuTimes.push(used.user + used.system);
      }
    }
  }
  const sorted = times.sort((a, b) => a - b);
  const cpuSorted = cpuTimes.sort((a, b) => a - b);
  return {
    utterances: texts.length, p50Us: Math.round(percentile(sorted, 50)), p95Us: Math.round(percentile(sorted, 95)), p99Us: Math.round(percentile(sorted, 99)),
    meanUs: Math.round(sorted.reduce((a, b) => a + b, 0) / sorted.length),
    cpuP50Us: Math.round(percentile(cpuSorted, 50)), cpuP95Us: Math.round(percentile(cpuSorted, 95)),
  };
}

/** Ready time of the recognizer in a fresh process, three starts; the median. */
async function readyFigures(): Promise<{ readyMs: number; cpuMs: number }> {
  const runs: { readyMs: number; cpuMs: number }[] = [];
  for (let i = 0; i < 3; i += 1) {
    const { stdout } = await promisify(execFile)(process.execPath, [path.join(paths.root, 'dist', 'bench', 'recognizerReady.js')]);
    runs.push(JSON.parse(stdout) as { readyMs: number; cpuMs: number });
  }
  return { readyMs: median(runs.map((r) => r.readyMs)), cpuMs: median(runs.map((r) => r.cpuMs)) };
}
const recognizer = await recognizerFigures();
const ready = await readyFigures();
console.log('recognizer, per utterance (µs), and time to be ready in a fresh process (ms)');
console.table({ recognizer: { ...recognizer, readyMs: ready.readyMs, readyCpuMs: ready.cpuMs } });
console.log(JSON.stringify({ recognizer: { ...recognizer, p50Ms: +(recognizer.p50Us / 1000).toFixed(2), p95Ms: +(recognizer.p95Us / 1000).toFixed(2), readyMs: ready.readyMs, readyCpuMs: ready.cpuMs } }));

/** Turns from new conversations for `seconds`, the bot's resident memory sampled every 10 s. */
async function soak(seconds: number): Promise<void> {
  const soakDir = await mkdtemp(path.join(os.tmpdir(), 'assistant-soak-'));
  const samples: { second: number; rssMb: number; turns: number }[] = [];
  let turns = 0;
  let errors = 0;
  let server: Server | undefined;
  try {
    const { seedFile, userIds } = await benchTenant(soakDir, 20);
    server = await startBot({ DATA_DIR: path.join(soakDir, 'data'), TENANT_SEED: seedFile });
    const pid = server.child.pid as number;
    const url = server.url;
    const started = performance.now();
    const elapsed = (): number => (performance.now() - started) / 1000;
    let batch = 0;
    const sampler = setInterval(() => {
      void rssMb(pid).then((mb) => samples.push({ second: Math.round(elapsed()), rssMb: mb, turns }));
    }, 10_000);
    try {
      while (elapsed() < seconds) {
        batch += 1;
        const drive = await driveConversations(url, userIds, { conversations: 20, rounds: 2, conversationPrefix: `soak-${batch}` });
        turns += drive.latencies.length;
        errors += drive.errors;
      }
    } finally {
      clearInterval(sampler);
    }
  } finally {
    if (server) await stopServer(server);
    await rm(soakDir, { recursive: true, force: true });
  }
  // Flat: the last minute's median against the median of the first minute after warm-up.
  const rssMedian = (from: number, to: number): number => {
    const values = samples.filter((s) => s.second >= from && s.second <= to).map((s) => s.rssMb);
    return values.length > 0 ? median(values) : 0;
  };
  const early = rssMedian(20, 80);
  const late = rssMedian(seconds - 60, Infinity);
  console.log(`soak: ${seconds} s of turns from new conversations (20 at a time × 2 rounds of help → profile), resident memory every 10 s`);
  console.table(samples);
  console.log(JSON.stringify({ soak: { seconds, turns, errors, rssMbAfterWarmUp: early, rssMbLastMinute: late, ratio: early ? +(late / early).toFixed(2) : null } }));
  if (errors > 0) process.exitCode = 1;
}
if (soakSeconds > 0) await soak(soakSeconds);

// The demo sign-in of the web chat page, attacked over HTTP as a red team would: parallel guesses,
// a restart, two instances on one DATA_DIR (for an account and for an address), guesses split
// between the page and the chat, a locked account, one locked account among many users of the
// same address, and the time an unknown name takes.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { startApp, type RunningApp } from '../../../bot/app.js';
import { loadConfig } from '../../../bot/config.js';
import { translator } from '../../../bot/core/i18n/i18n.js';
import type { Clock } from '../../../bot/core/ports/clock.js';
import { silentLogger } from '../../../bot/logger.js';
import { sharedRecognizer } from '../../dialogs/harness.js';
import { demoSeed, demoUser, demoUserNamed, scryptRuns, tempDir } from '../../helpers.js';
import { teamsChat } from '../channel/teamsChat.js';

/** Failed sign-ins allowed per account in the window (what the red team measured against). */
const accountLimit = 5;
/** Password checks allowed per client address in a minute. */
const sourceLimit = 30;

interface Answer { status: number; body: { error?: { code: string; message: string }; token?: string } | null; headers: Headers }

/** Answers that ran a password check: everything but a 429 (refused before looking at the password). */
const evaluated = (answers: readonly Answer[]): number => answers.filter((a) => a.status !== 429).length;

describe('demo sign-in', function () {
  this.timeout(60_000);
  let dataDir: string;
  let remove: () => Promise<void>;
  let app: RunningApp;
  let offsetMs = 0;
  const clock: Clock = { now: () => new Date(Date.now() + offsetMs) };
  const start = async (env: NodeJS.ProcessEnv = {}): Promise<RunningApp> =>
    startApp(loadConfig({ PORT: '0', DATA_DIR: dataDir, ...env }), silentLogger, { recognizer: await sharedRecognizer(), clock });

  async function signIn(userPrincipalName: string, password: string, on: RunningApp = app): Promise<Answer> {
    const response = await fetch(`${on.url}/api/demo/signin`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userPrincipalName, password }),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as Answer['body']) : null, headers: response.headers };
  }


  const wrongGuesses = (count: number): string[] => Array.from({ length: count }, (_, i) => `wrong-guess-${i}`);

  beforeEach(async function () {
    offsetMs = 0;
    ({ dir: dataDir, remove } = await tempDir());
    app = await start();
  });
  afterEach(async function () {
    await app.stop();
    await remove();
  });

  it('40 parallel guesses with the right password among them: at most the limit is checked and the right one is refused', async function () {
    const user = await demoUserNamed('erik');
    const wrong = wrongGuesses(39).map((p) => signIn(user.userPrincipalName, p));
    // Parallel requests may reach the server in any order: the right password goes out once the
    // server has answered a first guess, while the others are still in flight.
    await Promise.race(wrong);
    const right = signIn(user.userPrincipalName, user.password);
    const answers = [...(await Promise.all(wrong)), await right];
    assert.ok(evaluated(answers) <= accountLimit, `${evaluated(answers)} guesses were checked, at most ${accountLimit} may be`);
    assert.equal((await right).status, 429, 'the right password is not accepted once the limit is reserved');
    assert.equal((await signIn(user.userPrincipalName, user.password)).status, 429, 'the lock holds');
  });

  it('60 parallel wrong guesses: at most the limit is checked; the others wait, told for how long', async function () {
    const user = await demoUserNamed('lucas');
    const answers = await Promise.all(wrongGuesses(60).map((p) => signIn(user.userPrincipalName, p)));
    assert.ok(evaluated(answers) <= accountLimit, `${evaluated(answers)} guesses were checked, at most ${accountLimit} may be`);
    assert.deepEqual([...new Set(answers.map((a) => a.status))].sort(), [401, 429]);
    const refused = answers.find((a) => a.status === 429);
    const retryAfter = Number(refused?.headers.get('retry-after'));
    assert.ok(retryAfter > 0 && retryAfter <= 15 * 60, `Retry-After: ${retryAfter}`);
  });

  it('a restart keeps the lock (the counts live in DATA_DIR)', async function () {
    const user = await demoUserNamed('pieter');
    for (const p of wrongGuesses(accountLimit)) assert.equal((await signIn(user.userPrincipalName, p)).status, 401);
    assert.equal((await signIn(user.userPrincipalName, user.password)).status, 429);
    await app.stop();
    app = await start();
    assert.equal((await signIn(user.userPrincipalName, user.password)).status, 429, 'still locked after the restart');
  });

  it('two instances on one DATA_DIR count guesses together, for an account and for a name that is no account alike', async function () {
    const other = await start();
    try {
      const user = await demoUserNamed('pieter');
      for (const [name, right] of [[user.userPrincipalName, user.password], ['nobody-here@contoso.example', user.password]] as const) {
        // Three wrong on one, two on the other: five in all, the limit.
        for (const [i, p] of wrongGuesses(accountLimit).entries()) assert.equal((await signIn(name, p, i < 3 ? app : other)).status, 401, `${name}: guess ${i + 1}`);
        const answers = [await signIn(name, right, app), await signIn(name, right, other)];
        assert.deepEqual(answers.map((a) => a.status), [429, 429], `${name}: locked on both instances`);
        assert.deepEqual(answers.map((a) => a.body?.error?.code), ['tooManyAttempts', 'tooManyAttempts']);
        assert.ok(answers.every((a) => Number(a.headers.get('retry-after')) > 0 && Number(a.headers.get('retry-after')) <= 15 * 60), name);
      }
      await other.stop();
      await app.stop();
      app = await start();
      assert.equal((await signIn(user.userPrincipalName, user.password)).status, 429, 'still locked once both restarted');
    } finally {
      await other.stop();
    }
  });

  it('a wrong password on the page and a wrong current password in the chat count against one budget', async function () {
    const t = translator('en');
    const user = await demoUserNamed('erik');
    for (const p of wrongGuesses(3)) assert.equal((await signIn(user.userPrincipalName, p)).status, 401);
    const chat = teamsChat(app.url, { userId: user.id, conversationId: 'page-and-chat' });
    await chat.say('change my password');
    const change = { currentPassword: 'wrong-current-1', newPassword: 'Silver-Heron-Dawn-47', confirmPassword: 'Silver-Heron-Dawn-47' };
    await chat.click('submit', change);
    const replies = await chat.click('submit', { ...change, currentPassword: 'wrong-current-2' });
    const locked = t.t('passwordChange.locked', { until: '\u0000' }).split('\u0000')[0] ?? '';
    assert.ok(replies.some((r) => (r.text ?? '').startsWith(locked)), `the fifth wrong password locks the chat: ${replies.map((r) => r.text).join(' | ')}`);
    assert.equal((await signIn(user.userPrincipalName, user.password)).status, 429, 'and the page');
  });

  it('takes over demo-signin.json of earlier versions: its failures still count; one it cannot read does not stop the start', async function () {
    const user = await demoUserNamed('lucas');
    const salt = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
    const account = createHash('sha256').update(`${salt}:${user.userPrincipalName}`).digest('hex');
    const at = new Date(Date.now() - 60_000).toISOString();
    const file = path.join(dataDir, 'demo-signin.json');
    await app.stop();
    await writeFile(file, JSON.stringify({ salt, failures: Array.from({ length: accountLimit }, (_, i) => ({ id: `f${i}`, account, at })) }));
    app = await start();
    assert.equal((await signIn(user.userPrincipalName, user.password)).status, 429, 'the five failures counted before the upgrade still lock the account');
    assert.ok(!existsSync(file) && existsSync(`${file}.imported`), 'the file is taken over once');
    await app.stop();
    await writeFile(file, '{"salt": "x", "failures": [');
    app = await start();
    const other = await demoUserNamed('emily');
    assert.equal((await signIn(other.userPrincipalName, other.password)).status, 200, 'the start went on');
  });

  it('a locked account among many users of the same address locks nobody else', async function () {
    const locked = await demoUserNamed('ingrid');
    const other = await demoUserNamed('oliver');
    await Promise.all(wrongGuesses(60).map((p) => signIn(locked.userPrincipalName, p)));
    assert.equal((await signIn(locked.userPrincipalName, locked.password)).status, 429, 'that account is locked');
    const signedIn = await signIn(other.userPrincipalName, other.password);
    assert.equal(signedIn.status, 200, 'another account on 127.0.0.1 still signs in');
    assert.ok(signedIn.body?.token);
  });

  it('a lockedOut account is refused: the same 401 for a wrong password, the lock and the way out only after the right one', async function () {
    const margaux = await demoUser((u) => u.lockedOut === true);
    const wrong = await signIn(margaux.userPrincipalName, 'not-her-password');
    const unknown = await signIn('nobody@contoso.example', 'not-her-password');
    assert.equal(wrong.status, 401);
    assert.deepEqual(wrong.body, unknown.body);
    const right = await signIn(margaux.userPrincipalName, margaux.password);
    assert.equal(right.status, 403);
    assert.equal(right.body?.error?.code, 'accountLocked');
    assert.match(right.body?.error?.message ?? '', /locked/i);
    assert.match(right.body?.error?.message ?? '', /I can't sign in/);
    assert.equal(right.body?.token, undefined, 'no token for a locked account');
  });

  it('an unknown name costs one real password hash verification, like a known one', async function () {
    const user = await demoUserNamed('claire');
    const times = { known: [] as number[], unknown: [] as number[] };
    const hashed = { known: [] as number[][], unknown: [] as number[][] };
    for (let i = 0; i < 3; i += 1) {
      for (const [kind, name] of [['known', user.userPrincipalName], ['unknown', `nobody${i}@contoso.example`]] as const) {
        const started = performance.now();
        hashed[kind].push(await scryptRuns(async () => assert.equal((await signIn(name, `wrong-${i}`)).status, 401)));
        times[kind].push(performance.now() - started);
      }
    }
    assert.deepEqual(hashed.known, [[16384], [16384], [16384]], 'a known name: one scrypt verification each');
    assert.deepEqual(hashed.unknown, hashed.known, 'an unknown name: the same verification, with the same parameters');
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[1] as number;
    assert.ok(median(times.unknown) > median(times.known) / 4, `unknown ${median(times.unknown).toFixed(1)} ms vs known ${median(times.known).toFixed(1)} ms`);
  });

  it('a disabled account is refused like a wrong password, even with its own, after the same verification', async function () {
    const emily = await demoUserNamed('emily');
    const seed = await demoSeed();
    for (const u of seed.users) if (u.id === emily.id) u.accountEnabled = false;
    const seedFile = path.join(dataDir, 'seed.json');
    await writeFile(seedFile, JSON.stringify(seed));
    await app.stop();
    app = await start({ TENANT_SEED: seedFile });
    let right: Answer | undefined;
    const runs = await scryptRuns(async () => (right = await signIn(emily.userPrincipalName, emily.password)));
    const unknown = await signIn('nobody@contoso.example', emily.password);
    assert.equal(right?.status, 401);
    assert.deepEqual(right?.body, unknown.body);
    assert.deepEqual(runs, [16384]);
  });

  it('answers sign-in, anonymous and sign-out with Cache-Control: no-store', async function () {
    const user = await demoUserNamed('emily');
    const signedIn = await signIn(user.userPrincipalName, user.password);
    assert.equal(signedIn.status, 200);
    assert.equal(signedIn.headers.get('cache-control'), 'no-store');
    assert.equal((await signIn('nobody@contoso.example', 'x')).headers.get('cache-control'), 'no-store');
    const bad = await fetch(`${app.url}/api/demo/signin`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    assert.equal(bad.status, 400);
    assert.equal(bad.headers.get('cache-control'), 'no-store');
    const anonymous = await fetch(`${app.url}/api/demo/anonymous`, { method: 'POST' });
    assert.equal(anonymous.status, 200);
    assert.equal(anonymous.headers.get('cache-control'), 'no-store');
    const signedOut = await fetch(`${app.url}/api/demo/signout`, { method: 'POST', headers: { authorization: `Bearer ${signedIn.body?.token}` } });
    assert.equal(signedOut.status, 204);
    assert.equal(signedOut.headers.get('cache-control'), 'no-store');
  });

  it('limits password checks per address for a short while (Retry-After), then lets everyone in again', async function () {
    const user = await demoUserNamed('james');
    // Many names, one guess each: no account reaches its own limit, only the address does.
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => signIn(`spray${i}@contoso.example`, 'Summer2026!')));
    const throttled = answers.filter((a) => a.status === 429);
    assert.ok(throttled.length > 0, 'the address is throttled');
    const retryAfter = Number(throttled[0]?.headers.get('retry-after'));
    assert.ok(retryAfter > 0 && retryAfter <= 60, `a short wait (Retry-After: ${retryAfter})`);
    assert.equal((await signIn(user.userPrincipalName, user.password)).status, 429, 'a check is a check, whoever it is for');
    offsetMs = (retryAfter + 1) * 1000;
    assert.equal((await signIn(user.userPrincipalName, user.password)).status, 200, 'after the wait, the address signs in again');
  });

  it('two instances on one DATA_DIR share the address\'s password checks a minute, and a restart keeps them', async function () {
    const user = await demoUserNamed('james');
    const other = await start();
    try {
      // Many names, one guess each: only the address's limit can stop them.
      const spray = (i: number, on: RunningApp) => signIn(`spray${i}@contoso.example`, 'Summer2026!', on);
      const answers = [];
      for (let i = 0; i < sourceLimit; i += 1) answers.push(await spray(i, i % 2 === 0 ? app : other));
      assert.deepEqual([...new Set(answers.map((a) => a.status))], [401], 'the limit, spread over both, is checked');
      assert.deepEqual([(await spray(sourceLimit, app)).status, (await spray(sourceLimit + 1, other)).status], [429, 429], 'and then neither checks more');
      await other.stop();
      await app.stop();
      app = await start();
      const after = await signIn(user.userPrincipalName, user.password);
      assert.equal(after.status, 429, 'a restart does not clear the count');
      offsetMs = (Number(after.headers.get('retry-after')) + 1) * 1000;
      assert.equal((await signIn(user.userPrincipalName, user.password)).status, 200, 'the wait does');
    } finally {
      await other.stop();
    }
  });

  it('limits new anonymous chats per address (Retry-After); a signed-in user still gets in', async function () {
    const user = await demoUserNamed('james');
    const answers = await Promise.all(Array.from({ length: 30 }, () => fetch(`${app.url}/api/demo/anonymous`, { method: 'POST' })));
    const statuses = answers.map((a) => a.status);
    assert.equal(statuses.filter((s) => s === 200).length, 20);
    const throttled = answers.find((a) => a.status === 429);
    assert.ok(Number(throttled?.headers.get('retry-after')) > 0);
    assert.equal((await signIn(user.userPrincipalName, user.password)).status, 200);
  });
});

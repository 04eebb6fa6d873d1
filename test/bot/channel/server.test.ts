// The real server over HTTP, as the Bot Framework Emulator talks to it.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { botNodeFlags } from '../../../bench/benchKit.js';
import { startApp, type RunningApp } from '../../../bot/app.js';
import { createServer, InFlight } from '../../../bot/channel/server.js';
import { loadConfig } from '../../../bot/config.js';
import { translator } from '../../../bot/core/i18n/i18n.js';
import { silentLogger } from '../../../bot/logger.js';
import { paths } from '../../../bot/paths.js';
import { cardOf, cardTexts, sharedRecognizer } from '../../dialogs/harness.js';
import { captureLogs, demoSeed, demoUser, tempDir } from '../../helpers.js';

interface Replies { activities: { type: string; text?: string; locale?: string; attachments?: unknown[] }[] }

async function post(app: RunningApp, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${app.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

function teamsMessage(userId: string, text: string, conversationId = 'conv-1'): Record<string, unknown> {
  return {
    type: 'message', id: `m-${Math.random()}`, text, channelId: 'msteams', locale: 'en-US', deliveryMode: 'expectReplies',
    serviceUrl: 'http://127.0.0.1:9/', from: { id: '29:teams-user', aadObjectId: userId }, recipient: { id: '28:bot' },
    conversation: { id: conversationId, conversationType: 'personal' },
  };
}

const messages = (replies: Replies) => replies.activities.filter((a) => a.type === 'message');

describe('server over HTTP', function () {
  let dataDir: string;
  let remove: () => Promise<void>;
  let app: RunningApp;
  let user: Awaited<ReturnType<typeof demoUser>>;
  const start = async (env: NodeJS.ProcessEnv = {}) =>
    startApp(loadConfig({ PORT: '0', DATA_DIR: dataDir, ...env }), silentLogger, { recognizer: await sharedRecognizer() });

  before(async function () {
    ({ dir: dataDir, remove } = await tempDir());
    user = await demoUser((u) => typeof u.manager === 'string');
    app = await start();
  });
  after(async function () {
    await app.stop();
    await remove();
  });

  it('GET /healthz → 200 {"status":"ok"}', async function () {
    const response = await fetch(`${app.url}/healthz`);
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { status: 'ok' });
  });

  it('answers a Teams user with the profile card (expectReplies)', async function () {
    const response = await post(app, teamsMessage(user.id, 'show my profile'));
    assert.equal(response.status, 200);
    const [reply] = messages((await response.json()) as Replies);
    assert.ok(reply);
    assert.ok(cardTexts(cardOf(reply as never)).includes(user.displayName));
  });

  it('a client-asserted identity on another channel gets nobody\'s data', async function () {
    const spoofed = { ...teamsMessage(user.id, 'show my profile'), channelId: 'webchat', from: { id: user.id, aadObjectId: user.id } };
    const [reply] = messages((await (await post(app, spoofed)).json()) as Replies);
    assert.equal(reply?.text, translator('en').t('identity.signInRequired'));
  });

  const badRequests: [string, string | object, number][] = [
    ['malformed JSON', '{"type": "message", ', 400],
    ['a JSON array', [1, 2, 3], 400],
    ['an object without a type', { text: 'hi' }, 400],
    ['an oversized body', { type: 'message', text: 'x'.repeat(400 * 1024) }, 413],
  ];
  for (const [what, body, status] of badRequests) {
    it(`${what} → ${status}, and the server keeps serving`, async function () {
      const response = await post(app, body);
      assert.equal(response.status, status);
      assert.equal((await fetch(`${app.url}/healthz`)).status, 200);
    });
  }

  it('an activity without a sender, a conversation or a type, whose Teams user or text is no string, or a card press without its action, is refused with 400 naming what is wrong, before any turn runs', async function () {
    const { logger, lines } = captureLogs();
    const logged = await startApp(loadConfig({ PORT: '0', DATA_DIR: dataDir }), logger, { recognizer: await sharedRecognizer() });
    try {
      const base = teamsMessage(user.id, 'show my profile', 'conv-malformed');
      const malformed: [string, Record<string, unknown>, RegExp][] = [
        ['no from', { ...base, from: undefined }, /from\.id/],
        ['from without an id', { ...base, from: { aadObjectId: user.id } }, /from\.id/],
        ['from as a string', { ...base, from: user.id }, /from\.id/],
        ['no conversation', { ...base, conversation: undefined }, /conversation\.id/],
        ['a conversation without an id', { ...base, conversation: { conversationType: 'personal' } }, /conversation\.id/],
        ['no type', { ...base, type: undefined }, /type/],
        ['aadObjectId as an array', { ...base, from: { id: '29:x', aadObjectId: [user.id] } }, /aadObjectId/],
        ['aadObjectId as a number', { ...base, from: { id: '29:x', aadObjectId: 12345 } }, /aadObjectId/],
        ['aadObjectId as an object', { ...base, from: { id: '29:x', aadObjectId: { toString: user.id } } }, /aadObjectId/],
        ['text as a number', { ...base, text: 12345 }, /text/],
        ['text as an array', { ...base, text: ['show my profile'] }, /text/],
        ['a card press without its action', { ...base, type: 'invoke', name: 'adaptiveCard/action', text: undefined, value: { action: null } }, /value\.action/],
      ];
      for (const [what, body, names] of malformed) {
        const response = await post(logged, body);
        assert.equal(response.status, 400, what);
        const answer = (await response.json()) as { error?: { code?: string; message?: string } };
        assert.equal(answer.error?.code, 'badArgument', what);
        assert.match(answer.error?.message ?? '', names, what);
      }
      assert.deepEqual(lines.filter((line) => /turn failed|"stack"|\bat .*\.js/.test(line)), [], 'no turn ran and nothing failed');
      const [reply] = messages((await (await post(logged, base)).json()) as Replies);
      assert.ok(cardTexts(cardOf(reply as never)).includes(user.displayName), 'a well-formed activity is still answered');
    } finally {
      await logged.stop();
    }
  });

  it('a restart in the middle of a conversation resumes it (state is on disk)', async function () {
    const t = translator('sv');
    const conversation = 'conv-restart';
    const switched = messages((await (await post(app, teamsMessage(user.id, 'switch to Swedish', conversation))).json()) as Replies);
    assert.equal(switched[0]?.text, t.t('language.switched'));
    await app.stop();
    app = await start();
    const after = messages((await (await post(app, teamsMessage(user.id, 'show my profile', conversation))).json()) as Replies);
    assert.equal(after[0]?.text, t.t('profile.summary', { name: user.displayName }));
  });

  it('the dev outbox answers a JSON array in local mode', async function () {
    const response = await fetch(`${app.url}/api/dev/outbox?user=${encodeURIComponent(user.userPrincipalName)}`);
    assert.equal(response.status, 200);
    assert.ok(Array.isArray(await response.json()));
    assert.equal((await fetch(`${app.url}/api/dev/outbox`)).status, 400);
  });

  it('serves the web chat page and the Web Chat bundle', async function () {
    const page = await fetch(`${app.url}/`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-security-policy') ?? '', /default-src 'self'/);
    assert.match(await page.text(), /webchat\.js/);
    assert.equal((await fetch(`${app.url}/webchat.js`)).status, 200);
  });

  describe('with app credentials', function () {
    let secured: RunningApp;
    before(async () => (secured = await start({ MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppPassword: 'not-a-real-secret', HOST: '127.0.0.1' })));
    after(() => secured.stop());

    it('refuses an unauthenticated activity with 401', async function () {
      const response = await post(secured, teamsMessage(user.id, 'show my profile'));
      assert.equal(response.status, 401);
    });

    it('has no dev outbox, demo sign-in or local Direct Line', async function () {
      for (const route of ['/api/dev/outbox?user=x', '/api/demo/accounts']) assert.equal((await fetch(`${secured.url}${route}`)).status, 404);
      assert.equal((await fetch(`${secured.url}/v3/directline/conversations`, { method: 'POST' })).status, 404);
    });
  });
});

describe('a route that fails', function () {
  it('answers 500 with a body of its own, never the error\'s text, and logs the error', async function () {
    const { logger, lines } = captureLogs();
    const server = createServer(loadConfig({ PORT: '0' }), logger, new InFlight(), { processActivity: () => Promise.resolve(), isReady: () => true });
    // As a route of the app would fail (the demo sign-in's password check, say): a plain error, thrown.
    server.post('/api/failing', async () => Promise.reject(new RangeError('Invalid scrypt params: memory limit exceeded')));
    await new Promise<void>((resolve) => {
      server.listen(0, '127.0.0.1', () => resolve());
    });
    try {
      const { port } = server.address();
      const response = await fetch(`http://127.0.0.1:${port}/api/failing`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      const body = await response.text();
      assert.equal(response.status, 500, body);
      assert.deepEqual(JSON.parse(body), { error: { code: 'internalError', message: 'The request could not be handled.' } });
      assert.ok(lines.some((l) => l.includes('request failed') && l.includes('scrypt')), 'the error is in the log');
    } finally {
      server.close();
    }
  });
});

describe('the process', function () {
  this.timeout(60_000);
  const entry = path.join(paths.root, 'dist', 'bot', 'index.js');
  const run = (env: NodeJS.ProcessEnv, nodeFlags: readonly string[] = []) => {
    const child = spawn(process.execPath, [...nodeFlags, entry], { env: { PATH: process.env.PATH, PORT: '0', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    return { child, exited, out: () => stdout, err: () => stderr };
  };

  it('stops with a message naming a missing required value', async function () {
    const { dir, remove } = await tempDir();
    const proc = run({ DATA_DIR: dir, MicrosoftAppId: 'abc' });
    assert.equal(await proc.exited, 2);
    assert.match(proc.err(), /MicrosoftAppPassword/);
    await remove();
  });

  it('stops with a message naming the bad field of an invalid seed', async function () {
    const { dir, remove } = await tempDir();
    const seed = await demoSeed();
    (seed.users[2] as { devices: { id: unknown }[] }).devices[0] = { id: 7 };
    const seedFile = path.join(dir, 'seed.json');
    await writeFile(seedFile, JSON.stringify(seed));
    const proc = run({ DATA_DIR: dir, TENANT_SEED: seedFile });
    assert.equal(await proc.exited, 2);
    assert.match(proc.err(), /users\[2\]\.devices\[0\]/);
    await remove();
  });

  it('started as npm start does, logs on stdout alone (nothing on stderr) and shuts down cleanly on SIGTERM', async function () {
    const { dir, remove } = await tempDir();
    const proc = run({ DATA_DIR: dir }, await botNodeFlags());
    const deadline = Date.now() + 30_000;
    while (!/ready on (http:\/\/\S+)/.test(proc.out()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const url = /ready on (http:\/\/\S+)/.exec(proc.out())?.[1];
    assert.ok(url, `started: ${proc.out()} ${proc.err()}`);
    assert.equal((await fetch(`${url}/healthz`)).status, 200);
    proc.child.kill('SIGTERM');
    assert.equal(await proc.exited, 0);
    assert.match(proc.out(), /bot stopped/);
    // No warning of Node's (or anything else) among the JSON log lines.
    assert.equal(proc.err(), '');
    await remove();
  });
});

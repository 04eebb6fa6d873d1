// Fuzzing the HTTP surface: thousands of malformed or hostile requests to the Bot Framework
// endpoint, the Direct Line (client and connector side) and the demo routes, generated from a
// fixed seed. None may get a 5xx, hang, or change anything in DATA_DIR.
import assert from 'node:assert/strict';
import http from 'node:http';
import { startApp, type RunningApp } from '../../../bot/app.js';
import { loadConfig } from '../../../bot/config.js';
import { silentLogger } from '../../../bot/logger.js';
import { sharedRecognizer } from '../../dialogs/harness.js';
import { demoUserNamed, tempDir } from '../../helpers.js';
import { dataFingerprint, restingFingerprint } from './httpProbe.js';

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function generator(seed: number) {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number): number => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
  return { next, int, pick };
}
type Random = ReturnType<typeof generator>;

const nasty = ['', ' ', 'null', '0', '-1', 'true', '{}', '[]', '\u0000', '\ud800', '../../etc/passwd', '%2e%2e%2f', '<script>alert(1)</script>', '${7*7}', '__proto__', 'constructor', 'x'.repeat(5000), '🙂'.repeat(300), 'INC-000001', 'cancel'];

function value(r: Random, depth = 0): unknown {
  switch (r.int(depth > 3 ? 5 : 8)) {
    case 0: return r.pick(nasty);
    case 1: return r.int(2) ? r.int(1e9) - 5e8 : r.next() * 1e308;
    case 2: return r.int(2) === 0;
    case 3: return null;
    case 4: return r.pick(['message', 'event', 'invoke', 'typing', 'conversationUpdate', 'endOfConversation', 'x'.repeat(100)]);
    case 5: return Array.from({ length: r.int(4) }, () => value(r, depth + 1));
    default: {
      const keys = ['type', 'text', 'value', 'from', 'conversation', 'channelId', 'serviceUrl', 'id', 'name', 'locale', 'channelData', 'attachments', 'verb', 'nonce', 'action', '__proto__', 'constructor'];
      return Object.fromEntries(Array.from({ length: r.int(5) }, () => [r.pick(keys), value(r, depth + 1)]));
    }
  }
}

/** An activity the server must refuse before the bot runs (so nothing can be stored). */
function refusedActivity(r: Random): unknown {
  const base = { type: 'message', text: 'sign out everywhere', channelId: r.pick(['msteams', 'directline', 'emulator', 'webchat']), from: { id: 'x', aadObjectId: r.pick(nasty) }, conversation: { id: r.pick(nasty) }, recipient: { id: 'bot' } };
  switch (r.int(5)) {
    case 0: return { ...base, serviceUrl: r.pick(['https://attacker.example/', 'file:///x', 'javascript:alert(1)', 'http://10.0.0.1/', 42, null]) };
    case 1: return { ...base, serviceUrl: 'http://127.0.0.1:9/', type: r.pick([42, null, '', 'x'.repeat(100), ['message']]) };
    case 2: return r.pick([[], 'message', 42, null, [base]]);
    case 3: return { ...(value(r) as object), serviceUrl: 'https://attacker.example/' };
    default: return { ...base, type: undefined, serviceUrl: 'http://127.0.0.1:9/' };
  }
}

/** Percent-encodes, or passes a string that cannot be encoded (a lone surrogate) through escape(). */
function enc(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return escape(text);
  }
}

interface Case { method: string; path: string; headers: Record<string, string>; body?: string }

function fuzzCase(r: Random, live: { token: string; conversationId: string; port: number }): Case {
  const conv = r.int(3) === 0 ? live.conversationId : r.pick(nasty.filter((n) => n.length < 100 && !/[\s\0]/.test(n))) || 'c';
  const token = r.int(2) === 0 ? live.token : r.pick(['', 'abc', 'Bearer', live.token.slice(1), 'x'.repeat(300)]);
  const routes: [string, string][] = [
    ['POST', '/api/messages'], ['GET', '/api/messages'], ['PUT', '/api/messages'],
    ['POST', '/v3/directline/conversations'], ['GET', `/v3/directline/conversations/${enc(conv)}`],
    ['POST', `/v3/directline/conversations/${enc(conv)}/activities`], ['GET', `/v3/directline/conversations/${enc(conv)}/activities?watermark=${enc(r.pick(nasty.slice(0, 8)))}`],
    ['POST', `/v3/directline/conversations/${enc(conv)}/upload`],
    ['POST', '/v3/directline/tokens/refresh'], ['POST', '/v3/directline/tokens/generate'],
    ['POST', `/v3/conversations/${enc(conv)}/activities`], ['PUT', `/v3/conversations/${enc(conv)}/activities/${enc(r.pick(nasty.slice(0, 9)))}`],
    ['DELETE', `/v3/conversations/${enc(conv)}/activities/x`], ['GET', `/v3/conversations/${enc(conv)}/members`],
    ['POST', '/api/demo/signin'], ['GET', '/api/demo/accounts'], ['GET', `/api/dev/outbox?user=${enc(r.pick(nasty))}`], ['GET', '/api/dev/outbox?user[a]=1'],
    ['PATCH', '/'], ['DELETE', '/healthz'], ['OPTIONS', '/api/messages'], ['GET', `/${enc(r.pick(nasty))}`], ['TRACE', '/'], ['GET', '/%ff%fe'],
  ];
  const [method, path] = r.pick(routes);
  const headers: Record<string, string> = {};
  if (r.int(4) !== 0) headers['content-type'] = r.pick(['application/json', 'application/json; charset=utf-8', 'application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data; boundary=x', 'application/json; charset=latin1', 'application/vnd.api+json', '']);
  if (r.int(2) === 0) headers.authorization = `Bearer ${token}`;
  if (r.int(8) === 0) headers.origin = r.pick(['https://attacker.example', 'null', `http://127.0.0.1:${live.port}`]);
  let body: string | undefined;
  if (method !== 'GET' && method !== 'TRACE' && r.int(5) !== 0) {
    body = r.pick([
      () => JSON.stringify(refusedActivity(r)),
      () => JSON.stringify(value(r)),
      () => JSON.stringify(refusedActivity(r)).slice(0, r.int(40)),
      () => '{"type":"message",'.repeat(r.int(50)),
      () => '['.repeat(5000) + ']'.repeat(5000),
      () => `type=message&from[aadObjectId]=${r.pick(nasty)}`,
      () => 'x'.repeat(300 * 1024),
      // The Direct Line takes activities from a valid token: here only ones it must refuse.
      () => JSON.stringify(r.pick([{ type: 'conversationUpdate' }, { type: 42 }, { type: 'message', text: 'x'.repeat(20_001) }, { text: 'hi' }, ['message']])),
    ])();
  }
  // A refresh with the live token is no attack and (rightly) extends the session on disk.
  if (path === '/v3/directline/tokens/refresh' && headers.authorization === `Bearer ${live.token}`) headers.authorization = 'Bearer forged';
  return { method, path, headers, body };
}

function send(url: string, c: Case, agent: http.Agent): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname, port, method: c.method, path: c.path, agent, headers: { ...c.headers, ...(c.body !== undefined ? { 'content-length': String(Buffer.byteLength(c.body)) } : {}) }, timeout: 5000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('timeout', () => req.destroy(new Error(`no answer in 5 s: ${c.method} ${c.path}`)));
    req.on('error', reject);
    req.end(c.body);
  });
}

describe('fuzzing the HTTP surface', function () {
  this.timeout(120_000);
  let app: RunningApp;
  let data: Awaited<ReturnType<typeof tempDir>>;

  before(async function () {
    data = await tempDir();
    app = await startApp(loadConfig({ PORT: '0', DATA_DIR: data.dir }), silentLogger, { recognizer: await sharedRecognizer() });
  });
  after(async function () {
    await app.stop();
    await data.remove();
  });

  it('3,000 malformed or hostile requests: no 5xx, no hang, DATA_DIR unchanged', async function () {
    const anna = await demoUserNamed('anna');
    const signin = await fetch(`${app.url}/api/demo/signin`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userPrincipalName: anna.userPrincipalName, password: anna.password }) });
    const { token } = (await signin.json()) as { token: string };
    const started = await fetch(`${app.url}/v3/directline/conversations`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    const { conversationId } = (await started.json()) as { conversationId: string };
    // Once the greeting's turn finished and its state is in its record files.
    const before = await restingFingerprint(data.dir);

    const r = generator(20261201);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
    const statuses = new Map<number, number>();
    const failures: string[] = [];
    const cases = Array.from({ length: 3000 }, () => fuzzCase(r, { token, conversationId, port: app.port }));
    for (let i = 0; i < cases.length; i += 8) {
      await Promise.all(cases.slice(i, i + 8).map(async (c) => {
        const response = await send(app.url, c, agent);
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        if (response.status >= 500) failures.push(`${response.status} ${c.method} ${c.path} ${c.headers['content-type'] ?? ''} ${c.body?.slice(0, 80) ?? ''} → ${response.body.slice(0, 120)}`);
        else if (/\bat .+\.js:\d+|TypeError|ReferenceError/.test(response.body)) failures.push(`internal detail in ${c.method} ${c.path}: ${response.body.slice(0, 120)}`);
      }));
    }
    agent.destroy();
    assert.deepEqual(failures.slice(0, 10), [], `statuses: ${JSON.stringify(Object.fromEntries(statuses))}`);
    assert.equal(await dataFingerprint(data.dir), before, 'nothing in DATA_DIR changed');
    assert.equal((await fetch(`${app.url}/healthz`)).status, 200, 'and the server still serves');
  });
});

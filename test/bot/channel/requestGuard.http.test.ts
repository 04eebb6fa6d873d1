// What a request must show before the server acts on it, tried over HTTP against the real server:
// a page on another site, a DNS-rebinding page, a form post, a foreign serviceUrl and an unanswered
// websocket upgrade each get a 4xx and change nothing.
import assert from 'node:assert/strict';
import { startApp, type RunningApp } from '../../../bot/app.js';
import { loadConfig } from '../../../bot/config.js';
import { silentLogger } from '../../../bot/logger.js';
import { sharedRecognizer } from '../../dialogs/harness.js';
import { demoUserNamed, tempDir } from '../../helpers.js';
import { dataFingerprint, raw, restingFingerprint, upgrade } from './httpProbe.js';

function teamsActivity(userId: string, text: string, serviceUrl = 'http://127.0.0.1:9/'): Record<string, unknown> {
  return {
    type: 'message', id: `m-${Math.random()}`, text, channelId: 'msteams', locale: 'en-US', deliveryMode: 'expectReplies', serviceUrl,
    from: { id: '29:x', aadObjectId: userId }, recipient: { id: '28:bot' }, conversation: { id: `conv-${Math.random()}`, conversationType: 'personal' },
  };
}

describe('request guard (local mode)', function () {
  let app: RunningApp;
  let data: Awaited<ReturnType<typeof tempDir>>;
  let host: string;

  before(async function () {
    data = await tempDir();
    app = await startApp(loadConfig({ PORT: '0', DATA_DIR: data.dir }), silentLogger, { recognizer: await sharedRecognizer() });
    host = `127.0.0.1:${app.port}`;
  });
  after(async function () {
    await app.stop();
    await data.remove();
  });

  it('a cross-site form post to /api/messages is refused (415) and changes nothing', async function () {
    const anna = await demoUserNamed('anna');
    const before = await restingFingerprint(data.dir);
    const form = new URLSearchParams({ type: 'message', text: 'sign me out everywhere', channelId: 'msteams', 'from[aadObjectId]': anna.id, serviceUrl: 'https://attacker.example/' }).toString();
    for (const origin of [undefined, 'https://attacker.example']) {
      const response = await raw(app.url, 'POST', '/api/messages', { host, 'content-type': 'application/x-www-form-urlencoded', ...(origin ? { origin } : {}) }, form);
      assert.ok(response.status === 415 || response.status === 403, `got ${response.status}`);
    }
    const text = await raw(app.url, 'POST', '/api/messages', { host, 'content-type': 'text/plain' }, JSON.stringify(teamsActivity(anna.id, 'show my profile')));
    assert.equal(text.status, 415);
    assert.equal(await dataFingerprint(data.dir), before);
  });

  it('a browser request to /api/messages is refused, even from the page\'s own origin', async function () {
    const anna = await demoUserNamed('anna');
    for (const origin of [`http://${host}`, 'https://attacker.example', 'null']) {
      const response = await raw(app.url, 'POST', '/api/messages', { host, origin, 'content-type': 'application/json' }, JSON.stringify(teamsActivity(anna.id, 'show my profile')));
      assert.equal(response.status, 403, origin);
      assert.doesNotMatch(response.body, /Anna/);
    }
  });

  it('replies go to a loopback serviceUrl only: a Teams identity with a foreign serviceUrl gets nothing', async function () {
    const anna = await demoUserNamed('anna');
    const before = await restingFingerprint(data.dir);
    for (const serviceUrl of ['https://attacker.example/', 'http://169.254.169.254/', 'file:///etc/passwd', 'not a url']) {
      const response = await raw(app.url, 'POST', '/api/messages', { host, 'content-type': 'application/json' }, JSON.stringify(teamsActivity(anna.id, 'show my profile', serviceUrl)));
      assert.equal(response.status, 400, serviceUrl);
      assert.doesNotMatch(response.body, /Anna/);
    }
    assert.equal(await dataFingerprint(data.dir), before);
    const local = await raw(app.url, 'POST', '/api/messages', { host: `localhost:${app.port}`, 'content-type': 'application/json' }, JSON.stringify(teamsActivity(anna.id, 'show my profile', 'http://localhost:56150/_connector')));
    assert.equal(local.status, 200, 'the Agents Playground\'s serviceUrl is served');
  });

  it('a foreign Host (DNS rebinding) is refused on every route, the codes included (421)', async function () {
    const anna = await demoUserNamed('anna');
    for (const [method, route] of [['GET', `/api/dev/outbox?user=${anna.userPrincipalName}`], ['GET', '/'], ['GET', '/api/demo/accounts'], ['POST', '/api/demo/anonymous'], ['GET', '/nowhere']] as const) {
      const response = await raw(app.url, method, route, { host: `attacker.example:${app.port}` });
      assert.equal(response.status, 421, `${method} ${route}`);
      assert.doesNotMatch(response.body, /\d{6}|anna/i);
    }
    assert.equal(await upgrade(app.url, '/v3/directline/conversations/x/stream?t=y', { host: `attacker.example:${app.port}` }), '421');
    assert.equal((await raw(app.url, 'GET', '/healthz', { host: `localhost:${app.port}` })).status, 200);
    assert.equal((await raw(app.url, 'GET', '/healthz', { host: `[::1]:${app.port}` })).status, 200);
  });

  it('another site\'s page cannot sign in, take a token or read the outbox (403); the page\'s own origin can', async function () {
    const anna = await demoUserNamed('anna');
    const body = JSON.stringify({ userPrincipalName: anna.userPrincipalName, password: anna.password });
    const foreign = await raw(app.url, 'POST', '/api/demo/signin', { host, origin: 'https://attacker.example', 'content-type': 'application/json' }, body);
    assert.equal(foreign.status, 403);
    assert.equal((await raw(app.url, 'POST', '/api/demo/anonymous', { host, origin: 'http://localhost:1' })).status, 403);
    assert.equal((await raw(app.url, 'GET', `/api/dev/outbox?user=${anna.userPrincipalName}`, { host, origin: 'https://attacker.example' })).status, 403);
    const own = await raw(app.url, 'POST', '/api/demo/signin', { host, origin: `http://${host}`, 'content-type': 'application/json' }, body);
    assert.equal(own.status, 200);
    assert.equal(own.headers['cache-control'], 'no-store', 'a token is never cached');
    const { token } = JSON.parse(own.body) as { token: string };
    const started = await raw(app.url, 'POST', '/v3/directline/conversations', { host, origin: `http://${host}`, authorization: `Bearer ${token}` });
    assert.equal(started.status, 201);
    assert.equal(started.headers['cache-control'], 'no-store');
    const refreshed = await raw(app.url, 'POST', '/v3/directline/tokens/refresh', { host, authorization: `Bearer ${token}` });
    assert.equal(refreshed.headers['cache-control'], 'no-store');
    const outbox = await raw(app.url, 'GET', `/api/dev/outbox?user=${anna.userPrincipalName}`, { host });
    assert.equal(outbox.headers['cache-control'], 'no-store', 'codes are never cached');
  });

  it('the page\'s policy allows no eval and connects to its own origin only', async function () {
    const page = await raw(app.url, 'GET', '/', { host });
    const policy = String(page.headers['content-security-policy']);
    assert.doesNotMatch(policy, /unsafe-eval/);
    assert.match(policy, /connect-src 'self'(;|$)/);
  });
});

describe('request guard (with app credentials)', function () {
  let app: RunningApp;
  let data: Awaited<ReturnType<typeof tempDir>>;

  before(async function () {
    data = await tempDir();
    app = await startApp(loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: data.dir, MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppPassword: 'not-a-real-secret', MicrosoftAppType: 'MultiTenant' }), silentLogger, { recognizer: await sharedRecognizer() });
  });
  after(async function () {
    await app.stop();
    await data.remove();
  });

  it('answers a websocket upgrade at once instead of holding it', async function () {
    assert.equal(await upgrade(app.url, '/v3/directline/conversations/x/stream', { host: 'bot.example' }), '404');
  });

  it('takes JSON only, and a request without a valid token gets 401 with no internal detail', async function () {
    assert.equal((await raw(app.url, 'POST', '/api/messages', { 'content-type': 'application/x-www-form-urlencoded' }, 'type=message')).status, 415);
    const response = await raw(app.url, 'POST', '/api/messages', { 'content-type': 'application/json', authorization: 'Bearer abc' }, JSON.stringify(teamsActivity('user', 'hello', 'https://smba.trafficmanager.net/')));
    assert.equal(response.status, 401);
    assert.doesNotMatch(response.body, /at .*\.js|Error:/);
  });
});

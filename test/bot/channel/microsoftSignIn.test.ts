// "Sign in with Microsoft" on the web page, against an OpenID issuer shaped like Entra ID's (keys
// and tokens made by the test): a good ID token with a nonce this server gave out opens a web chat
// session bound to the user's object id; a token with the wrong audience, tenant, issuer, nonce or
// key, an expired one, and a replayed one are refused alike, and open nothing.
import assert from 'node:assert/strict';
import { startApp, type RunningApp } from '../../../bot/app.js';
import { loadConfig } from '../../../bot/config.js';
import { silentLogger } from '../../../bot/logger.js';
import { startDirectLineTokenService } from '../../fakes/directLineTokenService.js';
import { ManualClock, minutes } from '../../fakes/memoryPorts.js';
import { startOidcIssuer, type OidcIssuer } from '../../fakes/oidcIssuer.js';
import { sharedRecognizer } from '../../dialogs/harness.js';
import { demoUserNamed, tempDir } from '../../helpers.js';

const tenantId = '8a1f0c2e-4b7d-4c55-9e0a-2f6b1d3c9e71';
const clientId = '3c9b2d10-7e44-4f0b-a1c2-5d6e7f809a1b';

interface Answer { status: number; body: { token?: string; userId?: string; domain?: string; error?: { code: string }; microsoft?: unknown; chat?: unknown; nonce?: string } | null }

async function call(url: string, method: 'GET' | 'POST', body?: unknown, token?: string): Promise<Answer> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Answer['body']) : null };
}

describe('Sign in with Microsoft (web page)', function () {
  this.timeout(60_000);
  let issuer: OidcIssuer;
  let app: RunningApp;
  let data: Awaited<ReturnType<typeof tempDir>>;

  before(async function () {
    issuer = await startOidcIssuer(tenantId);
    data = await tempDir();
    app = await startApp(loadConfig({
      PORT: '0', DATA_DIR: data.dir, WEB_SIGNIN_CLIENT_ID: clientId, WEB_SIGNIN_TENANT_ID: tenantId, WEB_SIGNIN_AUTHORITY_HOST: issuer.authorityHost,
    }), silentLogger, { recognizer: await sharedRecognizer() });
  });
  after(async function () {
    await app?.stop();
    await data?.remove();
    await issuer?.stop();
  });

  const nonce = async (): Promise<string> => String((await call(`${app.url}/api/signin/nonce`, 'POST', {})).body?.nonce);
  const signIn = (idToken: string): Promise<Answer> => call(`${app.url}/api/signin/microsoft`, 'POST', { idToken });

  it('tells the page which app and tenant to sign in with', async function () {
    const answer = await call(`${app.url}/api/signin/config`, 'GET');
    assert.deepEqual(answer.body?.microsoft, { clientId, authority: `${issuer.authorityHost}/${tenantId}` });
  });

  it('a good ID token opens a web chat session bound to the user\'s object id; the same token again is refused', async function () {
    const user = await demoUserNamed('anna');
    const idToken = await issuer.sign({ aud: clientId, oid: user.id, nonce: await nonce(), preferred_username: user.userPrincipalName, name: user.displayName });
    const answer = await signIn(idToken);
    assert.equal(answer.status, 200);
    assert.equal(answer.body?.userId, user.id);
    const conversation = await call(`${app.url}/v3/directline/conversations`, 'POST', {}, answer.body?.token);
    assert.ok(conversation.status === 200 || conversation.status === 201, `the token opens a conversation (${conversation.status})`);
    assert.equal((await signIn(idToken)).status, 401, 'a nonce is taken back once');
  });

  it('refuses, all with the same answer, a token for another app, tenant or issuer, an expired one, one signed with another key, one with a nonce never given out', async function () {
    const user = await demoUserNamed('anna');
    const otherTenant = '11111111-2222-4333-8444-555555555555';
    const cases: Record<string, () => Promise<string>> = {
      'another app (audience)': async () => issuer.sign({ aud: '99999999-8888-4777-8666-555555555555', oid: user.id, nonce: await nonce() }),
      'another tenant (tid)': async () => issuer.sign({ aud: clientId, oid: user.id, tid: otherTenant, nonce: await nonce() }),
      'another issuer': async () => issuer.sign({ aud: clientId, oid: user.id, iss: `${issuer.authorityHost}/${otherTenant}/v2.0`, nonce: await nonce() }),
      expired: async () => issuer.sign({ aud: clientId, oid: user.id, nonce: await nonce() }, { expiresInSeconds: -600 }),
      'signed with a key the tenant never published': async () => issuer.sign({ aud: clientId, oid: user.id, nonce: await nonce() }, { unpublishedKey: true }),
      'a nonce this server never gave out': async () => issuer.sign({ aud: clientId, oid: user.id, nonce: 'made-up-nonce' }),
      'no nonce': async () => issuer.sign({ aud: clientId, oid: user.id }),
    };
    for (const [name, make] of Object.entries(cases)) {
      const answer = await signIn(await make());
      assert.equal(answer.status, 401, name);
      assert.equal(answer.body?.error?.code, 'signInNotVerified', name);
      assert.equal(answer.body?.token, undefined, name);
    }
    assert.equal((await signIn('not.a.token')).status, 401);
    assert.equal((await call(`${app.url}/api/signin/microsoft`, 'POST', {})).status, 400);
  });

  it('someone the directory does not have gets no session', async function () {
    const answer = await signIn(await issuer.sign({ aud: clientId, oid: '00000000-0000-4000-8000-000000000000', nonce: await nonce() }));
    assert.equal(answer.status, 403);
    assert.equal(answer.body?.token, undefined);
  });

  it('a tenant that cannot be reached is an outage (503), not a refused sign-in', async function () {
    const down = await tempDir();
    const other = await startApp(loadConfig({
      PORT: '0', DATA_DIR: down.dir, WEB_SIGNIN_CLIENT_ID: clientId, WEB_SIGNIN_TENANT_ID: tenantId, WEB_SIGNIN_AUTHORITY_HOST: 'http://127.0.0.1:9',
    }), silentLogger, { recognizer: await sharedRecognizer() });
    try {
      const answer = await call(`${other.url}/api/signin/microsoft`, 'POST', { idToken: await issuer.sign({ aud: clientId, oid: 'x', nonce: 'n' }) });
      assert.deepEqual([answer.status, answer.body?.error?.code, answer.body?.token], [503, 'signInUnavailable', undefined]);
    } finally {
      await other.stop();
      await down.remove();
    }
  });

  it('without the settings the page offers no Microsoft sign-in', async function () {
    const plain = await tempDir();
    const other = await startApp(loadConfig({ PORT: '0', DATA_DIR: plain.dir }), silentLogger, { recognizer: await sharedRecognizer() });
    try {
      assert.deepEqual((await call(`${other.url}/api/signin/config`, 'GET')).body, { microsoft: null, chat: 'local' });
      assert.equal((await call(`${other.url}/api/signin/microsoft`, 'POST', { idToken: 'x' })).status, 404);
    } finally {
      await other.stop();
      await plain.remove();
    }
  });

  it('in Azure (app credentials, DIRECT_LINE_SECRET): the chat token comes from the Direct Line token service, for a dl_ id bound to the user', async function () {
    const service = await startDirectLineTokenService();
    const azure = await tempDir();
    const production = await startApp(loadConfig({
      PORT: '0', HOST: '127.0.0.1', DATA_DIR: azure.dir, MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppPassword: 'not-a-real-secret',
      DIRECT_LINE_SECRET: 'the-channel-secret', DIRECT_LINE_ENDPOINT: service.endpoint,
      WEB_SIGNIN_CLIENT_ID: clientId, WEB_SIGNIN_TENANT_ID: tenantId, WEB_SIGNIN_AUTHORITY_HOST: issuer.authorityHost,
    }), silentLogger, { recognizer: await sharedRecognizer() });
    try {
      const user = await demoUserNamed('anna');
      assert.equal((await call(`${production.url}/api/signin/config`, 'GET')).body?.chat, 'azure');
      const nonceHere = String((await call(`${production.url}/api/signin/nonce`, 'POST', {})).body?.nonce);
      const answer = await call(`${production.url}/api/signin/microsoft`, 'POST', { idToken: await issuer.sign({ aud: clientId, oid: user.id, nonce: nonceHere }) });
      assert.equal(answer.status, 200);
      const asked = service.requests.at(-1);
      assert.equal(asked?.authorization, 'Bearer the-channel-secret');
      assert.equal(answer.body?.userId, asked?.body.user?.id);
      assert.match(String(answer.body?.userId), /^dl_/);
      assert.equal(answer.body?.token, 'dl-token-1');
      const chatUserId = String(answer.body?.userId);
      assert.ok(await production.records.get('webChatUsers', chatUserId), 'bound to the user');
      assert.equal((await call(`${production.url}/api/webchat/signout`, 'POST', { userId: chatUserId })).status, 204);
      assert.equal(await production.records.get('webChatUsers', chatUserId), undefined, 'signing out of the page ends the binding');
      assert.equal((await call(`${production.url}/api/webchat/signout`, 'POST', { userId: 42 })).status, 400);
      assert.equal(answer.body?.domain, `${service.endpoint}/v3/directline`);
      const anonymousFrom = (origin: string): Promise<Response> =>
        fetch(`${production.url}/api/webchat/anonymous`, { method: 'POST', headers: { 'content-type': 'application/json', origin }, body: '{}' });
      const visitor = await anonymousFrom(production.url);
      assert.equal(visitor.status, 200, 'someone who cannot sign in still gets a chat');
      assert.deepEqual(service.requests.at(-1)?.body.trustedOrigins, [production.url], 'trusted for this server\'s own page');
      assert.equal((await anonymousFrom('https://phishing.example')).status, 200);
      assert.equal(service.requests.at(-1)?.body.trustedOrigins, undefined, 'never for another page');
      assert.equal(service.requests.at(-1)?.body.user?.name, undefined);
      service.failWith(502);
      const down = await call(`${production.url}/api/webchat/anonymous`, 'POST', {});
      assert.deepEqual([down.status, down.body?.error?.code], [503, 'chatUnavailable'], 'the token service down: said so, not a 500');
      service.failWith(undefined);
      assert.equal((await call(`${production.url}/api/demo/anonymous`, 'POST', {})).status, 404, 'no demo routes in Azure');
      const policy = (await fetch(`${production.url}/`)).headers.get('content-security-policy') ?? '';
      const ws = service.endpoint.replace(/^http/, 'ws');
      assert.ok(policy.includes(`connect-src 'self' ${issuer.authorityHost} ${service.endpoint} ${ws};`), `the page may reach the authority and the Direct Line channel: ${policy}`);
    } finally {
      await production.stop();
      await azure.remove();
      await service.stop();
    }
  });
});

describe('Sign in with Microsoft on two instances of one bot (one DATA_DIR)', function () {
  this.timeout(60_000);
  let issuer: OidcIssuer;
  let data: Awaited<ReturnType<typeof tempDir>>;
  const apps: RunningApp[] = [];
  // Both instances on one clock, so that a test can let a window pass.
  const clock = new ManualClock(new Date());

  before(async function () {
    issuer = await startOidcIssuer(tenantId);
    data = await tempDir();
    for (let i = 0; i < 2; i += 1) {
      apps.push(await startApp(loadConfig({
        PORT: '0', DATA_DIR: data.dir, WEB_SIGNIN_CLIENT_ID: clientId, WEB_SIGNIN_TENANT_ID: tenantId, WEB_SIGNIN_AUTHORITY_HOST: issuer.authorityHost,
      }), silentLogger, { recognizer: await sharedRecognizer(), clock }));
    }
  });
  beforeEach(function () {
    // Each test with the counts of the last one out of the window.
    clock.advance(minutes(2));
  });
  after(async function () {
    for (const app of apps) await app.stop();
    await data?.remove();
    await issuer?.stop();
  });

  const nonceFrom = async (app: RunningApp): Promise<Answer> => call(`${app.url}/api/signin/nonce`, 'POST', {});

  it('the page may get its nonce from one instance and send its ID token to the other; the token counts once, on either', async function () {
    const [first, second] = apps as [RunningApp, RunningApp];
    const user = await demoUserNamed('anna');
    const idToken = await issuer.sign({ aud: clientId, oid: user.id, nonce: String((await nonceFrom(first)).body?.nonce), preferred_username: user.userPrincipalName });
    const answer = await call(`${second.url}/api/signin/microsoft`, 'POST', { idToken });
    assert.equal(answer.status, 200);
    assert.equal(answer.body?.userId, user.id);
    for (const app of apps) assert.equal((await call(`${app.url}/api/signin/microsoft`, 'POST', { idToken })).status, 401, 'a nonce is taken back once');
  });

  it('the sign-ins of one address are counted against one limit on both instances, and after a restart', async function () {
    const statuses: number[] = [];
    for (let i = 0; i < 30; i += 1) statuses.push((await nonceFrom(apps[i % 2] as RunningApp)).status);
    assert.deepEqual([...new Set(statuses)], [200]);
    for (const app of apps) {
      const refused = await nonceFrom(app);
      assert.equal(refused.status, 429);
      assert.equal(refused.body?.error?.code, 'rateLimited');
    }
    const first = apps.shift() as RunningApp;
    await first.stop();
    apps.unshift(await startApp(loadConfig({
      PORT: '0', DATA_DIR: data.dir, WEB_SIGNIN_CLIENT_ID: clientId, WEB_SIGNIN_TENANT_ID: tenantId, WEB_SIGNIN_AUTHORITY_HOST: issuer.authorityHost,
    }), silentLogger, { recognizer: await sharedRecognizer(), clock }));
    assert.equal((await nonceFrom(apps[0] as RunningApp)).status, 429, 'a restart clears nothing');
    clock.advance(minutes(1));
    assert.equal((await nonceFrom(apps[0] as RunningApp)).status, 200, 'the window over, the address may go on');
  });

  it('new anonymous chats of one address are counted against one limit on both instances', async function () {
    const statuses: number[] = [];
    for (let i = 0; i < 21; i += 1) statuses.push((await call(`${(apps[i % 2] as RunningApp).url}/api/demo/anonymous`, 'POST', {})).status);
    assert.deepEqual(statuses.slice(0, 20).filter((s) => s !== 200), []);
    assert.equal(statuses[20], 429);
    assert.equal((await call(`${(apps[0] as RunningApp).url}/api/demo/anonymous`, 'POST', {})).status, 429);
  });
});

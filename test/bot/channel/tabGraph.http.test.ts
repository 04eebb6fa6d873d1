// The Teams tab with a real directory (DIRECTORY=graph, against the Graph-shaped fake): the tab's
// single sign-on token is exchanged on the user's behalf (OAuth 2.0 on-behalf-of, with the bot's app
// id and secret, at the Entra-shaped test issuer) for a Graph token of that user, once per request,
// and the summary is read from Graph with it. An exchange the issuer refuses (consent missing, a
// wrong secret) is an outage of the tab, 503, logged by its OAuth error, never with a token.
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { startApp, type RunningApp } from '../../../bot/app.js';
import { loadConfig } from '../../../bot/config.js';
import { startFakeGraph, type FakeGraph } from '../../fakes/graphServer.js';
import { startOidcIssuer, type OidcIssuer } from '../../fakes/oidcIssuer.js';
import { sharedRecognizer } from '../../dialogs/harness.js';
import { captureLogs, demoSeed, demoUser, tempDir } from '../../helpers.js';

const appId = '5d2e7c41-93b8-4f6a-b0d2-7a1c3e5f9b28';
const secret = 'tab-app-secret-value';

describe('Teams tab API with Microsoft Graph: the tab\'s token exchanged on the user\'s behalf', function () {
  this.timeout(60_000);
  let issuer: OidcIssuer;
  let graph: FakeGraph;
  let app: RunningApp;
  let data: Awaited<ReturnType<typeof tempDir>>;
  const logs = captureLogs();
  let anna: Awaited<ReturnType<typeof demoUser>>;

  before(async function () {
    const seed = await demoSeed();
    const tenantId = String(seed.tenant.id);
    anna = await demoUser((u) => String(u.userPrincipalName).startsWith('anna@'));
    graph = await startFakeGraph(seed);
    issuer = await startOidcIssuer(tenantId);
    data = await tempDir();
    const seedFile = path.join(data.dir, 'seed.json');
    await writeFile(seedFile, JSON.stringify(seed));
    app = await startApp(loadConfig({
      PORT: '0', HOST: '127.0.0.1', DATA_DIR: data.dir, TENANT_SEED: seedFile, LOG_LEVEL: 'debug',
      MicrosoftAppId: appId, MicrosoftAppPassword: secret, MicrosoftAppTenantId: tenantId, MicrosoftAppType: 'SingleTenant',
      WEB_SIGNIN_AUTHORITY_HOST: issuer.authorityHost,
      // No identity of the assistant's own: who the user is, and all they see, come with their own token.
      DIRECTORY: 'graph', GRAPH_TENANT_ID: tenantId, GRAPH_URL: graph.url,
    }), logs.logger, { recognizer: await sharedRecognizer() });
  });
  after(async function () {
    await app?.stop();
    await graph?.stop();
    await issuer?.stop();
    await data?.remove();
  });

  const summary = async (token: string) => {
    const response = await fetch(`${app.url}/api/tab/summary?lang=en`, { headers: { authorization: `Bearer ${token}` } });
    return { status: response.status, text: await response.text() };
  };
  const tabToken = () => issuer.sign({ aud: appId, oid: anna.id, scp: 'access_as_user' });

  it('a good tab token is exchanged once for the user\'s Graph token, and the summary is read from Graph with it', async function () {
    issuer.acceptOnBehalfOf({ id: appId, secret }, (assertion) => graph.userToken(String(assertion.oid)));
    const before = { exchanges: issuer.exchanges.length, reads: graph.requests.length };
    const token = await tabToken();
    const answer = await summary(token);
    assert.equal(answer.status, 200, answer.text);
    const body = JSON.parse(answer.text) as { profile: { displayName: string }; methods: unknown[]; devices: unknown[] };
    assert.equal(body.profile.displayName, anna.displayName);
    assert.ok(body.methods.length > 0 && body.devices.length > 0);
    assert.deepEqual(issuer.exchanges.slice(before.exchanges), [{ scope: `${graph.url}/.default`, granted: true }], 'one exchange for the request');
    const reads = graph.requests.slice(before.reads);
    assert.ok(reads.length > 0 && reads.every((r) => r.auth === 'user' && r.userId === anna.id), JSON.stringify(reads.map((r) => [r.auth, r.path])));
    assert.ok(!logs.lines.some((l) => l.includes(token)), 'the tab token is never logged');
  });

  it('an exchange the issuer refuses (a wrong secret, consent missing) is an outage of the tab: 503, nothing of the account, the OAuth error logged', async function () {
    issuer.acceptOnBehalfOf({ id: appId, secret: 'another-secret' }, () => 'never');
    const before = graph.requests.length;
    const token = await tabToken();
    const answer = await summary(token);
    assert.equal(answer.status, 503, answer.text);
    assert.ok(!answer.text.includes(anna.displayName));
    assert.equal(graph.requests.slice(before).filter((r) => r.auth === 'user').length, 0, 'nothing read from Graph');
    assert.ok(logs.lines.some((l) => l.includes('could not be exchanged') && l.includes('invalid_client')), logs.lines.slice(-5).join('\n'));
    assert.ok(!logs.lines.some((l) => l.includes(token) || l.includes(secret)), 'neither token nor secret logged');
  });
});

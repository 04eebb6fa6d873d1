// The composition root with OAUTH_CONNECTION_NAME: with DIRECTORY=graph the users' own tokens come
// from the token service, so the goals Graph lets a user do to themselves run with their token
// instead of being portal links; without the setting, the bot is as before.
import assert from 'node:assert/strict';
import { demoSeed } from '../../helpers.js';
import { startFakeGraph, type FakeGraph } from '../../fakes/graphServer.js';
import { startTestApp } from '../../testApp.js';

describe('OAUTH_CONNECTION_NAME in the running app', function () {
  this.timeout(60_000);
  let graph: FakeGraph;
  let env: NodeJS.ProcessEnv;

  before(async function () {
    const seed = await demoSeed();
    graph = await startFakeGraph(seed);
    // A registered bot (the token service serves only those), on loopback for the test.
    env = { MicrosoftAppId: '0d5f2c1e-1111-4222-8333-944444444444', MicrosoftAppPassword: 'not-used-here', HOST: '127.0.0.1', DIRECTORY: 'graph', GRAPH_URL: graph.url, GRAPH_TENANT_ID: String(seed.tenant.id) };
  });
  after(async function () {
    await graph.stop();
  });

  async function modes(extra: NodeJS.ProcessEnv): Promise<Record<string, string>> {
    const running = await startTestApp({ ...env, ...extra });
    try {
      return Object.fromEntries(running.app.directory.capabilities().map((p) => [p.capability, p.mode]));
    } finally {
      await running.stop();
    }
  }

  it('with it, the delegated goals run with the user\'s own token; without it they are portal links', async function () {
    const withSignOn = await modes({ OAUTH_CONNECTION_NAME: 'graph-sso' });
    const without = await modes({});
    for (const goal of ['profile.view', 'devices.view', 'securityinfo.view', 'signout.everywhere']) {
      assert.equal(withSignOn[goal], 'delegated', goal);
      assert.equal(without[goal], 'portal', goal);
    }
  });
});

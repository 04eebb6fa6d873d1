// DIRECTORY=graph over POST /api/messages: the bot started from its configuration against a
// Graph-shaped fake, a Teams user acting on their real (fake) account, and what the user hears when
// Microsoft Graph cannot answer.
import assert from 'node:assert/strict';
import { translator } from '../../../bot/core/i18n/i18n.js';
import { cardOf, cardTexts } from '../../dialogs/harness.js';
import { startFakeGraph, type FakeGraph } from '../../fakes/graphServer.js';
import { demoSeed, demoUserNamed } from '../../helpers.js';
import { startTestApp, type TestApp } from '../../testApp.js';
import { teamsChat } from './teamsChat.js';

describe('DIRECTORY=graph over /api/messages', function () {
  let graph: FakeGraph;
  let running: TestApp;
  const t = translator('en');

  before(async function () {
    const seed = await demoSeed();
    graph = await startFakeGraph(seed);
    running = await startTestApp(
      { DIRECTORY: 'graph', GRAPH_URL: graph.url, GRAPH_TENANT_ID: String(seed.tenant.id), GRAPH_CLIENT_ID: '11111111-2222-3333-4444-555555555555', GRAPH_CLIENT_SECRET: 'not-used-here', GRAPH_PRIVILEGED: 'signins.view' },
      {
        userTokens: { tokenFor: (userId) => Promise.resolve(graph.users.has(userId) ? graph.userToken(userId) : undefined) },
        appTokens: { token: () => Promise.resolve(graph.appToken(['User.Read.All', 'AuditLog.Read.All'])) },
      },
    );
  });
  after(async function () {
    await running.stop();
    await graph.stop();
  });

  const chat = (userId: string, conversationId: string) => teamsChat(running.app.url, { userId, conversationId, locale: 'en-US' });

  it('a Teams user is found in the directory by their aadObjectId and sees their own profile', async function () {
    const anna = await demoUserNamed('anna');
    const replies = await chat(anna.id, 'graph-profile').say('show my profile');
    assert.ok(replies.some((r) => cardTexts(cardOf(r as never)).includes(String(anna.displayName))));
    assert.ok(graph.requests.some((r) => r.auth === 'app' && r.path.startsWith(`/v1.0/users/${anna.id}`)), 'identity looked up with the assistant\'s identity');
  });

  it('an unknown object id gets the same answer as with the embedded tenant', async function () {
    const replies = await chat('99999999-8888-7777-6666-555555555555', 'graph-unknown').say('show my profile');
    assert.equal(replies[0]?.text, t.t('identity.unknownUser'));
  });

  it('a goal Graph cannot do gives Microsoft\'s page; an allowed privileged one works', async function () {
    const emily = await demoUserNamed('emily');
    const leave = await chat(emily.id, 'graph-portal').say('I want to leave an organization');
    assert.ok(leave.some((r) => (r.text ?? '').includes('https://myaccount.microsoft.com/organizations') || JSON.stringify(r).includes('https://myaccount.microsoft.com/organizations')));
    const signIns = await chat(emily.id, 'graph-signins').say('show my recent sign-ins');
    assert.ok(signIns.some((r) => cardTexts(cardOf(r as never)).includes(t.t('signins.heading'))));
  });

  it('Graph down: the user hears that the directory cannot be reached and that nothing was changed', async function () {
    const claire = await demoUserNamed('claire');
    graph.failNext({ path: /registeredDevices/ }, { status: 503, code: 'ServiceUnavailable', retryAfter: 1 }, 3);
    const replies = await chat(claire.id, 'graph-down').say('show my devices');
    assert.equal(replies.at(-1)?.text, t.t('directory.unavailable'));
    // The next message works again.
    const again = await chat(claire.id, 'graph-down').say('show my devices');
    assert.ok(again.some((r) => cardTexts(cardOf(r as never)).includes(t.t('devices.heading'))));
  });
});

// The adapter's clients for the channel and the token service are the bot's: made once per app id,
// service URL and audience and used by every turn, never more than the bound.
import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { KeptClientsAuthentication } from '../../../bot/channel/keptClients.js';

type Identity = Parameters<KeptClientsAuthentication['createConnectorFactory']>[0];
/** A verified token's claims: its audience is the bot's app id. */
const claimsFor = (appId: string | null): Identity => ({ getClaimValue: (type: string) => (type === 'aud' ? appId : null) }) as unknown as Identity;
const baseUri = (client: unknown): unknown => (client as { baseUri?: unknown }).baseUri;

describe('kept connector and token clients', function () {
  const activity = (serviceUrl: string): Activity => ({ type: 'message', channelId: 'msteams', serviceUrl, text: 'help' }) as Activity;

  it('every turn from one service gets the one client the first made for it; another service its own', async function () {
    // No app credentials: local mode, every request anonymous.
    const auth = new KeptClientsAuthentication({});
    const turn = async (serviceUrl: string) => {
      const result = await auth.authenticateRequest(activity(serviceUrl), '');
      return result.connectorFactory?.create(serviceUrl, result.audience);
    };
    const first = await turn('https://smba.example/emea/');
    const second = await turn('https://smba.example/emea/');
    const other = await turn('https://smba.example/amer/');
    assert.ok(first && first === second, 'the same client for the same service');
    assert.notEqual(other, first);
    assert.equal(baseUri(first), 'https://smba.example/emea/', 'made for its own service, as without keeping');
    assert.equal(baseUri(other), 'https://smba.example/amer/');
    // Proactive turns (continueConversation) make their clients through createConnectorFactory: the same ones.
    const { audience } = await auth.authenticateRequest(activity('https://smba.example/emea/'), '');
    assert.equal(await auth.createConnectorFactory(claimsFor(null)).create('https://smba.example/emea/', audience), first);
  });

  it('one token client per app id', async function () {
    const auth = new KeptClientsAuthentication({});
    const a = await auth.createUserTokenClient(claimsFor(null));
    assert.equal(await auth.createUserTokenClient(claimsFor(null)), a);
    assert.notEqual(await auth.createUserTokenClient(claimsFor('other-app')), a);
    assert.deepEqual(auth.kept, { connectorClients: 0, userTokenClients: 2 });
  });

  it('a client made for one app id is never handed to a turn of another', async function () {
    const auth = new KeptClientsAuthentication({});
    const url = 'https://smba.example/emea/';
    const anonymous = await auth.createConnectorFactory(claimsFor(null)).create(url, 'https://api.botframework.com');
    const app = await auth.createConnectorFactory(claimsFor('app-2')).create(url, 'https://api.botframework.com');
    assert.notEqual(app, anonymous);
    assert.notEqual(await auth.createConnectorFactory(claimsFor(null)).create(url, 'https://other.audience'), anonymous, 'nor one made for another audience');
  });

  it('keeps at most its bound, however many service URLs activities name', async function () {
    const auth = new KeptClientsAuthentication({}, 3);
    const factory = auth.createConnectorFactory(claimsFor(null));
    for (let i = 0; i < 20; i++) await factory.create(`https://smba.example/${i}/`, undefined);
    assert.equal(auth.kept.connectorClients, 3);
    const latest = await factory.create('https://smba.example/19/', undefined);
    assert.equal(latest, await factory.create('https://smba.example/19/', undefined));
    assert.equal(baseUri(latest), 'https://smba.example/19/');
  });
});

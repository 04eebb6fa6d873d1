// Single sign-on in Teams, as transcripts: the bot on botbuilder's TestAdapter (its token store
// stands in for the Bot Framework token service) with the middleware the CloudAdapter gets, the
// Graph directory over the Graph-shaped fake with no identity of its own, so everything it does
// for the user is done with the user's token from the token service.
import assert from 'node:assert/strict';
import { MemoryStorage, TeamsSSOTokenExchangeMiddleware, TestAdapter, type Activity, type TurnContext } from 'botbuilder';
import { embeddedPorts } from '../../../bot/app.js';
import { tenantInfoOf, termsOfUseOf } from '../../../bot/adapters/embedded/embeddedDirectory.js';
import { readSeedFile, seedAgreements } from '../../../bot/adapters/embedded/tenantSeed.js';
import { GraphClient } from '../../../bot/adapters/graph/graphClient.js';
import { GraphDirectory } from '../../../bot/adapters/graph/graphDirectory.js';
import { composeBot } from '../../../bot/channel/composeBot.js';
import { TokenExchangeLedger, tokenExchangePartition } from '../../../bot/channel/tokenExchangeLedger.js';
import { TokenServiceUserTokens } from '../../../bot/channel/tokenServiceUserTokens.js';
import { translator, type Locale } from '../../../bot/core/i18n/i18n.js';
import { systemClock } from '../../../bot/core/ports/clock.js';
import { createUseCases } from '../../../bot/core/usecases/useCases.js';
import { paths } from '../../../bot/paths.js';
import { startFakeGraph, type FakeGraph } from '../../fakes/graphServer.js';
import { MemoryRecords } from '../../fakes/memoryRecords.js';
import { cardOf, cardTexts, sharedRecognizer, submitActions, textOf } from '../../dialogs/harness.js';
import { captureLogs, demoSeed, demoUser, tempDir } from '../../helpers.js';

const connectionName = 'graph-sso';
const oauthCardType = 'application/vnd.microsoft.card.oauth';
/** What Teams sends: its own SSO token for api://botid-…, which the token service exchanges for a Graph token. */
const teamsToken = 'teams-sso-token-for-botid';

type Sent = Partial<Activity>;

interface Instance {
  readonly adapter: TestAdapter;
  /** Every exchange the token service was asked for. */
  readonly exchanges: string[];
  /** The Graph token the token service gives for the user. */
  readonly graphToken: string;
}

describe('single sign-on in Teams', function () {
  this.timeout(60_000);
  let graph: FakeGraph;
  let userId: string;
  let displayName: string;
  let data: Awaited<ReturnType<typeof tempDir>>;
  let logs: ReturnType<typeof captureLogs>;
  let storage: MemoryStorage;
  let records: MemoryRecords;
  let bots: ((context: TurnContext) => Promise<void>)[];
  let tokens: TokenServiceUserTokens;

  beforeEach(async function () {
    const { seed } = await readSeedFile(paths.demoTenant);
    graph = await startFakeGraph(seed);
    const user = await demoUser((u) => u.accountEnabled !== false && Boolean(u.manager));
    userId = user.id;
    displayName = user.displayName;
    data = await tempDir();
    logs = captureLogs();
    tokens = new TokenServiceUserTokens(connectionName, logs.logger);
    // No identity of the assistant's own: who the user is, and their profile, need their own token.
    const directory = new GraphDirectory({
      graph: new GraphClient({ baseUrl: graph.url, logger: logs.logger, timeoutMs: 5000 }),
      userTokens: tokens,
      userTokensAvailable: true,
      privileged: new Set(),
      settings: tenantInfoOf(seed.tenant),
      termsOfUse: seedAgreements(seed).map(termsOfUseOf),
    });
    storage = new MemoryStorage();
    records = new MemoryRecords();
    const ports = await embeddedPorts(data.dir, directory, systemClock, { continueIn: () => Promise.reject(new Error('no proactive messages here')), logger: logs.logger }, records);
    const useCases = createUseCases(ports);
    const recognizer = await sharedRecognizer();
    // Two instances of the bot over the same state storage and record store, as behind a load balancer.
    bots = [0, 1].map(() => {
      const { bot } = composeBot({ useCases, directory, references: ports.references, recognizer, storage, records: new MemoryRecords(records), signIn: { connectionName } });
      return (context: TurnContext) => bot.run(context);
    });
  });

  afterEach(async function () {
    await graph.stop();
    await data.remove();
  });

  /** The bot's instance `n` for this Teams user's personal chat, with the middleware the CloudAdapter gets. */
  function instance(n: number, locale: Locale | 'en' = 'en'): Instance {
    const adapter = new TestAdapter(bots[n] ?? bots[0]!, {
      channelId: 'msteams',
      locale,
      from: { id: 'teams-user-29', name: 'Teams user', aadObjectId: userId },
      conversation: { id: 'personal-chat-1', isGroup: false, conversationType: 'personal', name: '' },
    });
    adapter.use(tokens.middleware);
    adapter.use(new TeamsSSOTokenExchangeMiddleware(new TokenExchangeLedger(new MemoryRecords(records), () => new Date()), connectionName));
    // The token service keeps the Graph token it exchanged for the user (TestAdapter's store forgets it).
    const exchanges: string[] = [];
    const exchange = adapter.exchangeToken.bind(adapter);
    adapter.exchangeToken = async (context, name, user, request) => {
      exchanges.push(String(request.token));
      const answer = await exchange(context, name, user, request);
      if (answer?.token) adapter.addUserToken(name, 'msteams', user, answer.token);
      return answer;
    };
    const graphToken = graph.userToken(userId);
    adapter.addExchangeableToken(connectionName, 'msteams', 'teams-user-29', teamsToken, graphToken);
    return { adapter, exchanges, graphToken };
  }

  const transcript: Sent[] = [];
  async function send(target: Instance, activity: Sent): Promise<Sent[]> {
    await target.adapter.processActivity(activity);
    const sent = target.adapter.activeQueue.splice(0);
    transcript.push(activity, ...sent);
    return sent;
  }
  const say = (target: Instance, text: string): Promise<Sent[]> => send(target, { type: 'message', text });
  const exchangeInvoke = (id: string, token = teamsToken): Sent => ({ type: 'invoke', name: 'signin/tokenExchange', value: { id, connectionName, token } });
  const messages = (sent: Sent[]): Sent[] => sent.filter((a) => a.type === 'message');
  const invokeResponse = (sent: Sent[]): { status?: number; body?: Record<string, unknown> } | undefined =>
    sent.find((a) => a.type === 'invokeResponse')?.value as { status?: number; body?: Record<string, unknown> } | undefined;
  const oauthCard = (sent: Sent[]): Record<string, unknown> | undefined =>
    sent.flatMap((a) => a.attachments ?? []).find((a) => a.contentType === oauthCardType)?.content as Record<string, unknown> | undefined;
  /** The profile card, if one was sent (its text holds the user's name). */
  const profileShown = (sent: Sent[]): boolean => messages(sent).some((m) => cardOf(m) !== undefined && textOf(m).includes(displayName));
  /** The data of the button that means `action` on the card just sent. */
  const button = (sent: Sent[], action: string): Record<string, unknown> => {
    const found = messages(sent).flatMap((m) => submitActions(cardOf(m))).find((d) => d.action === action);
    assert.ok(found, `a button ${action}: ${JSON.stringify(messages(sent).map(textOf))}`);
    return found;
  };
  const meCalls = (): number => graph.requests.filter((r) => r.auth === 'user' && r.userId === userId && r.path.startsWith('/v1.0/me?')).length;

  for (const locale of ['en', 'fr'] as const) {
    it(`"show my profile" from a Teams user the token service has no token for: a sign-in card, then the silent exchange, then the profile from Graph with the exchanged token (${locale})`, async function () {
      const teams = instance(0, locale);
      const t = translator(locale);
      const asked = await say(teams, locale === 'en' ? 'show my profile' : 'afficher mon profil');
      const card = oauthCard(asked);
      assert.ok(card, `a sign-in card: ${JSON.stringify(asked)}`);
      assert.equal(card.connectionName, connectionName);
      assert.equal(card.text, t.t('sso.card.text'));
      assert.deepEqual((card.buttons as { title?: string }[]).map((b) => b.title), [t.t('sso.card.title')]);
      // Teams exchanges silently when the card carries the exchange resource.
      assert.ok((card.tokenExchangeResource as { id?: string } | undefined)?.id);
      assert.equal(profileShown(asked), false);
      assert.equal(meCalls(), 0, 'nothing was read from Graph without the user\'s token');

      const answered = await send(teams, exchangeInvoke('exchange-1'));
      assert.equal(invokeResponse(answered)?.status, 200);
      assert.ok(profileShown(answered), `the profile: ${JSON.stringify(messages(answered).map(textOf))}`);
      assert.ok(meCalls() > 0, 'the profile was read with the user\'s own token');
      assert.deepEqual(teams.exchanges.slice(0, 1), [teamsToken]);

      // Signed in: the next delegated goal runs at once, with no card.
      const again = await say(teams, locale === 'en' ? 'show my profile' : 'afficher mon profil');
      assert.equal(oauthCard(again), undefined);
      assert.ok(profileShown(again));
    });
  }

  it('"remove the phone number ending in …" before signing in: after the silent exchange the goal still knows which method was named (no "which one?")', async function () {
    const teams = instance(0);
    const t = translator('en');
    const seeded = (await demoUser((u) => u.id === userId)).authenticationMethods as { '@odata.type': string; phoneNumber?: string }[];
    const phone = seeded.find((m) => m['@odata.type'] === '#microsoft.graph.phoneAuthenticationMethod' && typeof m.phoneNumber === 'string');
    assert.ok(phone?.phoneNumber, 'the user has a phone method');
    const asked = await say(teams, `remove the phone number ending in ${phone.phoneNumber.replace(/\D/g, '').slice(-2)}`);
    assert.ok(oauthCard(asked), 'a sign-in card first');
    const answered = messages(await send(teams, exchangeInvoke('exchange-named')));
    const texts = answered.flatMap((m) => cardTexts(cardOf(m)));
    assert.ok(texts.includes(t.t('securityInfo.removeReason')), `the check for the named method: ${JSON.stringify(answered.map(textOf))}`);
    assert.ok(!texts.includes(t.t('securityInfo.removePick')), 'no "which method?"');
  });

  it('an exchange the token service refuses (consent needed) is answered 412, so Teams shows the sign-in button; signing in there finishes the goal', async function () {
    const teams = instance(0);
    teams.adapter.throwOnExchangeRequest(connectionName, 'msteams', 'teams-user-29', 'needs-consent');
    await say(teams, 'show my profile');
    const refused = await send(teams, exchangeInvoke('exchange-2', 'needs-consent'));
    const response = invokeResponse(refused);
    assert.equal(response?.status, 412);
    assert.deepEqual({ id: response?.body?.id, connectionName: response?.body?.connectionName }, { id: 'exchange-2', connectionName });
    assert.equal(typeof response?.body?.failureDetail, 'string');
    assert.deepEqual(messages(refused), [], 'the goal waits for the sign-in');

    // The user signs in with the button; Teams sends signin/verifyState with the code the sign-in page gave.
    teams.adapter.addUserToken(connectionName, 'msteams', 'teams-user-29', graph.userToken(userId), '482913');
    const verified = await send(teams, { type: 'invoke', name: 'signin/verifyState', value: { state: '482913' } });
    assert.equal(invokeResponse(verified)?.status, 200);
    assert.ok(profileShown(verified), JSON.stringify(messages(verified).map(textOf)));
  });

  it('signed in to the connection with another account (the sign-in page lets one pick any): that token is never used for this user, and is forgotten', async function () {
    const teams = instance(0);
    const other = await demoUser((u) => u.id !== userId && u.accountEnabled !== false);
    teams.adapter.throwOnExchangeRequest(connectionName, 'msteams', 'teams-user-29', 'needs-consent');
    await say(teams, 'show my profile');
    await send(teams, exchangeInvoke('exchange-other', 'needs-consent'));
    // The button's sign-in page, and the user picks another of their accounts.
    teams.adapter.addUserToken(connectionName, 'msteams', 'teams-user-29', graph.userToken(other.id), '551204');
    const verified = await send(teams, { type: 'invoke', name: 'signin/verifyState', value: { state: '551204' } });
    assert.equal(profileShown(verified), false, JSON.stringify(messages(verified).map(textOf)));
    assert.equal(graph.requests.filter((r) => r.auth === 'user' && r.userId === other.id).length, 0, 'nothing read or changed with the other account');
    assert.ok(logs.lines.some((l) => l.includes('another account')), 'logged');
    // Forgotten: the next goal asks to sign in again.
    assert.ok(oauthCard(await say(teams, 'show my profile')), 'a sign-in card again');
  });

  it('installed before any sign-in: the assistant, which knows people only once they sign in, greets as a colleague in Teams, with the menu, not as a stranger', async function () {
    const teams = instance(0);
    const t = translator('en');
    const greeted = await send(teams, { type: 'conversationUpdate', membersAdded: [{ id: 'teams-user-29', name: 'Teams user' }] });
    const organization = (await demoSeed()).tenant.displayName;
    assert.equal(messages(greeted)[0]?.text, t.t('welcome.teams', { organization: String(organization) }));
    assert.ok(cardTexts(cardOf(messages(greeted)[1] ?? {})).includes(t.t('menu.title')), 'the menu');
    assert.equal(oauthCard(greeted), undefined, 'no sign-in before a request');
  });

  it('the same exchange sent by two Teams clients to two instances at once is handled once: the copy is answered 200 and does nothing', async function () {
    const first = instance(0);
    const second = instance(1);
    await say(first, 'show my profile');
    const [one, two] = await Promise.all([send(first, exchangeInvoke('exchange-3')), send(second, exchangeInvoke('exchange-3'))]);
    assert.equal([one, two].filter(profileShown).length, 1, 'the profile once');
    const copy = profileShown(one) ? two : one;
    assert.equal(invokeResponse(copy)?.status, 200);
    assert.deepEqual(messages(copy), []);
    assert.equal(graph.requests.filter((r) => r.path.startsWith('/v1.0/me/manager')).length, 1, 'the profile read from Graph once');
    const noted = records.writes.filter((w) => w.partition === tokenExchangePartition);
    assert.equal(noted.length, 1, 'one exchange noted in the shared store');
    assert.ok(!(noted[0]?.text ?? '').includes(teamsToken));
  });

  it('typing something else instead of signing in ends the sign-in politely; nothing is read', async function () {
    const teams = instance(0);
    await say(teams, 'show my profile');
    const replies = await say(teams, 'hmm');
    assert.ok(messages(replies).some((m) => m.text === translator('en').t('sso.notSignedIn')), JSON.stringify(messages(replies).map(textOf)));
    assert.equal(meCalls(), 0);
  });

  it('signing out everywhere also signs the user out of the token service: the next goal asks to sign in again', async function () {
    const teams = instance(0);
    await say(teams, 'show my profile');
    await send(teams, exchangeInvoke('exchange-4'));
    const t = translator('en');
    const confirm = await say(teams, 'sign me out everywhere');
    const data = button(confirm, 'yes');
    const done = await send(teams, { type: 'message', value: data });
    assert.ok(messages(done).some((m) => textOf(m).includes(t.t('signout.done'))), JSON.stringify(messages(done).map(textOf)));
    assert.ok(graph.requests.some((r) => r.method === 'POST' && r.path.startsWith('/v1.0/me/revokeSignInSessions') && r.userId === userId));

    const after = await say(teams, 'show my profile');
    assert.ok(oauthCard(after), 'signed out of the token service: a sign-in card again');
    assert.equal(profileShown(after), false);
  });

  it('"sign out" offers to sign out of the assistant only: the token service forgets the token, the sessions stay, the next goal signs in again', async function () {
    const teams = instance(0, 'fr');
    const t = translator('fr');
    await say(teams, 'afficher mon profil');
    await send(teams, exchangeInvoke('exchange-6'));
    const confirm = await say(teams, 'déconnecte-moi');
    assert.deepEqual(messages(confirm).flatMap((m) => submitActions(cardOf(m))).map((d) => d.action), ['yes', 'no', 'assistant']);
    assert.ok(messages(confirm).some((m) => textOf(m).includes(t.t('sso.signOutHere'))));
    const done = await send(teams, { type: 'message', value: button(confirm, 'assistant') });
    assert.deepEqual(messages(done).map((m) => m.text), [t.t('sso.signedOut')]);
    assert.ok(!graph.requests.some((r) => r.path.startsWith('/v1.0/me/revokeSignInSessions')), 'the sessions stay');
    const after = await say(teams, 'afficher mon profil');
    assert.ok(oauthCard(after), 'a sign-in card again');
  });

  it('a late copy of an exchange while a card waits changes nothing: the card still takes its answer', async function () {
    const teams = instance(0);
    await say(teams, 'show my profile');
    await send(teams, exchangeInvoke('exchange-7'));
    const confirm = await say(teams, 'sign out everywhere');
    const late = await send(teams, exchangeInvoke('exchange-8'));
    assert.equal(invokeResponse(late)?.status, 200);
    assert.deepEqual(messages(late), []);
    const done = await send(teams, { type: 'message', value: button(confirm, 'no') });
    assert.deepEqual(messages(done).map((m) => m.text), [translator('en').t('signout.kept')]);
  });

  it('no token reaches the conversation state, the records, the logs or the transcript', async function () {
    const teams = instance(0);
    await say(teams, 'show my profile');
    await send(teams, exchangeInvoke('exchange-5'));
    await say(teams, 'show my devices');
    const { graphToken } = teams;
    const state = JSON.stringify(storage);
    assert.ok(state.includes('dialogState') || state.includes('recentTurns'), 'the state was written');
    const stored = JSON.stringify(records.writes);
    const said = JSON.stringify(transcript.filter((a) => !(a.type === 'invoke')));
    for (const [where, text] of [['state', state], ['records', stored], ['logs', logs.lines.join('\n')], ['transcript (the bot\'s side)', said]] as const) {
      assert.ok(!text.includes(teamsToken), `the Teams token is not in the ${where}`);
      assert.ok(!text.includes(graphToken), `the Graph token is not in the ${where}`);
      assert.doesNotMatch(text, /eyJ[\w-]{10,}\.eyJ/, `no JWT in the ${where}`);
    }
  });

  it('the exchange ledger on the file store lets a key be written once, with the error the middleware reads as a duplicate', async function () {
    const ledger = new TokenExchangeLedger(data.records(), () => new Date('2026-12-01T10:00:00Z'));
    await ledger.write({ 'msteams/a:1/exchange-6': { eTag: 'exchange-6' } });
    await assert.rejects(ledger.write({ 'msteams/a:1/exchange-6': { eTag: 'exchange-6' } }), /eTag conflict/);
    await ledger.write({ 'msteams/a:1/exchange-7': { eTag: 'exchange-7' } });
    const kept = await ledger.read(['msteams/a:1/exchange-6']);
    assert.deepEqual(Object.keys(kept), ['msteams/a:1/exchange-6']);
  });
});

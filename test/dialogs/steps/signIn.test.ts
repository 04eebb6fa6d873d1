// Signing in again halfway through a goal, as transcripts: Microsoft refuses a credential change
// when the user's sign-in is older than its fresh-MFA window (a claims challenge), nothing is
// changed, and the bot asks for a fresh sign-in through its OAuth connection and then does the
// change it was asked for, once. The bot runs in Teams on botbuilder's TestAdapter, whose token
// store stands in for the Bot Framework token service; the Graph directory has no identity of its
// own, so everything, who the user is included, is done with the token the token service gives.
import assert from 'node:assert/strict';
import { MemoryStorage, TestAdapter, type Activity } from 'botbuilder';
import { embeddedPorts } from '../../../bot/app.js';
import { tenantInfoOf, termsOfUseOf } from '../../../bot/adapters/embedded/embeddedDirectory.js';
import type { RecordAuditLog } from '../../../bot/adapters/records/recordAuditLog.js';
import type { RecordOutbox } from '../../../bot/adapters/records/recordOutbox.js';
import { readSeedFile, seedAgreements } from '../../../bot/adapters/embedded/tenantSeed.js';
import { GraphClient } from '../../../bot/adapters/graph/graphClient.js';
import { GraphDirectory } from '../../../bot/adapters/graph/graphDirectory.js';
import { directoryErrorIn } from '../../../bot/channel/cloudAdapter.js';
import { composeBot } from '../../../bot/channel/composeBot.js';
import { TokenServiceUserTokens } from '../../../bot/channel/tokenServiceUserTokens.js';
import { supportedLocales, translator, type Locale } from '../../../bot/core/i18n/i18n.js';
import { methodPhrase } from '../../../bot/core/i18n/methodNames.js';
import { systemClock } from '../../../bot/core/ports/clock.js';
import type { AuthenticationMethod } from '../../../bot/core/ports/directory.js';
import type { UserTokenProvider } from '../../../bot/core/ports/userTokens.js';
import { createUseCases } from '../../../bot/core/usecases/useCases.js';
import { silentLogger } from '../../../bot/logger.js';
import { paths } from '../../../bot/paths.js';
import { startFakeGraph, type FakeGraph } from '../../fakes/graphServer.js';
import { MemoryRecords } from '../../fakes/memoryRecords.js';
import { codeIn, demoUserNamed, tempDir } from '../../helpers.js';
import { Chat, sharedRecognizer, textOf } from '../harness.js';
import { phrases } from '../testData/phrases.js';

const connectionName = 'graph-sso';
const teamsUserId = '29:teams-user-anna';
const oauthCardType = 'application/vnd.microsoft.card.oauth';
/** Longer ago than Microsoft's fresh-MFA window (about ten minutes). */
const staleMfa = { mfaSecondsAgo: 3600 };
const newPassword = 'Quiet-Orchard-Lamp-58';

type Sent = Partial<Activity>;
const texts = (sent: Sent[]): string[] => sent.map(textOf);
const signInCard = (sent: Sent[]): Record<string, unknown> | undefined =>
  sent.flatMap((a) => a.attachments ?? []).find((a) => a.contentType === oauthCardType)?.content as Record<string, unknown> | undefined;

describe('signing in again for Microsoft\'s fresh-MFA rule', function () {
  this.timeout(60_000);
  let graph: FakeGraph;
  let anna: Awaited<ReturnType<typeof demoUserNamed>>;
  let data: Awaited<ReturnType<typeof tempDir>>;
  let audit: RecordAuditLog;
  let notifier: RecordOutbox;
  let run: ConstructorParameters<typeof TestAdapter>[0];
  let tokens: TokenServiceUserTokens;
  let reader: GraphDirectory;
  let storage: MemoryStorage;

  beforeEach(async function () {
    const { seed } = await readSeedFile(paths.demoTenant);
    graph = await startFakeGraph(seed);
    anna = await demoUserNamed('anna');
    data = await tempDir();
    tokens = new TokenServiceUserTokens(connectionName, silentLogger);
    const graphDirectory = (userTokens: UserTokenProvider): GraphDirectory => new GraphDirectory({
      graph: new GraphClient({ baseUrl: graph.url, logger: silentLogger, timeoutMs: 5000 }),
      userTokens,
      userTokensAvailable: true,
      privileged: new Set(),
      settings: tenantInfoOf(seed.tenant),
      termsOfUse: seedAgreements(seed).map(termsOfUseOf),
    });
    const directory = graphDirectory(tokens);
    reader = graphDirectory({ tokenFor: (userId) => Promise.resolve(graph.userToken(userId)) });
    const records = new MemoryRecords();
    storage = new MemoryStorage();
    const ports = await embeddedPorts(data.dir, directory, systemClock, { continueIn: () => Promise.reject(new Error('no proactive messages here')), logger: silentLogger }, records);
    audit = ports.audit;
    notifier = ports.notifier;
    const { bot } = composeBot({
      useCases: createUseCases(ports), directory, references: ports.references, recognizer: await sharedRecognizer(),
      storage, records, signIn: { connectionName },
    });
    run = (context) => bot.run(context);
  });

  afterEach(async function () {
    await graph.stop();
    await data.remove();
  });

  /** Anna's personal chat in Teams; the token service holds a token from a sign-in longer ago than the fresh-MFA window. */
  function teamsChat(locale: Locale): Chat {
    const adapter = new TestAdapter(run, {
      channelId: 'msteams',
      locale: phrases[locale].tag,
      from: { id: teamsUserId, name: 'Anna', aadObjectId: anna.id },
      conversation: { id: `personal-chat-${locale}`, isGroup: false, conversationType: 'personal', name: '' },
    });
    adapter.use(tokens.middleware);
    adapter.addUserToken(connectionName, 'msteams', teamsUserId, graph.userToken(anna.id, staleMfa));
    return new Chat(adapter);
  }

  /** The user signs in on the card's page, which gives this code; the token service then has this token for them. */
  function signInOnPage(chat: Chat, token: string, code: string): Promise<{ replies: Sent[]; status: number }> {
    chat.adapter.addUserToken(connectionName, 'msteams', teamsUserId, token, code);
    return chat.verifySignIn(code).then(({ response, replies }) => ({ replies, status: response.status }));
  }

  const requests = (method: string, path: RegExp): number => graph.requests.filter((r) => r.method === method && path.test(r.path)).length;
  const passwordChanges = (): number => requests('POST', /\/me\/changePassword$/);

  /** Asks to change the password and fills in the card; the token is too old, so Microsoft refuses. */
  async function changePasswordWithOldSignIn(chat: Chat, locale: Locale): Promise<Sent[]> {
    await chat.say(phrases[locale].passwordChange);
    return chat.submit('submit', { currentPassword: anna.password, newPassword, confirmPassword: newPassword });
  }

  for (const locale of supportedLocales) {
    it(`password.change (${locale}): the claims challenge is said in one sentence, the user signs in again, types the passwords once more (never kept) and the password is changed once`, async function () {
      const t = translator(locale);
      const chat = teamsChat(locale);
      const challenged = await changePasswordWithOldSignIn(chat, locale);
      // BOT: Microsoft wants a fresh sign-in with your second method before this change, so I haven't made it yet: …
      assert.equal(challenged[0]?.text, t.t('freshMfa.signInAgain'));
      const card = signInCard(challenged);
      assert.ok(card, `a sign-in card: ${JSON.stringify(texts(challenged))}`);
      assert.equal(card.connectionName, connectionName);
      assert.equal(card.text, t.t('sso.card.text'));
      assert.equal(graph.users.get(anna.id)?.password, anna.password, 'nothing was changed');
      assert.equal(passwordChanges(), 1);

      // The old token is forgotten: the token service gives none until the user has signed in again.
      const fresh = graph.userToken(anna.id);
      const signedIn = await signInOnPage(chat, fresh, '482913');
      assert.equal(signedIn.status, 200);
      const again = signedIn.replies.map(textOf).join('\n');
      assert.ok(again.includes(t.t('freshMfa.passwordsAgain')), again);
      assert.ok(again.includes(t.t('passwordChange.heading')), again);
      assert.equal(passwordChanges(), 1, 'the passwords were not kept, so nothing was sent again on their own');

      const done = await chat.submit('submit', { currentPassword: anna.password, newPassword, confirmPassword: newPassword });
      assert.equal(done[0]?.text, t.t('passwordChange.done'));
      assert.equal(graph.users.get(anna.id)?.password, newPassword);
      assert.equal(passwordChanges(), 2);
      // The refused attempt and the change, newest first.
      const entries = await audit.listForUser(anna.id, 2);
      assert.deepEqual(entries.map((e) => [e.action, e.result, e.reason]), [['password.change', 'success', undefined], ['password.change', 'failure', 'directory.freshMfaRequired']]);
      assert.ok(!JSON.stringify(chat.transcript.filter((a) => a.from?.id !== teamsUserId)).includes(newPassword), 'the bot never repeats a password');
      const state = JSON.stringify(storage);
      assert.ok(state.includes(`personal-chat-${locale}`), 'the conversation and user state are there to look at');
      assert.ok(!state.includes(fresh) && !state.includes(newPassword), 'neither the token nor a password is kept in state');
    });
  }

  it('password.change: a sign-in again that meets the rule too stops with the usual message when the passwords come back, with no second sign-in', async function () {
    const chat = teamsChat('en');
    await changePasswordWithOldSignIn(chat, 'en');
    await signInOnPage(chat, graph.userToken(anna.id, staleMfa), '284610');
    await assert.rejects(chat.submit('submit', { currentPassword: anna.password, newPassword, confirmPassword: newPassword }), (error: Error) => directoryErrorIn(error)?.failure === 'freshMfaRequired');
    assert.equal(signInCard(chat.adapter.activeQueue.splice(0)), undefined, 'no second sign-in card');
    assert.equal(passwordChanges(), 2);
    assert.equal(graph.users.get(anna.id)?.password, anna.password);
  });

  /** Anna's methods, read with a fresh token of her own outside any turn (what the test looks at, not what the bot does). */
  async function methods(): Promise<readonly AuthenticationMethod[]> {
    return reader.listAuthenticationMethods(anna.id);
  }

  /** Asks to remove Anna's e-mail method, passes the check with another method and confirms; Microsoft refuses the old sign-in. */
  async function removeEmailWithOldSignIn(chat: Chat): Promise<{ email: AuthenticationMethod; challenged: Sent[] }> {
    const email = (await methods()).find((m) => m.kind === 'email');
    assert.ok(email);
    await chat.say(phrases.en.securityRemove);
    await chat.submit('choose', {}, { methodId: email.id });
    const other = (await methods()).find((m) => m.id !== email.id && (m.kind === 'email' || m.kind === 'phone') && JSON.stringify(chat.card()).includes(m.id));
    assert.ok(other, 'another method to verify with');
    await chat.submit('choose', {}, { methodId: other.id });
    await chat.say(codeIn((await notifier.messagesFor(anna.id)).at(-1)?.text ?? ''));
    return { email, challenged: await chat.submit('remove') };
  }

  const emailRemovals = (): number => requests('DELETE', /\/me\/authentication\/emailMethods\//);

  it('securityinfo.remove: after signing in again, the method chosen, checked and confirmed is removed at once, without asking again', async function () {
    const t = translator('en');
    const chat = teamsChat('en');
    const { email, challenged } = await removeEmailWithOldSignIn(chat);
    assert.deepEqual([challenged[0]?.text, Boolean(signInCard(challenged))], [t.t('freshMfa.signInAgain'), true]);
    assert.ok((await methods()).some((m) => m.id === email.id), 'nothing was changed');

    const { replies } = await signInOnPage(chat, graph.userToken(anna.id), '190442');
    // BOT: Done: I removed your e-mail address … from your sign-in methods. (no card asks again)
    assert.deepEqual(texts(replies), [t.t('securityInfo.removed', { method: methodPhrase(t, email) })]);
    assert.ok(!(await methods()).some((m) => m.id === email.id));
    assert.equal(emailRemovals(), 2);
    const entries = await audit.listForUser(anna.id, 2);
    assert.deepEqual(entries.map((e) => [e.action, e.result, e.reason]), [['securityinfo.remove', 'success', undefined], ['securityinfo.remove', 'failure', 'directory.freshMfaRequired']]);
  });

  it('the sign-in again meets the rule too (the same old session): the turn stops with the usual message, with no second sign-in', async function () {
    const chat = teamsChat('en');
    const { email } = await removeEmailWithOldSignIn(chat);
    await assert.rejects(signInOnPage(chat, graph.userToken(anna.id, staleMfa), '730218'), (error: Error) => directoryErrorIn(error)?.failure === 'freshMfaRequired');
    // The turn's error handler says `directory.freshMfaRequired` for this failure (see the cloud adapter); no loop.
    assert.equal(emailRemovals(), 2);
    const sent = chat.adapter.activeQueue.splice(0);
    assert.equal(signInCard(sent), undefined, 'no third sign-in card');
    assert.ok(!texts(sent).includes(translator('en').t('freshMfa.signInAgain')));
    assert.ok((await methods()).some((m) => m.id === email.id), 'nothing was changed');
    const entries = await audit.listForUser(anna.id, 3);
    assert.deepEqual(entries.map((e) => [e.action, e.result, e.reason]), [['securityinfo.remove', 'failure', 'directory.freshMfaRequired'], ['securityinfo.remove', 'failure', 'directory.freshMfaRequired']]);
  });

  it('cancel while asked to sign in again: nothing changes, the user hears so, and a late sign-in does nothing', async function () {
    const t = translator('fr');
    const chat = teamsChat('fr');
    await changePasswordWithOldSignIn(chat, 'fr');
    assert.deepEqual(texts(await chat.say(phrases.fr.cancel)), [t.t('cancel.done')]);
    const late = await signInOnPage(chat, graph.userToken(anna.id), '662017');
    assert.deepEqual(late.replies, []);
    assert.equal(graph.users.get(anna.id)?.password, anna.password);
    assert.equal(passwordChanges(), 1);
  });

  it('something else typed instead of signing in again: nothing was changed, said so', async function () {
    const t = translator('nl');
    const chat = teamsChat('nl');
    await changePasswordWithOldSignIn(chat, 'nl');
    const replies = await chat.say(phrases.nl.outOfScope);
    assert.equal(replies[0]?.text, t.t('freshMfa.notSignedIn'));
    assert.equal(graph.users.get(anna.id)?.password, anna.password);
    assert.equal(passwordChanges(), 1);
  });

  it('signout.everywhere under Conditional Access (a claims challenge on any change): after signing in again, every session is signed out', async function () {
    const t = translator('sv');
    const chat = teamsChat('sv');
    const before = graph.users.get(anna.id)?.signInSessionsValidFromDateTime;
    graph.failNext({ method: 'POST', path: /revokeSignInSessions/ }, { status: 403, code: 'Authorization_RequestDenied', claimsChallenge: true });
    await chat.say(phrases.sv.signOut);
    const challenged = await chat.submit('yes');
    assert.deepEqual([challenged[0]?.text, Boolean(signInCard(challenged))], [t.t('freshMfa.signInAgain'), true]);
    assert.equal(graph.users.get(anna.id)?.signInSessionsValidFromDateTime, before, 'nothing was changed');

    const { replies } = await signInOnPage(chat, graph.userToken(anna.id), '305561');
    assert.deepEqual(texts(replies), [t.t('signout.done')]);
    assert.notEqual(graph.users.get(anna.id)?.signInSessionsValidFromDateTime, before);
    const entries = await audit.listForUser(anna.id, 2);
    assert.deepEqual(entries.map((e) => [e.action, e.result, e.reason]), [['signout.everywhere', 'success', undefined], ['signout.everywhere', 'failure', 'directory.freshMfaRequired']]);
  });
});

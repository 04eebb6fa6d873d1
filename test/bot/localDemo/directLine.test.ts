// The bot's own Direct Line 3.0, driven as Web Chat drives it: demo sign-in, conversation,
// activities by polling and over the websocket stream.
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { startApp, type RunningApp } from '../../../bot/app.js';
import { loadConfig } from '../../../bot/config.js';
import { translator } from '../../../bot/core/i18n/i18n.js';
import { cardOf, cardTexts, sharedRecognizer } from '../../dialogs/harness.js';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { captureLogs, demoUser, filesIn, tempDir } from '../../helpers.js';

interface DlActivity { id: string; type: string; text?: string; from: { id: string; role?: string }; attachments?: unknown[]; value?: unknown }

describe('Direct Line', function () {
  let app: RunningApp;
  let remove: () => Promise<void>;
  let dataDir: string;
  const logs = captureLogs();
  let user: Awaited<ReturnType<typeof demoUser>>;
  const json = (body: unknown) => ({ 'content-type': 'application/json', body: JSON.stringify(body) });

  async function signIn(upn: string, password: string): Promise<Response> {
    const { body, ...headers } = json({ userPrincipalName: upn, password });
    return fetch(`${app.url}/api/demo/signin`, { method: 'POST', headers, body });
  }

  async function startConversation(token: string): Promise<{ conversationId: string; streamUrl: string }> {
    const response = await fetch(`${app.url}/v3/directline/conversations`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    assert.equal(response.status, 201);
    return (await response.json()) as { conversationId: string; streamUrl: string };
  }

  async function postActivity(token: string, conversationId: string, activity: object): Promise<Response> {
    return fetch(`${app.url}/v3/directline/conversations/${conversationId}/activities`, {
      method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(activity),
    });
  }

  async function poll(token: string, conversationId: string, until: (a: DlActivity[]) => boolean): Promise<DlActivity[]> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const response = await fetch(`${app.url}/v3/directline/conversations/${conversationId}/activities?watermark=0`, { headers: { authorization: `Bearer ${token}` } });
      const { activities } = (await response.json()) as { activities: DlActivity[] };
      if (until(activities) || Date.now() > deadline) return activities;
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  before(async function () {
    const data = await tempDir();
    remove = data.remove;
    dataDir = data.dir;
    user = await demoUser((u) => String(u.preferredLanguage).startsWith('fr'));
    app = await startApp(loadConfig({ PORT: '0', DATA_DIR: data.dir, LOG_LEVEL: 'debug' }), logs.logger, { recognizer: await sharedRecognizer() });
  });
  // Everything above signed in with real demo passwords and posted a secret card value.
  after(async function () {
    await app.stop();
    const files = await filesIn(dataDir);
    assert.ok(files.some((f) => f.startsWith('records')), 'conversation state was stored');
    const persisted = (await Promise.all(files.map((f) => readFile(path.join(dataDir, f), 'utf8').catch(() => '')))).join('\n');
    const logged = logs.lines.join('\n');
    assert.ok(logs.lines.length > 0, 'logs were captured');
    for (const secret of [user.password, 'S3cret-value-123']) {
      assert.ok(!persisted.includes(secret), 'no secret in DATA_DIR');
      assert.ok(!logged.includes(secret), 'no secret in the logs');
    }
    await remove();
  });

  it('refuses a wrong password, without saying which part was wrong', async function () {
    const wrong = await signIn(user.userPrincipalName, 'not-the-password');
    const unknown = await signIn('nobody@contoso.example', 'whatever');
    assert.equal(wrong.status, 401);
    assert.equal(unknown.status, 401);
    assert.deepEqual(await wrong.json(), await unknown.json());
  });

  it('signs in, greets the user in their language, and answers "show my profile" with the card (polling)', async function () {
    const response = await signIn(user.userPrincipalName, user.password);
    assert.equal(response.status, 200);
    const session = (await response.json()) as { token: string; userId: string; locale: string };
    assert.equal(session.userId, user.id);
    assert.equal(session.locale, 'fr');
    const t = translator('fr');
    const { conversationId } = await startConversation(session.token);
    const welcome = await poll(session.token, conversationId, (a) => a.some((x) => x.text?.startsWith(t.t('welcome.user', { name: String(user.givenName), organization: 'Contoso' }).slice(0, 10))));
    assert.ok(welcome.some((a) => a.text === t.t('welcome.user', { name: String(user.givenName), organization: 'Contoso' })));
    const posted = await postActivity(session.token, conversationId, { type: 'message', text: 'affiche mon profil', from: { id: 'someone-else' }, channelData: { clientActivityID: 'c1' } });
    assert.equal(posted.status, 200);
    const { id } = (await posted.json()) as { id: string };
    const all = await poll(session.token, conversationId, (a) => a.some((x) => x.text === t.t('profile.summary', { name: user.displayName })));
    const echoed = all.find((a) => a.id === id);
    assert.equal(echoed?.from.id, user.id, 'the Direct Line sets from, whatever the client said');
    const profile = all.find((a) => a.text === t.t('profile.summary', { name: user.displayName }));
    assert.ok(profile && cardTexts(cardOf(profile as never)).includes(user.displayName));
  });

  it('says times in the browser\'s time zone, as Web Chat gives it with each message', async function () {
    const session = (await (await signIn(user.userPrincipalName, user.password)).json()) as { token: string };
    const { conversationId } = await startConversation(session.token);
    const zone = 'America/Toronto';
    const footer = translator('fr', { timeZone: zone }).t('signins.footerZone', { zone: translator('fr', { region: 'fr-FR', timeZone: zone }).zoneName(new Date()) ?? zone });
    await postActivity(session.token, conversationId, { type: 'message', text: 'mes connexions récentes', localTimezone: zone });
    const all = await poll(session.token, conversationId, (a) => a.some((x) => (x.attachments ?? []).length > 0 && cardTexts(cardOf(x as never)).includes(footer)));
    assert.ok(all.some((x) => (x.attachments ?? []).length > 0 && cardTexts(cardOf(x as never)).includes(footer)), all.map((x) => x.text).join(' | '));
  });

  it('streams replies over the websocket', async function () {
    const { token } = (await (await signIn(user.userPrincipalName, user.password)).json()) as { token: string };
    const { conversationId, streamUrl } = await startConversation(token);
    const socket = new WebSocket(streamUrl);
    const received: DlActivity[] = [];
    socket.on('message', (data: Buffer) => {
      const text = data.toString();
      if (text) received.push(...((JSON.parse(text) as { activities: DlActivity[] }).activities));
    });
    await new Promise((resolve, reject) => { socket.once('open', resolve); socket.once('error', reject); });
    await postActivity(token, conversationId, { type: 'message', text: 'aide' });
    const t = translator('fr');
    const deadline = Date.now() + 10_000;
    while (!received.some((a) => cardTexts(cardOf(a as never)).includes(t.t('menu.title'))) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    socket.close();
    assert.ok(received.some((a) => cardTexts(cardOf(a as never)).includes(t.t('menu.title'))), 'the menu arrived over the stream');
    assert.ok(received.some((a) => a.type === 'message' && a.from.role === 'user'), 'the user\'s own message is echoed');
  });

  it('keeps conversations apart: another token cannot read or post', async function () {
    const a = (await (await signIn(user.userPrincipalName, user.password)).json()) as { token: string };
    const { conversationId } = await startConversation(a.token);
    const other = await demoUser((u) => u.id !== user.id);
    const b = (await (await signIn(other.userPrincipalName, other.password)).json()) as { token: string };
    const read = await fetch(`${app.url}/v3/directline/conversations/${conversationId}/activities`, { headers: { authorization: `Bearer ${b.token}` } });
    assert.equal(read.status, 403);
    assert.equal((await postActivity(b.token, conversationId, { type: 'message', text: 'show my profile' })).status, 403);
    assert.equal((await postActivity('forged-token', conversationId, { type: 'message', text: 'hi' })).status, 403);
  });

  it('an anonymous visitor gets no account data', async function () {
    const { token } = (await (await fetch(`${app.url}/api/demo/anonymous`, { method: 'POST', headers: { 'accept-language': 'nl-NL' } })).json()) as { token: string };
    const { conversationId } = await startConversation(token);
    await postActivity(token, conversationId, { type: 'message', text: 'toon mijn profiel' });
    const t = translator('nl');
    const all = await poll(token, conversationId, (acts) => acts.some((x) => x.text === t.t('identity.signInRequired')));
    assert.ok(all.some((x) => x.text === t.t('identity.signInRequired')));
    assert.ok(!JSON.stringify(all).includes('FactSet'), 'no profile card');
  });

  it('after sign-out the token no longer works and the conversation is nobody\'s', async function () {
    const { token } = (await (await signIn(user.userPrincipalName, user.password)).json()) as { token: string };
    const { conversationId } = await startConversation(token);
    assert.equal((await fetch(`${app.url}/api/demo/signout`, { method: 'POST', headers: { authorization: `Bearer ${token}` } })).status, 204);
    assert.equal((await postActivity(token, conversationId, { type: 'message', text: 'show my profile' })).status, 403);
  });

  it('does not keep card values (they may hold secrets) in the history the client reads', async function () {
    const { token } = (await (await signIn(user.userPrincipalName, user.password)).json()) as { token: string };
    const { conversationId } = await startConversation(token);
    await postActivity(token, conversationId, { type: 'message', value: { verb: 'menu.show', secret: 'S3cret-value-123' } });
    const all = await poll(token, conversationId, (acts) => acts.filter((x) => x.from.role !== 'user').length >= 3);
    assert.ok(!JSON.stringify(all).includes('S3cret-value-123'));
  });

  it('refuses bad activities with a 4xx', async function () {
    const { token } = (await (await signIn(user.userPrincipalName, user.password)).json()) as { token: string };
    const { conversationId } = await startConversation(token);
    assert.equal((await postActivity(token, conversationId, { text: 'no type' })).status, 400);
    assert.equal((await postActivity(token, conversationId, { type: 'invoke', name: 'x' })).status, 400);
    assert.equal((await postActivity(token, conversationId, { type: 'message', text: 'x'.repeat(25_000) })).status, 413);
  });

  it('limits failed sign-ins per account', async function () {
    const other = await demoUser((u) => String(u.preferredLanguage).startsWith('sv'));
    for (let i = 0; i < 5; i += 1) assert.equal((await signIn(other.userPrincipalName, `wrong-${i}`)).status, 401);
    const blocked = await signIn(other.userPrincipalName, other.password);
    assert.equal(blocked.status, 429);
  });
});

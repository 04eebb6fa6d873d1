// The web chat sessions of the local Direct Line: kept across a restart (hashes only) and known to
// every instance over one store, ended by the directory's revocations, never refreshed past their
// maximum lifetime, and anonymous ones never pushing out a signed-in one.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { startApp, type RunningApp } from '../../../bot/app.js';
import { loadConfig } from '../../../bot/config.js';
import { silentLogger } from '../../../bot/logger.js';
import { maxSessionHours, SessionRegistry, tokenLifetimeSeconds, type SessionCheck } from '../../../bot/localDemo/sessions.js';
import { cardOf, sharedRecognizer, submitActions } from '../../dialogs/harness.js';
import { demoUserNamed, filesIn, tempDir } from '../../helpers.js';

interface DlActivity { from: { role?: string }; text?: string; attachments?: { contentType?: string; content?: unknown }[] }

const hour = 3600 * 1000;

describe('web chat sessions', function () {
  let data: Awaited<ReturnType<typeof tempDir>>;
  let offset: number;
  const clock = { now: () => new Date(Date.UTC(2026, 11, 1, 9) + offset) };
  const revokedAt = new Map<string, number>();
  const check: SessionCheck = (userId, issuedAt) => Promise.resolve(issuedAt.getTime() > (revokedAt.get(userId) ?? 0));
  const user = { userId: 'u-1', displayName: 'Anna', locale: 'en' };

  beforeEach(async function () {
    data = await tempDir();
    offset = 0;
    revokedAt.clear();
  });
  afterEach(async function () {
    await data.remove();
  });

  const open = (limits?: Parameters<typeof SessionRegistry.open>[4]) => SessionRegistry.open(data.dir, data.records(), clock, check, limits);

  it('survives a restart, and keeps only a hash of the token on disk', async function () {
    const records = data.records();
    const first = await SessionRegistry.open(data.dir, records, clock, check);
    const { token, session } = await first.issue(user);
    await first.bindConversation(session, 'conv-1');
    await records.close();
    for (const file of await filesIn(data.dir)) assert.ok(!(await readFile(path.join(data.dir, file), 'utf8')).includes(token), `the token itself is not in ${file}`);

    const again = await open();
    assert.equal((await again.byBearer(token))?.userId, 'u-1');
    assert.equal((await again.userForConversation('conv-1'))?.userId, 'u-1');
  });

  it('a token issued by one instance is taken by another over the same store, and ended there by a sign-out on the first', async function () {
    const [one, two] = [await open(), await open()];
    const { token } = await one.issue(user);
    const session = await two.byBearer(token);
    assert.equal(session?.userId, 'u-1', 'the other instance knows the token');
    assert.equal(await two.bindConversation(session, 'conv-two'), 'conv-two');
    assert.equal(await one.bindConversation(session, 'conv-one'), 'conv-two', 'a session is bound to one conversation, whichever instance asks');
    assert.equal((await one.userForConversation('conv-two'))?.userId, 'u-1');
    assert.equal(await one.userForConversation('conv-one'), undefined);
    assert.ok(await one.refresh(token));
    await one.revoke(token);
    assert.equal(await two.byBearer(token), undefined, 'a sign-out on one instance ends it on the other');
    assert.equal(await two.userForConversation('conv-two'), undefined);
    const other = await one.issue(user);
    offset += 1000;
    revokedAt.set('u-1', clock.now().getTime());
    assert.equal(await two.byBearer(other.token), undefined, 'and so does a revocation in the directory');
  });

  it('takes over the webSessions.json of earlier versions: its live sessions go on', async function () {
    const live = { tokenHash: createHash('sha256').update('old-token').digest('hex'), userId: 'u-1', fromId: 'u-1', displayName: 'Anna', locale: 'en', issuedAt: clock.now().getTime(), expiresAt: clock.now().getTime() + 60_000, conversationId: 'conv-old' };
    const file = path.join(data.dir, 'webSessions.json');
    await writeFile(file, JSON.stringify({ sessions: [live] }));
    const registry = await open();
    assert.equal((await registry.byBearer('old-token'))?.userId, 'u-1');
    assert.equal((await registry.userForConversation('conv-old'))?.userId, 'u-1');
    assert.ok((await filesIn(data.dir)).includes('webSessions.json.imported'));
  });

  it('ends when the user is signed out everywhere (or changes the password) after the sign-in', async function () {
    const registry = await open();
    const { token, session } = await registry.issue(user);
    await registry.bindConversation(session, 'conv-1');
    offset += 1000;
    revokedAt.set('u-1', clock.now().getTime());
    assert.equal(await registry.byBearer(token), undefined);
    assert.equal(await registry.refresh(token), undefined);
    assert.equal(await registry.userForConversation('conv-1'), undefined, 'the conversation is nobody\'s any more');
    offset += 1000;
    const fresh = await registry.issue(user);
    assert.ok(await registry.byBearer(fresh.token), 'a sign-in after the revocation works');
  });

  it('refreshes by one token lifetime, never past the maximum lifetime', async function () {
    const registry = await open();
    const { token } = await registry.issue(user);
    for (let h = 0; h < maxSessionHours - 1; h += 1) {
      offset += hour - 1000;
      const session = await registry.refresh(token);
      assert.ok(session, `still live after ${h + 1} h`);
      assert.equal(registry.secondsLeft(session), tokenLifetimeSeconds);
    }
    offset += hour - 1000;
    const last = await registry.refresh(token);
    assert.ok(last);
    assert.ok(registry.secondsLeft(last) < tokenLifetimeSeconds, 'the last refresh is cut at the maximum lifetime');
    offset += hour;
    assert.equal(await registry.refresh(token), undefined);
  });

  it('anonymous sessions, however many, never push out a signed-in one', async function () {
    const registry = await open({ signedIn: 3, anonymous: 5 });
    const signedIn = await registry.issue(user);
    const visitors = [];
    for (let i = 0; i < 40; i += 1) visitors.push(await registry.issue({ userId: undefined, displayName: '', locale: 'en' }));
    assert.ok(await registry.byBearer(signedIn.token), 'the signed-in session stands');
    const live = await Promise.all(visitors.map(async (v) => (await registry.byBearer(v.token)) !== undefined));
    assert.deepEqual(live.slice(-5), [true, true, true, true, true]);
    assert.equal(live.filter(Boolean).length, 5, 'only the newest anonymous sessions are kept');
  });
});

describe('web chat sessions over the Direct Line', function () {
  this.timeout(60_000);
  let data: Awaited<ReturnType<typeof tempDir>>;
  let app: RunningApp;
  const start = async () => startApp(loadConfig({ PORT: '0', DATA_DIR: data.dir }), silentLogger, { recognizer: await sharedRecognizer() });

  before(async function () {
    data = await tempDir();
    app = await start();
  });
  after(async function () {
    await app.stop();
    await data.remove();
  });

  const call = (method: string, route: string, token: string, body?: unknown) =>
    fetch(`${app.url}${route}`, { method, headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });

  async function signIn(name: string): Promise<{ token: string; conversationId: string }> {
    const user = await demoUserNamed(name);
    const response = await fetch(`${app.url}/api/demo/signin`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userPrincipalName: user.userPrincipalName, password: user.password }) });
    const { token } = (await response.json()) as { token: string };
    const { conversationId } = (await (await call('POST', '/v3/directline/conversations', token)).json()) as { conversationId: string };
    return { token, conversationId };
  }

  async function activitiesUntil(token: string, conversationId: string, done: (activities: DlActivity[]) => boolean): Promise<DlActivity[]> {
    for (const deadline = Date.now() + 15_000; ;) {
      const response = await call('GET', `/v3/directline/conversations/${conversationId}/activities?watermark=0`, token);
      const { activities } = (await response.json()) as { activities: DlActivity[] };
      if (done(activities) || Date.now() > deadline) return activities;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it('a restart does not sign the web user out: the same token goes on in the same conversation', async function () {
    const { token, conversationId } = await signIn('anna');
    await app.stop();
    app = await start();
    const reconnected = await call('GET', `/v3/directline/conversations/${conversationId}`, token);
    assert.equal(reconnected.status, 200);
    assert.equal((await call('POST', `/v3/directline/conversations/${conversationId}/activities`, token, { type: 'message', text: 'show my profile' })).status, 200);
    const replies = await activitiesUntil(token, conversationId, (all) => all.some((a) => a.from.role === 'bot' && a.attachments?.length));
    assert.ok(replies.some((a) => a.from.role === 'bot' && a.attachments?.length), 'the profile card arrived');
  });

  it('a token issued by one instance on the same DATA_DIR serves on another, in the conversation it opened', async function () {
    // Both running: the other read what there was at its start, before this sign-in.
    const other = await start();
    try {
      const { token, conversationId: opened } = await signIn('claire');
      const started = await fetch(`${other.url}/v3/directline/conversations`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
      assert.equal(started.status, 200);
      const { conversationId } = (await started.json()) as { conversationId: string };
      assert.equal(conversationId, opened);
      const posted = await fetch(`${other.url}/v3/directline/conversations/${conversationId}/activities`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ type: 'message', text: 'show my profile' }) });
      assert.equal(posted.status, 200);
    } finally {
      await other.stop();
    }
  });

  it('"sign out everywhere" in the chat ends this web session too', async function () {
    const { token, conversationId } = await signIn('james');
    await call('POST', `/v3/directline/conversations/${conversationId}/activities`, token, { type: 'message', text: 'sign me out everywhere' });
    const asked = await activitiesUntil(token, conversationId, (all) => all.some((a) => submitActions(cardOf(a as never)).some((d) => d.action === 'yes')));
    const yes = asked.flatMap((a) => submitActions(cardOf(a as never))).find((d) => d.action === 'yes');
    assert.ok(yes, 'the confirmation card came');
    assert.equal((await call('POST', `/v3/directline/conversations/${conversationId}/activities`, token, { type: 'message', value: yes })).status, 200);
    for (const deadline = Date.now() + 10_000; Date.now() < deadline;) {
      if ((await call('GET', `/v3/directline/conversations/${conversationId}/activities?watermark=0`, token)).status === 403) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.equal((await call('GET', `/v3/directline/conversations/${conversationId}/activities`, token)).status, 403);
    assert.equal((await call('POST', '/v3/directline/tokens/refresh', token)).status, 403, 'and it cannot be refreshed back to life');
    const again = await signIn('james');
    assert.equal((await call('GET', `/v3/directline/conversations/${again.conversationId}/activities`, again.token)).status, 200, 'a new sign-in works');
  });
});

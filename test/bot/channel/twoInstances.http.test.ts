// Two bot processes on one Azure Storage account (Azurite), as two instances behind one bot:
// one conversation served turn by turn by both through a step-up and a confirmation; tickets
// opened at the same moment on both get distinct numbers; a sign-out everywhere made through one
// ends a web session held by the other; a web chat token of one serves on the other; wrong passwords at the demo sign-in and wrong codes are
// counted across both. And two processes on one DATA_DIR (files, local mode): what one sends is
// in the other's demo outbox.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { translator } from '../../../bot/core/i18n/i18n.js';
import { paths } from '../../../bot/paths.js';
import { cardOf, cardTexts, submitActions } from '../../dialogs/harness.js';
import { azurite, uniqueName } from '../../azurite.js';
import { codeIn, demoUserNamed, tempDir } from '../../helpers.js';
import { teamsChat } from './teamsChat.js';

interface Instance { readonly child: ChildProcess; readonly url: string }

async function startInstance(env: NodeJS.ProcessEnv): Promise<Instance> {
  const child = spawn(process.execPath, [path.join(paths.root, 'dist', 'bot', 'index.js')], {
    env: { PATH: process.env.PATH, PORT: '0', LOG_LEVEL: 'error', ...env }, stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const match = /ready on (http:\/\/[\d.:]+)/.exec(out);
      if (match) resolve(match[1] as string);
    });
    child.once('exit', (code) => reject(new Error(`the instance exited with ${code}`)));
  });
  return { child, url };
}

async function stopInstance(instance: Instance | undefined): Promise<void> {
  if (!instance || instance.child.exitCode !== null) return;
  const exited = new Promise((resolve) => instance.child.once('exit', resolve));
  instance.child.kill('SIGTERM');
  await exited;
}

/** What an instance's GET /api/dev/outbox lists for the user, oldest first. */
async function outboxOf(instance: Instance, userPrincipalName: string): Promise<{ text: string; sentAt: string }[]> {
  return (await (await fetch(`${instance.url}/api/dev/outbox?user=${encodeURIComponent(userPrincipalName)}`)).json()) as { text: string; sentAt: string }[];
}

describe('two instances on one Azure Storage account (Azurite)', function () {
  this.timeout(120_000);
  const t = translator('en');
  const folders: Awaited<ReturnType<typeof tempDir>>[] = [];
  let a: Instance | undefined;
  let b: Instance | undefined;
  const both = (): [Instance, Instance] => [a as Instance, b as Instance];
  /** The instance of a turn or a side: 0 is the first, anything else the second. */
  const side = (n: number): Instance => (n % 2 === 0 ? both()[0] : both()[1]);

  before(async function () {
    const { connectionString } = await azurite();
    const env = { STORAGE: 'azure', AZURE_STORAGE_CONNECTION_STRING: connectionString, AZURE_STORAGE_TABLE: uniqueName('two'), AZURE_STORAGE_CONTAINER: uniqueName('two-state-') };
    for (let i = 0; i < 2; i += 1) folders.push(await tempDir());
    // One after the other: the first imports the tenant seed into the shared store.
    a = await startInstance({ ...env, DATA_DIR: folders[0]?.dir });
    b = await startInstance({ ...env, DATA_DIR: folders[1]?.dir });
  });
  after(async function () {
    await stopInstance(a);
    await stopInstance(b);
    for (const data of folders) await data.remove();
  });

  /** The newest code in the user's demo outbox, as the first instance lists it (whichever instance sent it). */
  async function newestCode(userPrincipalName: string): Promise<string> {
    return codeIn((await outboxOf(both()[0], userPrincipalName)).at(-1)?.text);
  }

  it('one conversation, turn by turn on alternating instances, through a step-up and a confirmation', async function () {
    const ingrid = await demoUserNamed('ingrid');
    let turn = 0;
    const chat = teamsChat(() => side(turn++).url, { userId: ingrid.id, conversationId: 'two-instances-add' });
    await chat.say('add a sign-in method to my account');
    await chat.click('choose');
    await chat.click('verify', { code: await newestCode(ingrid.userPrincipalName) });
    await chat.click('authenticator');
    await chat.click('submit', { deviceName: 'Work phone' });
    const [added] = await chat.say(await newestCode(ingrid.userPrincipalName));
    assert.match(added?.text ?? '', /Work phone/);
    assert.equal(turn, 6, 'each instance served three turns');
    const [list] = await teamsChat(both()[1].url, { userId: ingrid.id, conversationId: 'two-instances-view' }).say('show my sign-in methods');
    assert.ok(cardTexts(cardOf(list as never)).some((text) => text.includes('Work phone')), 'the other instance sees the new method');
  });

  it('tickets opened at the same moment on both get distinct numbers', async function () {
    const people = await Promise.all(['erik', 'pieter', 'claire', 'anna'].map((name) => demoUserNamed(name)));
    const chats = people.flatMap((person, p) => [0, 1].map((n) => teamsChat(side(n).url, { userId: person.id, conversationId: `two-tickets-${p}-${n}` })));
    for (const chat of chats) {
      await chat.say('I want to talk to the helpdesk');
      await chat.click('submit', { category: 'device', description: 'My laptop does not start' });
    }
    const created = await Promise.all(chats.map((chat) => chat.click('send')));
    const numbers = created.map((replies) => /INC-\d{6}/.exec(replies.map((r) => r.text ?? '').join(' '))?.[0]);
    assert.ok(numbers.every((n) => n !== undefined), `every chat got a ticket: ${numbers.join(', ')}`);
    assert.equal(new Set(numbers).size, chats.length, `distinct numbers: ${numbers.join(', ')}`);
  });

  it('a sign-out everywhere made through one instance ends the web session held by the other', async function () {
    const james = await demoUserNamed('james');
    const [, second] = both();
    const signedIn = await fetch(`${second.url}/api/demo/signin`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userPrincipalName: james.userPrincipalName, password: james.password }) });
    const { token } = (await signedIn.json()) as { token: string };
    const started = await fetch(`${second.url}/v3/directline/conversations`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    assert.equal(started.status, 201);
    const { conversationId } = (await started.json()) as { conversationId: string };

    const teams = teamsChat(both()[0].url, { userId: james.id, conversationId: 'two-signout' });
    await teams.say('sign me out everywhere');
    const [done] = await teams.click('yes');
    assert.ok(done?.text);
    const after = await fetch(`${second.url}/v3/directline/conversations/${conversationId}/activities`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(after.status, 403, 'the other instance sees the revocation');
  });

  it('a web chat token issued by one instance opens a conversation on the other, and the user is the one who signed in there', async function () {
    const anna = await demoUserNamed('anna');
    const [first, second] = both();
    const signedIn = await fetch(`${first.url}/api/demo/signin`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userPrincipalName: anna.userPrincipalName, password: anna.password }) });
    const { token } = (await signedIn.json()) as { token: string };
    const auth = { authorization: `Bearer ${token}` };
    const started = await fetch(`${second.url}/v3/directline/conversations`, { method: 'POST', headers: auth });
    assert.equal(started.status, 201, 'the other instance takes the token');
    const { conversationId } = (await started.json()) as { conversationId: string };
    const posted = await fetch(`${second.url}/v3/directline/conversations/${conversationId}/activities`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ type: 'message', text: 'show my profile' }) });
    assert.equal(posted.status, 200);
    const annasCard = (activities: { from: { role?: string } }[]): boolean => activities.some((a) => a.from.role === 'bot' && cardTexts(cardOf(a as never)).includes(anna.displayName));
    let answered = false;
    // The reply comes after the post is acknowledged.
    for (const deadline = Date.now() + 15_000; !answered && Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 50))) {
      const { activities } = (await (await fetch(`${second.url}/v3/directline/conversations/${conversationId}/activities`, { headers: auth })).json()) as { activities: { from: { role?: string } }[] };
      answered = annasCard(activities);
    }
    assert.ok(answered, 'the profile card is Anna\'s');
    assert.equal((await fetch(`${first.url}/v3/directline/tokens/refresh`, { method: 'POST', headers: auth })).status, 200, 'and the first instance refreshes it');
    await fetch(`${second.url}/api/demo/signout`, { method: 'POST', headers: auth });
    assert.equal((await fetch(`${first.url}/v3/directline/conversations`, { method: 'POST', headers: auth })).status, 403, 'signed out on one, refused on the other');
  });

  it('wrong passwords at the demo sign-in are counted across both instances', async function () {
    const lucas = await demoUserNamed('lucas');
    const signIn = async (n: number, password: string): Promise<number> => (await fetch(`${side(n).url}/api/demo/signin`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userPrincipalName: lucas.userPrincipalName, password }),
    })).status;
    for (let i = 0; i < 5; i += 1) assert.equal(await signIn(i, `wrong-${i}`), 401);
    assert.deepEqual([await signIn(0, lucas.password), await signIn(1, lucas.password)], [429, 429], 'five wrong on the two together lock the account on both');
  });

  it('wrong codes are counted across both instances', async function () {
    const claire = await demoUserNamed('claire');
    let turn = 0;
    const chat = teamsChat(() => side(turn++).url, { userId: claire.id, conversationId: 'two-codes' });
    await chat.say('add a sign-in method to my account');
    await chat.click('choose');
    const code = await newestCode(claire.userPrincipalName);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    // Three wrong codes (the tenant allows three attempts), on alternating instances.
    for (let i = 0; i < 3; i += 1) await chat.click('verify', { code: wrong });
    const answer = await chat.click('verify', { code });
    assert.ok(!answer.some((r) => submitActions(cardOf(r as never)).some((d) => d.action === 'authenticator')), 'the right code after three wrong ones does not pass');
    const said = answer.flatMap((r) => [r.text ?? '', ...cardTexts(cardOf(r as never))]);
    assert.ok(said.some((text) => [t.t('code.exhausted'), t.t('code.expired')].includes(text)), `told the code is spent: ${said.join(' | ')}`);
  });
});

describe('two instances on one DATA_DIR (files, local mode)', function () {
  this.timeout(120_000);
  let data: Awaited<ReturnType<typeof tempDir>> | undefined;
  let a: Instance | undefined;
  let b: Instance | undefined;

  before(async function () {
    data = await tempDir();
    // One after the other: the first imports the tenant seed.
    a = await startInstance({ DATA_DIR: data.dir });
    b = await startInstance({ DATA_DIR: data.dir });
  });
  after(async function () {
    await stopInstance(a);
    await stopInstance(b);
    await data?.remove();
  });

  it('a code sent through one instance is in the demo outbox of the other, and codes sent through both are all kept', async function () {
    const [first, second] = [a as Instance, b as Instance];
    const people = await Promise.all(['erik', 'ingrid'].map((name) => demoUserNamed(name)));
    // The two at once, each through both instances: four codes sent together.
    await Promise.all(people.flatMap((person) => [first, second].map(async (instance, n) => {
      const chat = teamsChat(instance.url, { userId: person.id, conversationId: `one-dir-${person.id}-${n}` });
      await chat.say('add a sign-in method to my account');
      await chat.click('choose');
    })));
    for (const person of people) {
      const listed = await Promise.all([first, second].map((instance) => outboxOf(instance, person.userPrincipalName)));
      assert.equal(listed[0]?.filter((m) => codeIn(m.text) !== '').length, 2, `both codes of ${person.userPrincipalName} are kept`);
      assert.deepEqual(listed[1], listed[0], 'and both instances list the same messages');
    }
  });
});

// The credential goals over POST /api/messages (Bot Framework protocol, expectReplies), on the real
// server with its DATA_DIR and logs, then a scan of everything it persisted or logged, and of every
// reply, for the passwords and codes used: none may appear.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { startApp, type RunningApp } from '../../../bot/app.js';
import { loadConfig } from '../../../bot/config.js';
import { translator } from '../../../bot/core/i18n/i18n.js';
import { sharedRecognizer } from '../../dialogs/harness.js';
import { captureLogs, codeIn, demoUserNamed, filesIn, tempDir } from '../../helpers.js';
import { teamsChat } from './teamsChat.js';

describe('credential goals over /api/messages', function () {
  let dataDir: string;
  let remove: () => Promise<void>;
  let app: RunningApp;
  const logs = captureLogs();
  const transcript: unknown[] = [];
  const codes: string[] = [];
  const t = translator('en');

  before(async function () {
    ({ dir: dataDir, remove } = await tempDir());
    app = await startApp(loadConfig({ PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'debug' }), logs.logger, { recognizer: await sharedRecognizer() });
  });
  after(async function () {
    await app.stop();
    await remove();
  });

  /** One conversation on the msteams channel (the Emulator without a user); every reply is kept for the scan. */
  const conversation = (userId: string | undefined, id: string) => teamsChat(app.url, { userId, conversationId: id, record: (replies) => transcript.push(...replies) });

  async function lastCode(userPrincipalName: string): Promise<string> {
    const outbox = (await (await fetch(`${app.url}/api/dev/outbox?user=${encodeURIComponent(userPrincipalName)}`)).json()) as { text: string }[];
    const code = codeIn(outbox.at(-1)?.text);
    codes.push(code);
    return code;
  }

  const passwords = ['Silver-Heron-Dawn-47', 'Copper-Falcon-Dusk-83', 'wrong-current-pass-1'];

  it('password.change for a Teams user, with a wrong current password first', async function () {
    const pieter = await demoUserNamed('pieter');
    passwords.push(pieter.password);
    const chat = conversation(pieter.id, 'http-change');
    await chat.say('change my password');
    await chat.click('submit', { currentPassword: passwords[2] ?? '', newPassword: passwords[0] ?? '', confirmPassword: passwords[0] ?? '' });
    const [done] = await chat.click('submit', { currentPassword: pieter.password, newPassword: passwords[0] ?? '', confirmPassword: passwords[0] ?? '' });
    assert.equal(done?.text, t.t('passwordChange.done'));
    assert.ok(await app.directory.verifyPassword(pieter.id, passwords[0] ?? ''));
  });

  it('password.reset for an anonymous user, then securityinfo.add with step-up', async function () {
    const ingrid = await demoUserNamed('ingrid');
    passwords.push(ingrid.password);
    const anonymous = conversation(undefined, 'http-reset');
    await anonymous.say('I forgot my password');
    await anonymous.say(ingrid.userPrincipalName);
    await anonymous.say(await lastCode(ingrid.userPrincipalName));
    const [reset] = await anonymous.click('submit', { newPassword: passwords[1] ?? '', confirmPassword: passwords[1] ?? '' });
    assert.equal(reset?.text, t.t('passwordReset.done'));
    await anonymous.click('no');

    const chat = conversation(ingrid.id, 'http-add');
    await chat.say('add an authenticator app to my account');
    const methods = await app.directory.listAuthenticationMethods(ingrid.id);
    await chat.click('choose', {});
    await chat.click('verify', { code: await lastCode(ingrid.userPrincipalName) });
    // The message named the app: its set-up card comes without asking what kind.
    await chat.click('submit', { deviceName: 'Work phone' });
    const [added] = await chat.say(await lastCode(ingrid.userPrincipalName));
    assert.match(added?.text ?? '', /Work phone/);
    assert.equal((await app.directory.listAuthenticationMethods(ingrid.id)).length, methods.length + 1);
  });

  it('nothing persisted, logged or replied contains a password or a code', async function () {
    await app.stop();
    assert.ok(codes.length >= 3 && codes.every((c) => /^\d{6}$/.test(c)));
    const files = await filesIn(dataDir);
    assert.ok(files.some((f) => f.startsWith(`records${path.sep}state${path.sep}`)) && files.some((f) => f.startsWith(`records${path.sep}audit.`))
      && files.some((f) => f.startsWith(`records${path.sep}verificationSends${path.sep}`)) && !files.includes('verification.json'));
    const replies = JSON.stringify(transcript);
    const logged = logs.lines.join('\n');
    assert.ok(logged.length > 0);
    for (const file of files) {
      const text = await readFile(path.join(dataDir, file), 'utf8');
      for (const secret of passwords) assert.ok(!text.includes(secret), `${file} holds a password`);
      // The demo outbox is the user's phone and mailbox: codes belong there, and only there.
      if (!file.startsWith(path.join('records', 'outbox', ''))) for (const code of codes) assert.ok(!text.includes(code), `${file} holds a code`);
    }
    for (const secret of [...passwords, ...codes]) {
      assert.ok(!logged.includes(secret), 'a secret in the logs');
      assert.ok(!replies.includes(secret), 'a secret in a reply');
    }
  });
});

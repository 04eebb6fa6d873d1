// Devices, sign-ins and sign out everywhere over POST /api/messages (expectReplies), as a channel
// such as the Emulator or Teams talks to the bot.
import assert from 'node:assert/strict';
import type { RunningApp } from '../../../bot/app.js';
import { translator } from '../../../bot/core/i18n/i18n.js';
import { cardOf, cardTexts, submitActions } from '../../dialogs/harness.js';
import { demoUserNamed } from '../../helpers.js';
import { startTestApp, type TestApp } from '../../testApp.js';
import { teamsChat, type Reply } from './teamsChat.js';

describe('account goals over /api/messages', function () {
  let running: TestApp;
  let app: RunningApp;
  const t = translator('fr');

  before(async function () {
    running = await startTestApp();
    app = running.app;
  });
  after(async function () {
    await running.stop();
  });

  /** Claire's one conversation, in French. */
  const send = (userId: string, fields: { text?: string; value?: unknown }): Promise<Reply[]> => {
    const chat = teamsChat(app.url, { userId, conversationId: 'http-account', locale: 'fr-FR' });
    return fields.text !== undefined ? chat.say(fields.text) : chat.send(fields.value);
  };

  it('a French Teams user disables a device from the devices card, then signs out everywhere', async function () {
    const claire = await demoUserNamed('claire');
    const [list] = await send(claire.id, { text: 'montre-moi mes appareils' });
    const disable = submitActions(cardOf(list as never)).find((d) => d.goal === 'devices.disable' && typeof d.target === 'string' && d.target !== 'lost');
    assert.ok(disable);
    const [confirm] = await send(claire.id, { value: disable });
    assert.ok(cardTexts(cardOf(confirm as never)).includes(t.t('devices.cannotUndo')));
    const [report] = await send(claire.id, { value: submitActions(cardOf(confirm as never)).find((d) => d.action === 'disable') });
    const device = (await app.directory.listDevices(claire.id)).find((d) => d.id === disable.target);
    assert.ok(cardTexts(cardOf(report as never)).includes(t.t('devices.done.disabled', { device: device?.displayName ?? '' })));
    assert.equal((await app.directory.listDevices(claire.id)).find((d) => d.id === disable.target)?.accountEnabled, false);

    const [question] = await send(claire.id, { text: 'déconnecte-moi partout' });
    const [done] = await send(claire.id, { value: submitActions(cardOf(question as never)).find((d) => d.action === 'yes') });
    assert.equal(done?.text, t.t('signout.done'));
  });
});

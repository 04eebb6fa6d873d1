// What the bot shows of a text: no control characters, no direction overrides.
import assert from 'node:assert/strict';
import { TestAdapter, type Activity } from 'botbuilder';
import { PlainTextReplies } from '../../../bot/channel/plainTextReplies.js';
import { visibleStrings, visibleText } from '../../../bot/core/visibleText.js';
import { devicesCard } from '../../../cards/deviceCards.js';
import { translator } from '../../../bot/core/i18n/i18n.js';

const spoofed = 'LAPTOP\u202Egpj.exe\u0000';

describe('visible text', function () {
  it('takes out control characters and direction overrides, and keeps tabs, line breaks, the marks of right-to-left scripts and every letter', function () {
    assert.equal(visibleText(spoofed), 'LAPTOPgpj.exe');
    assert.equal(visibleText('a\tb\nc\u200Fשלום\u2067x\u2069'), 'a\tb\nc\u200Fשלוםx');
    assert.deepEqual(visibleStrings({ title: spoofed, data: { id: spoofed }, items: [spoofed] }), { title: 'LAPTOPgpj.exe', data: { id: spoofed }, items: ['LAPTOPgpj.exe'] });
  });

  it('a device named with them shows without them on its card, button titles too', function () {
    const card = devicesCard(translator('en'), [{ id: 'd1', displayName: spoofed, operatingSystem: 'Windows', accountEnabled: true }], new Date('2026-12-01T00:00:00Z'));
    const json = JSON.stringify(card.content);
    assert.ok(!json.includes('\u0000') && !json.includes('\u202E') && !json.includes('\\u0000'), json);
    assert.ok(json.includes('LAPTOPgpj.exe'));
  });

  it('every message the bot sends loses them, its text and what is spoken', async function () {
    const adapter = new TestAdapter(async (context) => {
      await context.sendActivity({ type: 'message', text: `Disabled ${spoofed}`, speak: spoofed });
    });
    adapter.use(new PlainTextReplies());
    await adapter.send('hi').assertReply((activity: Partial<Activity>) => {
      assert.equal(activity.text, 'Disabled LAPTOPgpj.exe');
      assert.equal(activity.speak, 'LAPTOPgpj.exe');
    });
  });
});

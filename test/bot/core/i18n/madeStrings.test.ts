// What a translator made, made again in another language: messages with their values (values made
// by the translator too), dates, and texts put together from made strings and data.
import assert from 'node:assert/strict';
import { translator } from '../../../../bot/core/i18n/i18n.js';
import { madeBy, madeIn, recording, remakeText } from '../../../../bot/core/i18n/madeStrings.js';

describe('made strings', function () {
  const en = translator('en', { timeZone: 'Europe/Amsterdam' });
  const fr = translator('fr', { timeZone: 'Europe/Amsterdam' });

  it('a message is made again in the other language, with the values that were made strings made again too', function () {
    const t = recording(en);
    const text = t.t('cards.answered', { choice: t.t('common.yes') });
    assert.equal(remakeText(text, madeBy(t), fr), fr.t('cards.answered', { choice: fr.t('common.yes') }));
  });

  it('dates and relative times are written again in the other language and region', function () {
    const t = recording(en);
    const at = '2026-02-01T09:00:00Z';
    const now = new Date('2026-02-04T09:00:00Z');
    const text = `${t.date(at)} (${t.relative(at, now)})`;
    assert.equal(remakeText(text, madeBy(t), fr), `${fr.date(at)} (${fr.relative(at, now)})`);
  });

  it('in a text put together from made strings and data, only whole made strings change; names stay, also where they contain one', function () {
    const t = recording(en);
    const yes = t.t('common.yes');
    const text = `${yes} · ${yes}terday Phone · Pixel 8`;
    assert.equal(remakeText(text, madeBy(t), fr), `${fr.t('common.yes')} · ${yes}terday Phone · Pixel 8`);
    assert.equal(remakeText('Pixel 8', madeBy(t), fr), 'Pixel 8', 'data alone stays');
  });

  it('only what the texts use is kept; a translator that did not record made nothing', function () {
    const t = recording(en);
    t.t('common.yes');
    t.t('common.no');
    assert.deepEqual(madeIn([`${en.t('common.no')}!`], madeBy(t)).map(([text]) => text), [en.t('common.no')]);
    assert.equal(madeBy(en).size, 0);
  });
});

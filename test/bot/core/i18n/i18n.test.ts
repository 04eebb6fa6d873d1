import assert from 'node:assert/strict';
import { placeholders, stringTable, supportedLocales, toLocale, translator } from '../../../../bot/core/i18n/i18n.js';

describe('i18n', function () {
  const english = stringTable('en');

  for (const locale of supportedLocales.filter((l) => l !== 'en')) {
    it(`${locale} has exactly the keys of English`, function () {
      const table = stringTable(locale);
      assert.deepEqual(Object.keys(table).sort(), Object.keys(english).sort());
    });

    it(`${locale} has the same placeholders as English in every string`, function () {
      const table = stringTable(locale);
      for (const [key, text] of Object.entries(english)) {
        assert.deepEqual(placeholders(table[key] ?? ''), placeholders(text), `placeholders of ${key}`);
      }
    });

    it(`${locale} is translated (strings differ from English where they should)`, function () {
      const table = stringTable(locale);
      // Product names and sample values are the same everywhere; a few words ("E-mail") happen to be.
      const universal = new Set(['code.placeholder', 'method.microsoftAuthenticator', 'audit.channel.teams']);
      const same = Object.keys(english).filter((k) => table[k] === english[k] && !universal.has(k) && !/^\{\w+\}$/.test(english[k] ?? ''));
      assert.ok(same.length <= Math.ceil(Object.keys(english).length * 0.02), `untranslated: ${same.join(', ')}`);
    });
  }

  it('no string is empty', function () {
    for (const locale of supportedLocales) for (const [key, text] of Object.entries(stringTable(locale))) assert.ok(text.trim() !== '', `${locale}:${key}`);
  });

  it('maps channel locales onto the supported ones', function () {
    assert.equal(toLocale('fr-BE'), 'fr');
    assert.equal(toLocale('SV_se'), 'sv');
    assert.equal(toLocale('nl'), 'nl');
    assert.equal(toLocale('de-DE'), undefined);
    assert.equal(toLocale('../../etc/passwd'), undefined);
    assert.equal(toLocale(undefined), undefined);
  });

  it('fills named placeholders and formats dates per language', function () {
    const t = translator('fr');
    assert.match(t.t('profile.summary', { name: 'Claire' }), /Claire/);
    assert.throws(() => t.t('no.such.key'));
    const now = new Date('2026-11-21T12:00:00Z');
    assert.notEqual(translator('sv').relative('2026-11-19T12:00:00Z', now), translator('en').relative('2026-11-19T12:00:00Z', now));
    assert.match(translator('nl').date('2026-11-20T08:00:00Z'), /nov/);
  });
});

// The web page's strings: the page.* keys of the locale files, the same in every language, and the
// endpoint that serves one language of them (English for anything else, never the parameter back).
import assert from 'node:assert/strict';
import type { RunningApp } from '../../../bot/app.js';
import { pageKeyPrefix, pageLocale, pageStrings } from '../../../bot/channel/pageStrings.js';
import { stringTable, supportedLocales } from '../../../bot/core/i18n/i18n.js';
import { startTestApp, type TestApp } from '../../testApp.js';

const placeholdersOf = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string).sort();

describe('page strings', function () {
  const english = pageStrings('en');

  it('are the page.* keys of the locale files, and there are some', function () {
    assert.ok(Object.keys(english).length > 20);
    assert.deepEqual(Object.keys(english), Object.keys(stringTable('en')).filter((k) => k.startsWith(pageKeyPrefix)));
  });

  it('have the same keys in all four languages', function () {
    for (const locale of supportedLocales) assert.deepEqual(Object.keys(pageStrings(locale)).sort(), Object.keys(english).sort(), locale);
  });

  it('use only simple {name} placeholders, the same in every language', function () {
    for (const locale of supportedLocales) {
      for (const [key, text] of Object.entries(pageStrings(locale))) {
        assert.doesNotMatch(text.replace(/\{\w+\}/g, ''), /[{}]/, `${locale}:${key} has a placeholder the page cannot fill`);
        assert.deepEqual(placeholdersOf(text), placeholdersOf(english[key] ?? ''), `${locale}:${key}`);
      }
    }
  });

  it('are typeset for their language: curly quotes and apostrophes; French spacing', function () {
    for (const locale of supportedLocales) {
      for (const [key, text] of Object.entries(pageStrings(locale))) {
        assert.doesNotMatch(text, /["']/, `${locale}:${key} has a straight quote`);
        if (locale === 'sv') assert.doesNotMatch(text, /[“«]/, `${locale}:${key}: Swedish quotes are ”…”`);
        if (locale === 'en' || locale === 'nl') assert.doesNotMatch(text, /[«»„]/, `${locale}:${key}: quotes are “…”`);
      }
    }
    for (const [key, text] of Object.entries(pageStrings('fr'))) {
      // A narrow no-break space before : ; ? ! and », after «; none of the other spaces there.
      assert.doesNotMatch(text, /[^\u202F][:;?!»]/, `fr:${key} needs U+202F before : ; ? ! »`);
      assert.doesNotMatch(text, /«[^\u202F]/, `fr:${key} needs U+202F after «`);
      assert.doesNotMatch(text, /“|”/, `fr:${key}: French quotes are « … »`);
    }
  });

  it('are asked for by a supported language, or get English', function () {
    assert.equal(pageLocale('fr'), 'fr');
    assert.equal(pageLocale('sv-SE'), 'sv');
    assert.equal(pageLocale('NL_be'), 'nl');
    for (const other of ['de', '', undefined, ['fr', 'nl'], '../en', `fr${'x'.repeat(100)}`, { lang: 'fr' }]) assert.equal(pageLocale(other), 'en', JSON.stringify(other));
  });
});

describe('GET /api/page/strings', function () {
  let running: TestApp;
  let app: RunningApp;

  before(async function () {
    running = await startTestApp();
    app = running.app;
  });
  after(async function () {
    await running?.stop();
  });

  const get = async (query: string): Promise<{ response: Response; text: string }> => {
    const response = await fetch(`${app.url}/api/page/strings${query}`);
    return { response, text: await response.text() };
  };

  for (const locale of supportedLocales) {
    it(`?lang=${locale} → the page.* strings of ${locale}, and nothing else`, async function () {
      const { response, text } = await get(`?lang=${locale}`);
      assert.equal(response.status, 200);
      assert.match(response.headers.get('content-type') ?? '', /application\/json/);
      assert.equal(response.headers.get('content-language'), locale);
      const body = JSON.parse(text) as { locale: string; strings: Record<string, string> };
      assert.deepEqual(Object.keys(body).sort(), ['locale', 'strings']);
      assert.equal(body.locale, locale);
      assert.ok(Object.keys(body.strings).every((key) => key.startsWith(pageKeyPrefix)), 'only page.* keys');
      assert.deepEqual(body.strings, pageStrings(locale));
    });
  }

  it('a regional tag gets its language', async function () {
    const { text } = await get('?lang=fr-BE');
    assert.equal((JSON.parse(text) as { locale: string }).locale, 'fr');
  });

  for (const query of ['', '?lang=de', '?lang=xx-YY', '?lang=fr&lang=nl', `?lang=${encodeURIComponent('<script>alert(1)</script>')}`, '?lang=zz-evil-marker']) {
    it(`${query || 'no lang'} → English, without the parameter in the answer`, async function () {
      const { response, text } = await get(query);
      assert.equal(response.status, 200);
      const body = JSON.parse(text) as { locale: string; strings: Record<string, string> };
      assert.equal(body.locale, 'en');
      assert.deepEqual(body.strings, pageStrings('en'));
      assert.doesNotMatch(text, /script|evil|xx-YY|"de"/);
    });
  }

  it('leaves the page\'s content security policy as it was', async function () {
    const response = await fetch(`${app.url}/`);
    const policy = response.headers.get('content-security-policy') ?? '';
    assert.match(policy, /default-src 'self'/);
    assert.match(policy, /script-src 'self'(;|$)/);
    assert.match(policy, /connect-src 'self'(;|$)/);
  });
});

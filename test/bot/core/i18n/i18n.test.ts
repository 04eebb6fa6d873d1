import assert from 'node:assert/strict';
import { methodPhrase } from '../../../../bot/core/i18n/methodNames.js';
import { isTimeZone, placeholders, regionalTag, stringTable, supportedLocales, toLocale, translator, type Locale } from '../../../../bot/core/i18n/i18n.js';

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
      const universal = new Set(['method.microsoftAuthenticator', 'audit.channel.teams']);
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

  it('one translator is kept for each language, region and zone, frozen: the same one for every turn that asks, another for any other', function () {
    const brussels = translator('fr', { region: 'fr-BE', timeZone: 'Europe/Brussels' });
    assert.equal(translator('fr', { region: 'fr-BE', timeZone: 'Europe/Brussels' }), brussels);
    assert.ok(Object.isFrozen(brussels));
    assert.throws(() => {
      (brussels as { t: unknown }).t = () => 'changed';
    }, TypeError);
    const paris = translator('fr', { region: 'fr-FR', timeZone: 'Europe/Paris' });
    assert.notEqual(paris, brussels);
    assert.equal(paris.timeZone, 'Europe/Paris');
    assert.equal(translator('fr', { region: 'fr-BE', timeZone: 'America/Montreal' }).timeZone, 'America/Montreal');
    assert.equal(translator('fr').timeZone, undefined);
    assert.equal(translator('nl', { region: 'fr-BE', timeZone: 'Europe/Brussels' }).locale, 'nl');
  });

  describe('every message, rendered', function () {
    /** Arguments that hold numbers; everything else is text. */
    const numeric = new Set(['count', 'minutes', 'left', 'min', 'classes', 'history', 'pending', 'total', 'max']);
    const kinds = ['mobile', 'alternateMobile', 'office', 'email', 'microsoftAuthenticator', 'authenticatorApp', 'softwareOath', 'fido2', 'windowsHelloForBusiness', 'temporaryAccessPass', 'other'];
    const names = ['Anna', 'Oliver', 'Émile', 'Hugo', 'Claire'];
    const organizations = ['Adventure Works', 'Contoso', 'Ikea'];

    /** Every rendering of a message worth reading: each count 0, 1, 2, 5; each method kind; names with and without an initial vowel. */
    function renderings(locale: Locale, key: string): string[] {
      const t = translator(locale);
      const args = placeholders(stringTable(locale)[key] ?? '');
      const out: string[] = [];
      for (let i = 0; i < Math.max(kinds.length, names.length); i++) {
        const n = [0, 1, 2, 5][i % 4] as number;
        const params: Record<string, string | number> = {};
        for (const a of args) {
          params[a] = numeric.has(a) ? n : a === 'kind' ? (kinds[i % kinds.length] as string)
            : a === 'name' || a === 'user' || a === 'agent' ? (names[i % names.length] as string)
              : a === 'organization' || a === 'home' || a === 'helpdesk' ? (organizations[i % organizations.length] as string)
                : `X${a}`;
        }
        out.push(t.t(key, params));
      }
      return out;
    }

    for (const locale of supportedLocales) {
      it(`${locale}: every message renders with no argument or brace left`, function () {
        const problems: string[] = [];
        for (const key of Object.keys(stringTable(locale))) {
          for (const text of renderings(locale, key)) if (/[{}]/.test(text)) problems.push(`${key}: ${text}`);
        }
        assert.deepEqual(problems, []);
      });

      it(`${locale}: typographic quotes, never straight double quotes`, function () {
        const straight = Object.entries(stringTable(locale)).filter(([, text]) => text.includes('"')).map(([key]) => key);
        assert.deepEqual(straight, []);
      });
    }

    it('en: no count of one is followed by a plural noun ("1 minutes", "1 other organizations")', function () {
      const problems: string[] = [];
      for (const key of Object.keys(stringTable('en'))) {
        for (const text of renderings('en', key)) {
          const bad = /\b1 (?:[a-z-]+ )?(?!is\b|was\b|has\b)[a-z-]+s\b/.exec(text);
          if (bad) problems.push(`${key}: "${bad[0]}" in ${text}`);
        }
      }
      assert.deepEqual(problems, []);
    });

    it('fr: a narrow no-break space before : ; ? ! and inside « », never an ordinary one', function () {
      const problems: string[] = [];
      for (const key of Object.keys(stringTable('fr'))) {
        for (const text of renderings('fr', key)) {
          if (/ [:;?!»]|« /.test(text) || /[^\s\u202f\u00a0(][;?!]/.test(text.replace(/https?:\/\/\S+/g, ''))) problems.push(`${key}: ${text}`);
        }
      }
      assert.deepEqual([...new Set(problems)], []);
    });

    it('fr: no "de", "le" or "que" before a name that starts with a vowel', function () {
      const problems: string[] = [];
      for (const key of Object.keys(stringTable('fr'))) {
        for (const text of renderings('fr', key)) {
          const bad = /\b(?:de|le|que|je) (?:Anna|Oliver|Émile|Adventure Works|Ikea)\b/.exec(text);
          if (bad) problems.push(`${key}: "${bad[0]}"`);
        }
      }
      assert.deepEqual([...new Set(problems)], []);
    });

    // Counts a valid seed or account can make zero: the sentence then says "none", or leaves the rule out.
    for (const locale of supportedLocales) {
      it(`${locale}: a count of zero is never shown as "0" (no sign-in method; a password policy without character kinds or history)`, function () {
        const t = translator(locale);
        const zero = [
          t.t('securityInfo.summary', { count: 0 }),
          t.t('password.rules', { min: 8, classes: 0, history: 0 }),
        ];
        assert.deepEqual(zero.filter((text) => /(^|\D)0(\D|$)/.test(text)), []);
        const withRules = t.t('password.rules', { min: 8, classes: 3, history: 5 });
        const withoutRules = t.t('password.rules', { min: 8, classes: 0, history: 0 });
        assert.ok(withRules.includes('3') && withRules.includes('5'));
        assert.ok(withoutRules.length < withRules.length - 40, `${withoutRules} leaves the two rules out`);
        assert.ok(withoutRules.startsWith(withRules.slice(0, withRules.indexOf('8') + 1)));
      });
    }
  });

  it('name a security key by its name in a sentence, and a method with no detail without a blank after it', function () {
    for (const locale of supportedLocales) {
      const t = translator(locale);
      const key = { id: 'k1', '@odata.type': '#microsoft.graph.fido2AuthenticationMethod', kind: 'fido2', displayName: 'YubiKey 5 NFC' } as const;
      assert.match(methodPhrase(t, key), /YubiKey 5 NFC$/, locale);
      const unnamed = methodPhrase(t, { ...key, displayName: undefined });
      assert.equal(unnamed, unnamed.trim(), locale);
      assert.equal(methodPhrase(t, { id: 'p1', '@odata.type': '#microsoft.graph.phoneAuthenticationMethod', kind: 'phone', phoneType: 'mobile' }).endsWith(' '), false, locale);
    }
  });

  describe('dates and times', function () {
    const at = new Date('2026-11-20T13:05:00Z');

    it('are in the user\'s time zone when it is known, and say UTC when it is not', function () {
      assert.equal(translator('sv', { timeZone: 'Europe/Stockholm' }).time(at), '14:05');
      assert.equal(translator('sv').time(at), '13:05 UTC');
      assert.equal(translator('en', { region: 'en-US', timeZone: 'America/New_York' }).time(at), '8:05 AM');
      assert.match(translator('fr').dateTime(at), /^20 nov\. 2026.*13:05 UTC$/);
      assert.equal(translator('fr', { timeZone: 'Not/AZone' }).timeZone, undefined);
    });

    it('follow the region: en-GB is day-month and 24-hour, en-US is not', function () {
      assert.equal(translator('en', { region: 'en-GB', timeZone: 'Europe/London' }).dateTime(at), '20 Nov 2026, 13:05');
      assert.equal(translator('en', { region: 'en-US', timeZone: 'Europe/London' }).dateTime(at), 'Nov 20, 2026, 1:05 PM');
      assert.equal(translator('en', { region: 'en-GB' }).date(at), '20 Nov 2026');
    });

    it('show only the time on the same day for the user, the date too otherwise', function () {
      const t = translator('en', { region: 'en-GB', timeZone: 'Asia/Tokyo' });
      // 23:30 UTC is 08:30 the next day in Tokyo: the same day as 00:10 Tokyo time, not as 22:00 UTC.
      assert.equal(t.moment('2026-11-20T23:30:00Z', new Date('2026-11-20T15:10:00Z')), '08:30');
      assert.equal(t.moment('2026-11-20T23:30:00Z', new Date('2026-11-20T13:00:00Z')), '21 Nov 2026, 08:30');
    });

    it('say "just now" under a minute, and whole relative phrases otherwise', function () {
      const now = new Date('2026-11-21T12:00:00Z');
      for (const locale of supportedLocales) {
        assert.equal(translator(locale).relative('2026-11-21T11:59:30Z', now), stringTable(locale)['time.justNow']);
      }
      assert.equal(translator('fr').relative('2026-11-17T12:00:00Z', now), 'il y a 4 jours');
      assert.equal(translator('nl').relative('2026-11-17T12:00:00Z', now), '4 dagen geleden');
      assert.equal(translator('sv').relative('2026-11-21T09:00:00Z', now), 'för 3 timmar sedan');
    });

    it('count days by the calendar in the user\'s time zone, not by rounded hours', function () {
      // Wednesday 2 December, 21:10 in Seattle: Sunday 09:00 was 3 days ago (3.5 days of hours), Tuesday 08:00 yesterday.
      const now = new Date('2026-12-03T05:10:00Z');
      const seattle = translator('en', { region: 'en-US', timeZone: 'America/Los_Angeles' });
      assert.equal(seattle.relative('2026-11-29T17:00:00Z', now), '3 days ago');
      assert.equal(seattle.relative('2026-12-01T16:00:00Z', now), 'yesterday');
      // The same moments in Stockholm, where it is already Thursday 06:10.
      const stockholm = translator('sv', { timeZone: 'Europe/Stockholm' });
      assert.equal(stockholm.relative('2026-11-29T17:00:00Z', now), 'för 4 dagar sedan');
      assert.equal(stockholm.relative('2026-12-01T16:00:00Z', now), 'i förrgår');
      assert.equal(translator('fr').relative('2026-11-10T12:00:00Z', now), 'il y a 3 semaines');
    });

    it('write the first of the month "1er" in French, and "kl." before the time of a date in Swedish', function () {
      const fr = translator('fr', { timeZone: 'Europe/Paris' });
      assert.equal(fr.date('2026-02-01T10:00:00Z'), '1er févr. 2026');
      assert.equal(fr.date('2026-02-11T10:00:00Z'), '11 févr. 2026');
      const sv = translator('sv', { timeZone: 'Europe/Stockholm' });
      assert.equal(sv.dateTime('2026-12-03T07:57:00Z'), '3 dec. 2026 kl. 08:57');
      assert.equal(sv.time('2026-12-03T07:57:00Z'), '08:57', 'a time alone stands after its own words ("i dag kl.")');
    });

    it('name the user\'s time zone in their language', function () {
      assert.equal(translator('en', { timeZone: 'Europe/Stockholm' }).zoneName(at), 'Central European Time');
      assert.equal(translator('fr', { timeZone: 'Europe/Paris' }).zoneName(at), 'heure d’Europe centrale');
      assert.equal(translator('en').zoneName(at), undefined);
    });

    it('take the region from the client or the account: theirs in the same language, else the language with their region where it has formats of its own', function () {
      // English on a French client: day first and 24 hours, as that user reads them.
      assert.equal(regionalTag('en', 'fr-FR', 'fr-FR'), 'en-FR');
      assert.equal(translator('en', { region: regionalTag('en', 'fr-FR'), timeZone: 'Europe/Paris' }).dateTime('2026-12-03T08:01:00Z'), '3 Dec 2026, 09:01');
      assert.equal(regionalTag('nl', 'fr-FR'), 'nl-NL', 'no Dutch formats for France: the Dutch ones');
      assert.equal(regionalTag('sv', 'en-US'), 'sv-SE');
      assert.equal(regionalTag('en', 'en-GB', 'en-US'), 'en-GB');
      assert.equal(regionalTag('en', 'fr-FR', 'en_GB'), 'en-GB');
      assert.equal(regionalTag('nl', 'nl', 'nl-BE'), 'nl-BE');
      assert.equal(regionalTag('fr', 'de-DE', '../../etc'), 'fr-FR');
      assert.equal(regionalTag('sv', 'sv-FI'), 'sv-FI');
      assert.equal(regionalTag('en', 'en-GB-u-ca-buddhist-nu-thai'), 'en-GB', 'no calendar or digits chosen by the client');
      assert.ok(!translator('en').has('constructor') && !translator('en').has('toString'));
      assert.ok(isTimeZone('Europe/Helsinki'));
      assert.ok(!isTimeZone('Europe/Atlantis'));
      assert.ok(!isTimeZone({ toString: () => 'UTC' }));
    });

    it('give the same answers when asked again, and after many other names have been asked', function () {
      const zones = ['Europe/Paris', 'europe/paris', 'UTC', 'Europe/Atlantis', 'Mars/Olympus', 'America/New_York', ' UTC'];
      const tags: [Locale, string][] = [['en', 'en-GB'], ['en', 'en_gb'], ['nl', 'nl-BE'], ['fr', 'fr'], ['fr', 'fr-xx-yy-zz'], ['sv', 'sv-FI-u-nu-arab']];
      const knows = (zone: string) => {
        try {
          new Intl.DateTimeFormat('en', { timeZone: zone });
          return true;
        } catch {
          return false;
        }
      };
      const first = { zones: zones.map((z) => isTimeZone(z)), tags: tags.map(([l, tag]) => regionalTag(l, tag)) };
      assert.deepEqual(first.zones, zones.map(knows), 'what the runtime says');
      assert.deepEqual(first.tags, ['en-GB', 'en-GB', 'nl-BE', 'fr-FR', 'fr-FR', 'sv-FI']);
      for (let i = 0; i < 1000; i++) {
        isTimeZone(`Client/Zone${i}`);
        regionalTag('en', `en-X${i}`);
      }
      assert.deepEqual({ zones: zones.map((z) => isTimeZone(z)), tags: tags.map(([l, tag]) => regionalTag(l, tag)) }, first);
    });
  });
});

// The language of a conversation, as transcripts in the four languages: a word, a code, a name or a
// single sentence in another language does not move it; two full sentences in a row do; an explicit
// request in the user's own words does at once, and sticks.
import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { supportedLocales, translator, type Locale } from '../../../bot/core/i18n/i18n.js';
import { demoUser } from '../../helpers.js';
import { cardOf, cardTexts, createHarness, type Chat, type Harness } from '../../dialogs/harness.js';
import { phrases } from '../../dialogs/testData/phrases.js';

/** For each conversation language, the other language the user slips into. */
const slipsInto: Record<Locale, Locale> = { en: 'fr', fr: 'nl', nl: 'sv', sv: 'fr' };
/** "my devices" in a hurry: one word, and two. */
const oneWord: Record<Locale, string> = { en: 'devices', fr: 'appareils', nl: 'apparaten', sv: 'enheter' };
const twoWords: Record<Locale, string> = { en: 'my devices', fr: 'mes appareils', nl: 'mijn apparaten', sv: 'mina enheter' };
/** Asking for the other language in one's own words. */
const askFor: Record<Locale, string> = {
  en: 'could you reply in French from now on',
  fr: "je préfère qu'on parle néerlandais",
  nl: 'kunnen we verder in het Zweeds?',
  sv: 'kan du svara på franska i stället?',
};

const languageOf = (replies: readonly Partial<Activity>[]): string[] => [...new Set(replies.map((r) => String(r.locale).split('-')[0] ?? ''))];

describe('the language of the conversation', function () {
  let harness: Harness;
  let userId: string;
  before(async function () {
    harness = await createHarness();
    userId = (await demoUser()).id;
  });
  after(() => harness.close());

  for (const locale of supportedLocales) {
    const other = slipsInto[locale];
    const t = translator(locale);
    const o = translator(other);
    const devicesIn = async (chat: Chat, text: string, heading: string): Promise<void> => {
      const replies = await chat.say(text);
      assert.ok(cardTexts(cardOf(replies.at(-1) ?? {})).includes(heading), `"${text}" is answered with the devices card, in the expected language`);
    };

    describe(`in ${locale}, with ${other} slipping in`, function () {
      it('a word, two words, a code, a name or one sentence in another language do not move it; two full sentences in a row do', async function () {
        const chat = harness.chat(userId, phrases[locale].tag);
        assert.deepEqual(languageOf(await chat.say(phrases[locale].profile)), [locale]);
        await devicesIn(chat, phrases[other].devices, t.t('devices.heading'));
        await devicesIn(chat, oneWord[other], t.t('devices.heading'));
        await devicesIn(chat, twoWords[other], t.t('devices.heading'));
        await devicesIn(chat, oneWord[other], t.t('devices.heading'));
        assert.deepEqual(languageOf(await chat.say('483920')), [locale]);
        assert.deepEqual(languageOf(await chat.say('Maria Lindqvist')), [locale]);
        // Back in the conversation's language, then two full sentences in the other: the user means it.
        assert.deepEqual(languageOf(await chat.say(phrases[locale].profile)), [locale]);
        await devicesIn(chat, phrases[other].devices, t.t('devices.heading'));
        assert.deepEqual(languageOf(await chat.say(phrases[other].profile)), [other]);
        await devicesIn(chat, oneWord[locale], o.t('devices.heading'));
      });

      it('a first message of one word in another language is answered in the client\'s language', async function () {
        const chat = harness.chat(userId, phrases[locale].tag);
        await devicesIn(chat, oneWord[other], t.t('devices.heading'));
      });

      it('asked in the user\'s own words, it switches at once and stays, whatever language is typed after', async function () {
        const client = { teamsUserId: `29:language-${locale}` };
        const chat = harness.chat(userId, phrases[locale].tag, 'msteams', client);
        assert.deepEqual(languageOf(await chat.say(phrases[locale].profile)), [locale]);
        assert.equal((await chat.say(askFor[locale]))[0]?.text, o.t('language.switched'));
        await devicesIn(chat, phrases[locale].devices, o.t('devices.heading'));
        assert.deepEqual(languageOf(await chat.say(phrases[locale].profile)), [other]);
        // The choice belongs to the user: a new conversation starts in it, whatever the client says.
        assert.deepEqual(languageOf(await harness.chat(userId, phrases[locale].tag, 'msteams', client).say(phrases[locale].profile)), [other]);
      });
    });
  }
});

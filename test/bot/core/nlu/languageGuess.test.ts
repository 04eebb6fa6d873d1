// The language guess against the library guess it stands for (NLP.js's Language.guess): the same
// scores, for every phrase of the dev sets and the challenge sets, and text it leaves to the library.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { supportedLocales } from '../../../../bot/core/i18n/i18n.js';
import { LanguageGuesser, type LibraryGuesser, type TrigramModel } from '../../../../bot/core/nlu/languageGuess.js';
import { paths } from '../../../../bot/paths.js';

const require = createRequire(import.meta.url);
const { Language } = require('@nlpjs/language') as { Language: new () => LibraryGuesser };
const latin = (require('@nlpjs/language/src/data.json') as { Latin: Record<string, TrigramModel> }).Latin;

async function phrases(): Promise<string[]> {
  const nlu = path.join(paths.root, 'test', 'bot', 'core', 'nlu');
  const texts: string[] = [];
  for (const locale of supportedLocales) {
    const devset = JSON.parse(await readFile(path.join(nlu, 'devset', `${locale}.json`), 'utf8')) as { data: { utterances: string[] }[] };
    for (const { utterances } of devset.data) texts.push(...utterances);
    const challenge = JSON.parse(await readFile(path.join(nlu, 'challenge', `${locale}.json`), 'utf8')) as { items: { text: string }[] };
    texts.push(...challenge.items.map((i) => i.text));
  }
  return texts;
}

describe('language guess', function () {
  const library = new Language();
  let asked = 0;
  const counted: LibraryGuesser = {
    languagesAlpha2: library.languagesAlpha2,
    guess: (text, allowList, limit) => {
      asked += 1;
      return library.guess(text, allowList, limit);
    },
  };
  const guesser = new LanguageGuesser(counted, latin);
  const byLibrary = new LanguageGuesser(library, undefined);
  const scores = (g: LanguageGuesser, text: string): Record<string, number> => Object.fromEntries(g.scores(text));

  it("gives the library's scores for every dev-set and challenge-set phrase, without asking the library", async function () {
    asked = 0;
    const texts = [...(await phrases()), 'ok', 'a', '!!!', '12 34', 'Ça va ?', 'naïve café, 2FA!!', 'x'.repeat(3000)];
    for (const text of texts) assert.deepEqual(scores(guesser, text), scores(byLibrary, text), text);
    assert.equal(asked, 0);
  });

  it('gives no guess, rather than fail as the library does, for Cyrillic, Arabic or Hebrew text', function () {
    for (const text of ['Я забыл пароль', 'نسيت كلمة المرور', 'שכחתי את הסיסמה']) {
      assert.throws(() => library.guess(text, [...supportedLocales], supportedLocales.length), TypeError, 'the library fails on it');
      assert.deepEqual(scores(guesser, text), {}, text);
    }
  });

  it('leaves text mostly outside ASCII (another script, "ÅÄÖ"), and empty text, to the library', function () {
    asked = 0;
    for (const text of ['密码重置', 'パスワードを忘れた', 'ÅÄÖ', '']) assert.deepEqual(scores(guesser, text), scores(byLibrary, text), text);
    assert.equal(asked, 4);
  });
});

import assert from 'node:assert/strict';
import { languageSwitchRequest } from '../../../../bot/core/nlu/languageSwitch.js';

describe('language switch requests', function () {
  const cases: [string, string | undefined][] = [
    ['switch to Swedish', 'sv'],
    ['can you speak French please', 'fr'],
    ['en français svp', 'fr'],
    ['parle anglais', 'en'],
    ['spreek Nederlands alsjeblieft', 'nl'],
    ['kun je in het Engels antwoorden', 'en'],
    ['byt till svenska', 'sv'],
    ['kan du prata engelska', 'en'],
    ['Svenska', 'sv'],
    ['English please', 'en'],
    ['nederlands', 'nl'],
    ['show the profile of my French colleague', undefined],
    ['I forgot my password', undefined],
    ['english or french', undefined],
    ['', undefined],
  ];
  for (const [text, expected] of cases) {
    it(`"${text}" → ${expected ?? 'no switch'}`, function () {
      assert.equal(languageSwitchRequest(text), expected);
    });
  }
});

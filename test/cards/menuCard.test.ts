import assert from 'node:assert/strict';
import { menuGoals } from '../../bot/core/goals.js';
import { supportedLocales, translator } from '../../bot/core/i18n/i18n.js';
import { menuCard, standardMenuCard } from '../../cards/menuCard.js';

describe('menu card', function () {
  const portal = new Map([['password.change', 'https://mysignins.microsoft.com/security-info/password/change']]);

  it('the kept menu is the card menuCard renders, for every language, intro, goal list and portal page', function () {
    const some = menuGoals().slice(0, 3);
    for (const locale of supportedLocales) {
      // Two regions of one language: the strings, and so the card, are the language's.
      for (const t of [translator(locale), translator(locale, { region: `${locale}-BE`, timeZone: 'Asia/Tokyo' })]) {
        for (const introKey of ['menu.intro', 'menu.introDuringGoal', 'none.intro', 'smalltalk.suggestions']) {
          for (const [goals, pages] of [[menuGoals(), new Map<string, string>()], [menuGoals(), portal], [some, portal]] as const) {
            // Asked twice: rendered the first time, kept the second.
            for (let i = 0; i < 2; i++) assert.deepEqual(standardMenuCard(t, goals, introKey, pages), menuCard(t, goals, t.t(introKey), pages), `${locale} ${introKey}`);
          }
        }
      }
    }
  });

  it('every caller gets the same kept card, frozen: no caller can change what a later one gets', function () {
    const t = translator('nl');
    const first = standardMenuCard(t, menuGoals(), 'menu.intro');
    const expected = menuCard(t, menuGoals(), t.t('menu.intro'));
    const body = first.content.body as { text?: string; items?: { text?: string }[] }[];
    assert.throws(() => {
      (body[0] as { text?: string }).text = 'changed';
    }, TypeError);
    assert.throws(() => {
      first.content.body = [];
    }, TypeError);
    assert.throws(() => {
      (first as { contentType: string }).contentType = 'changed';
    }, TypeError);
    assert.deepEqual(standardMenuCard(t, menuGoals(), 'menu.intro'), expected);
    assert.equal(standardMenuCard(t, menuGoals(), 'menu.intro'), first);
  });

  it('a different language, intro or set of goals is never given another one\'s menu', function () {
    const en = translator('en');
    const fr = translator('fr');
    const cards = [
      standardMenuCard(en, menuGoals(), 'menu.intro'),
      standardMenuCard(fr, menuGoals(), 'menu.intro'),
      standardMenuCard(en, menuGoals(), 'none.intro'),
      standardMenuCard(en, menuGoals().slice(1), 'menu.intro'),
      standardMenuCard(en, menuGoals(), 'menu.intro', portal),
    ];
    const distinct = new Set(cards.map((c) => JSON.stringify(c)));
    assert.equal(distinct.size, cards.length);
  });

  it('an intro that needs an argument (a name) is refused rather than kept', function () {
    assert.throws(() => standardMenuCard(translator('en'), menuGoals(), 'welcome.user'));
  });
});

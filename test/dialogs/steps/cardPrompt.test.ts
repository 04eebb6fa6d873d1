// A card that waits while the user switches language: it comes back in the new language, exactly as
// the same card asked in that language reads, with a new nonce (the old copy is refused), and what
// its answer says is in the new language too. A password card honours the switch as well, and
// nothing typed there is echoed or kept.
import assert from 'node:assert/strict';
import { supportedLocales, translator, type Locale } from '../../../bot/core/i18n/i18n.js';
import { demoUserNamed } from '../../helpers.js';
import { cardOf, cardTexts, createHarness, modeOf, presetInputs, submitActions, type Chat, type Harness } from '../harness.js';
import { phrases } from '../testData/phrases.js';

/** The language each is switched to: the next one. */
const next = (locale: Locale): Locale => supportedLocales[(supportedLocales.indexOf(locale) + 1) % supportedLocales.length] as Locale;

/** "why?" in the four languages. */
const whyIn: Record<Locale, string> = { en: 'why?', fr: 'pourquoi ?', nl: 'waarom?', sv: 'varför?' };

/** Asking for a language in the user's own words, as people do in the middle of something. */
const askFor: Record<Locale, string> = {
  en: 'can you switch to english please',
  fr: 'on peut continuer en français svp ?',
  nl: 'kunnen we verder in het Nederlands?',
  sv: 'på svenska tack',
};

/** The title of the button of a card that sends `data`. */
function buttonTitle(card: unknown, data: unknown): string {
  let title: unknown;
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o.data === data) title = o.title;
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  assert.equal(typeof title, 'string');
  return title as string;
}

describe('card prompt: a switch of language while a card waits', function () {
  let harness: Harness;
  beforeEach(async () => (harness = await createHarness()));
  afterEach(() => harness.close());

  /** The card a set of steps leaves waiting, in a conversation of its own in `locale`. */
  async function cardIn(userId: string, locale: Locale, steps: (chat: Chat) => Promise<unknown>): Promise<string[]> {
    const chat = harness.chat(userId, phrases[locale].tag);
    await steps(chat);
    return cardTexts(chat.card());
  }

  /** The switch: "OK, from now on …" in the new language, then the card again; the replies' texts and the card's. */
  async function switchAt(chat: Chat, to: Locale): Promise<string[]> {
    const replies = await chat.say(askFor[to]);
    assert.equal(replies[0]?.text, translator(to).t('language.switched'));
    assert.equal(replies.length, 2, replies.map((r) => r.text).join(' / '));
    return cardTexts(cardOf(replies[1] ?? {}));
  }

  for (const locale of supportedLocales) {
    const to = next(locale);
    const t = translator(to);

    it(`the step-up card comes back in the new language, with a new nonce, and its receipt names the button pressed in it (${locale} → ${to})`, async function () {
      const claire = await demoUserNamed('claire');
      const method = (await harness.directory.listAuthenticationMethods(claire.id)).at(-1);
      const toStepUp = (language: Locale) => async (chat: Chat): Promise<void> => {
        await chat.say(phrases[language].securityRemove);
        await chat.submit('choose', {}, { methodId: method?.id ?? '' });
      };
      const expected = await cardIn(claire.id, to, toStepUp(to));
      const chat = harness.chat(claire.id, phrases[locale].tag);
      await toStepUp(locale)(chat);
      const before = chat.card();
      assert.notDeepEqual(cardTexts(before), expected, 'asked in the first language');
      const old = submitActions(before).find((d) => d.action === 'choose');
      assert.deepEqual(await switchAt(chat, to), expected);
      // The old copy no longer works; the new one does, and its receipt is in the new language.
      const stale = await chat.invoke('step.submit', old);
      assert.equal(stale.response.body?.value, t.t('card.stale'));
      const sender = String(submitActions(chat.card()).filter((d) => d.action === 'choose').at(-1)?.methodId);
      const title = buttonTitle(chat.card(), chat.buttonData('choose', { methodId: sender }));
      const pressed = await chat.execute('choose', {}, { methodId: sender });
      assert.deepEqual(cardTexts(pressed.response.body?.value), [t.t('verify.heading'), t.t('cards.answered', { choice: title })]);
    });

    it(`the helpdesk form comes back in the new language (${locale} → ${to})`, async function () {
      const anna = await demoUserNamed('anna');
      const expected = await cardIn(anna.id, to, (chat) => chat.say(phrases[to].helpdesk));
      const chat = harness.chat(anna.id, phrases[locale].tag);
      await chat.say(phrases[locale].helpdesk);
      assert.notDeepEqual(cardTexts(chat.card()), expected, 'asked in the first language');
      assert.deepEqual(await switchAt(chat, to), expected);
    });

    it(`the helpdesk form of "this wasn't me" comes back with its drafted description in the new language; "why?" at a code card answers in it too (${locale} → ${to})`, async function () {
      const emily = await demoUserNamed('emily');
      const toForm = (language: Locale) => async (chat: Chat): Promise<void> => {
        await chat.say(phrases[language].signIns);
        await chat.send(submitActions(chat.card()).find((d) => d.goal === 'signins.view' && d.target === 'notMe'));
        await chat.submit('secure', { signOut: 'false', changePassword: 'false', helpdesk: 'true' });
      };
      const chat = harness.chat(emily.id, phrases[locale].tag);
      await toForm(locale)(chat);
      assert.equal(presetInputs(chat.card()).description, translator(locale).t('signins.notMeDescription'));
      await switchAt(chat, to);
      assert.equal(presetInputs(chat.card()).description, t.t('signins.notMeDescription'), 'the draft is written again');
      // A description the user typed stays as typed.
      await chat.say('someone in Brazil signed in to my account last night');
      await switchAt(chat, locale);
      assert.equal(presetInputs(chat.card()).description, 'someone in Brazil signed in to my account last night');

      const anna = await demoUserNamed('anna');
      const coded = harness.chat(anna.id, phrases[locale].tag);
      await coded.say(phrases[locale].securityAdd);
      const email = (await harness.directory.listAuthenticationMethods(anna.id)).find((m) => m.kind === 'email');
      await coded.submit('choose', {}, { methodId: email?.id ?? '' });
      await switchAt(coded, to);
      assert.deepEqual((await coded.say(whyIn[to])).map((r) => r.text), [t.t('step.why', { reason: t.t('code.why') })]);
    });

    it(`at a password card the switch is honoured: the card comes back in the new language; what was typed is neither echoed nor kept (${locale} → ${to})`, async function () {
      const anna = await demoUserNamed('anna');
      const expected = await cardIn(anna.id, to, (chat) => chat.say(phrases[to].passwordChange));
      const chat = harness.chat(anna.id, phrases[locale].tag);
      await chat.say(phrases[locale].passwordChange);
      assert.notDeepEqual(cardTexts(chat.card()), expected, 'asked in the first language');
      assert.deepEqual(await switchAt(chat, to), expected);
      const stored = JSON.stringify((harness.storage as unknown as { memory: unknown }).memory);
      assert.ok(stored.includes('dialogState') && !stored.includes(askFor[to]), 'not kept in any state, nor in the transcript');
      // The card works in its new language.
      assert.equal((await chat.submit('cancel'))[0]?.text, t.t('cancel.done'));
    });

    it(`a pending agreement is asked again in the new language, its text too (${locale} → ${to})`, async function () {
      const anna = await demoUserNamed('anna');
      if (modeOf(harness, 'termsofuse.review') === 'portal') return;
      const expected = await cardIn(anna.id, to, (chat) => chat.say(phrases[to].termsOfUse));
      const chat = harness.chat(anna.id, phrases[locale].tag);
      await chat.say(phrases[locale].termsOfUse);
      const old = submitActions(chat.card()).find((d) => d.action === 'accept');
      assert.notDeepEqual(cardTexts(chat.card()), expected, 'asked in the first language');
      assert.deepEqual(await switchAt(chat, to), expected);
      assert.equal((await chat.send(old))[0]?.text, t.t('card.stale'), 'the old copy no longer works');
      const answered = await chat.execute('later');
      assert.equal(cardTexts(answered.response.body?.value)[1], t.t('cards.answered', { choice: t.t('termsOfUse.later') }));
    });
  }
});

describe('card prompt: a refused press', function () {
  let harness: Harness;
  beforeEach(async () => (harness = await createHarness()));
  afterEach(() => harness.close());

  it('saves no state, so the press of a spent card never wins a save over the turn that acted on it', async function () {
    const t = translator('en');
    const anna = await demoUserNamed('anna');
    const chat = harness.chat(anna.id, 'en-US');
    await chat.say(phrases.en.signOut);
    const yes = submitActions(chat.card()).find((d) => d.action === 'yes');
    assert.equal((await chat.submit('yes'))[0]?.text, t.t('signout.done'));
    const stored = (): string => JSON.stringify((harness.storage as unknown as { memory: unknown }).memory);
    const before = stored();
    assert.equal((await chat.send(yes))[0]?.text, t.t('card.stale'));
    assert.equal(stored(), before, 'nothing was written: not the dialog state, not the transcript line of the press');
  });
});

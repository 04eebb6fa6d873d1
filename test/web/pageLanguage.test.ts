// The web page speaks the user's language, in Debian's Chromium: in a French, Dutch or Swedish
// browser no English page string is left once a demo employee has signed in and been welcomed, and a
// refusal from the server is said in that language; the switcher changes the page's language (and
// the language a new chat starts in); and when the chat switches language, the page follows.
// Expected text comes from the locale files, never typed here.
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { RunningApp } from '../../bot/app.js';
import { pageStrings } from '../../bot/channel/pageStrings.js';
import { translator, type Locale } from '../../bot/core/i18n/i18n.js';
import { demoUserNamed } from '../helpers.js';
import { startTestApp, type TestApp } from '../testApp.js';
import { launchChromium } from './pageHarness.js';

const regions: Record<Locale, string> = { en: 'en-US', fr: 'fr-FR', nl: 'nl-NL', sv: 'sv-SE' };

/** Fills the {placeholders} of a page string as the page does. */
const fill = (text: string, args: Record<string, string>): string => text.replace(/\{(\w+)\}/g, (whole, name: string) => args[name] ?? whole);

/**
 * The English page strings that must not show in `locale`: those it words differently, cut at
 * their placeholders, in pieces of more than a few characters.
 */
function englishPieces(locale: Locale): string[] {
  const own = pageStrings(locale);
  return Object.entries(pageStrings('en'))
    .filter(([key, text]) => own[key] !== text)
    .flatMap(([, text]) => text.split(/\{\w+\}/))
    .map((piece) => piece.trim())
    .filter((piece) => piece.length > 4);
}

/** The chat's messages: what the assistant and the user said, in whatever language they said it. */
const messagesSelector = '.webchat__basic-transcript__activity, .webchat__live-region-activity';

/**
 * Everything the page says: its title, the text on screen, and every aria-label, placeholder and
 * title, leaving out the chat's messages when asked (run in the page: there are no DOM types here).
 */
const everythingSaidScript = (withoutMessages: boolean): string => `(() => {
  const messages = ${withoutMessages} ? [...document.querySelectorAll(${JSON.stringify(messagesSelector)})] : [];
  const attributes = [...document.querySelectorAll('[aria-label], [placeholder], [title]')]
    .filter((node) => !messages.some((message) => message.contains(node)))
    .flatMap((node) => ['aria-label', 'placeholder', 'title'].map((name) => node.getAttribute(name) ?? ''));
  const shown = messages.map((message) => message.style.display);
  messages.forEach((message) => { message.style.display = 'none'; });
  const text = document.body.innerText;
  messages.forEach((message, i) => { message.style.display = shown[i]; });
  return [document.title, text, ...attributes].join('\\n');
})()`;

/**
 * Asserts that nothing English is left, once the page has had a moment to draw the language it
 * moved to: Web Chat draws its parts again over a few frames (on a busy machine, later than the
 * page's own `lang` says the move is made).
 */
async function assertNoEnglishLeft(page: Page, locale: Locale, where: string, { withoutMessages = false } = {}): Promise<void> {
  const englishLeft = async (): Promise<string[]> => {
    const said = await page.evaluate<string>(everythingSaidScript(withoutMessages));
    return englishPieces(locale).filter((piece) => said.includes(piece));
  };
  let left = await englishLeft();
  for (let wait = 0; left.length > 0 && wait < 20; wait += 1) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    left = await englishLeft();
  }
  assert.deepEqual(left, [], `English left on the ${locale} page (${where})`);
}

/** The first words of a bot message, up to its first quote mark (Web Chat's typographer curls them). */
const opening = (text: string): string => text.split(/['"’]/)[0] as string;

describe('web page in the user\'s language, in Chromium', function () {
  this.timeout(90_000);
  let running: TestApp;
  let app: RunningApp;
  let browser: Browser;

  before(async function () {
    running = await startTestApp();
    app = running.app;
    browser = await launchChromium();
  });
  after(async function () {
    await browser?.close();
    await running?.stop();
  });

  async function openPage(locale: Locale): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ locale: regions[locale] });
    const page = await context.newPage();
    await page.goto(`${app.url}/`);
    await page.locator('#account:not([disabled])').waitFor();
    return { context, page };
  }

  async function signIn(page: Page, upn: string, password: string): Promise<void> {
    await page.selectOption('#account', upn);
    await page.fill('#password', password);
    await page.click('#signin-button');
  }

  for (const [locale, name] of [['fr', 'claire'], ['nl', 'pieter'], ['sv', 'ingrid']] as const) {
    it(`in a ${locale} browser the page is in ${locale}, before and after the sign-in, with Web Chat worded as the assistant`, async function () {
      const strings = pageStrings(locale);
      const t = translator(locale);
      const user = await demoUserNamed(name);
      const { context, page } = await openPage(locale);
      try {
        assert.equal(await page.getAttribute('html', 'lang'), locale);
        assert.equal(await page.title(), strings['page.title']);
        assert.equal(await page.locator('#language').inputValue(), locale);
        await page.getByLabel(strings['page.language.label'] ?? '').waitFor();
        await assertNoEnglishLeft(page, locale, 'sign-in panel');

        // A refusal from the server is said in the page's language, not in the server's English.
        await signIn(page, user.userPrincipalName, 'certainly-wrong');
        await page.locator('#signin-error').filter({ hasText: /\S/ }).waitFor();
        assert.equal(await page.locator('#signin-error').innerText(), strings['page.error.invalidCredentials']);

        await signIn(page, user.userPrincipalName, user.password);
        await page.locator('#chat[data-state="ready"]').waitFor({ timeout: 30_000 });
        const welcome = t.t('welcome.user', { name: String(user.givenName), organization: 'Contoso' });
        await page.locator('.webchat__bubble p', { hasText: opening(welcome) }).first().waitFor({ timeout: 30_000 });
        assert.equal(await page.locator('#signed-in-as').innerText(), fill(strings['page.session.signedInAs'] ?? '', { name: user.displayName }));
        assert.equal(await page.getByRole('textbox').last().getAttribute('placeholder'), strings['page.webchat.textInputPlaceholder']);
        await assertNoEnglishLeft(page, locale, 'chat');
      } finally {
        await context.close();
      }
    });
  }

  it('the switcher changes the page\'s language, the choice is kept, and a chat opened then starts in it', async function () {
    const sv = pageStrings('sv');
    const { context, page } = await openPage('en');
    try {
      assert.equal(await page.getAttribute('html', 'lang'), 'en');
      assert.equal(await page.title(), pageStrings('en')['page.title']);
      await page.getByLabel(pageStrings('en')['page.language.label'] ?? '').selectOption('sv');
      await page.locator('html[lang="sv"]').waitFor();
      assert.equal(await page.title(), sv['page.title']);
      assert.equal(await page.locator('#signin-title').innerText(), sv['page.signin.title']);
      assert.equal(await page.getByRole('button', { name: sv['page.signin.cannotSignIn'] }).count(), 1);
      await assertNoEnglishLeft(page, 'sv', 'sign-in panel, after the switch');
      await page.reload();
      await page.locator('#account:not([disabled])').waitFor();
      assert.equal(await page.getAttribute('html', 'lang'), 'sv', 'still Swedish after a reload');
      // A chat with no language of its own (nobody signed in) starts in the page's, not the browser's.
      await page.locator('#anonymous-button').click();
      const greeting = translator('sv').t('welcome.cannotSignIn', { organization: 'Contoso' });
      await page.locator('.webchat__bubble p', { hasText: opening(greeting) }).first().waitFor({ timeout: 30_000 });
      assert.equal(await page.getAttribute('html', 'lang'), 'sv');
    } finally {
      await context.close();
    }
  });

  it('"switch to Dutch" in the chat moves the page to Dutch', async function () {
    const nl = pageStrings('nl');
    const user = await demoUserNamed('emily');
    const { context, page } = await openPage('en');
    try {
      await signIn(page, user.userPrincipalName, user.password);
      await page.locator('#chat[data-state="ready"]').waitFor({ timeout: 30_000 });
      const welcome = translator('en').t('welcome.user', { name: String(user.givenName), organization: 'Contoso' });
      await page.locator('.webchat__bubble p', { hasText: opening(welcome) }).first().waitFor({ timeout: 30_000 });
      assert.equal(await page.getAttribute('html', 'lang'), 'en');
      const input = page.getByRole('textbox').last();
      await input.fill('switch to Dutch');
      await input.press('Enter');
      await page.locator('html[lang="nl"]').waitFor({ timeout: 30_000 });
      assert.equal(await page.locator('#language').inputValue(), 'nl');
      assert.equal(await page.locator('#signed-in-as').innerText(), fill(nl['page.session.signedInAs'] ?? '', { name: user.displayName }));
      assert.equal(await page.getByRole('textbox').last().getAttribute('placeholder'), nl['page.webchat.textInputPlaceholder']);
      // What Web Chat reads out before the user's own message is worded as the assistant does ("je").
      assert.match(String(await page.locator('#chat').textContent()), new RegExp(nl['page.webchat.youSaid'] ?? ''));
      // The messages from before the switch are English, and stay so.
      await assertNoEnglishLeft(page, 'nl', 'chat, after the switch', { withoutMessages: true });
    } finally {
      await context.close();
    }
  });
});

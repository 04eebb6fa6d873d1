// The web chat page in Debian's Chromium (playwright-core, no browser download): a demo employee
// signs in, asks for their profile and gets the card; a wrong password is refused.
import assert from 'node:assert/strict';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { RunningApp } from '../../bot/app.js';
import { translator } from '../../bot/core/i18n/i18n.js';
import { codeIn, demoUser, demoUserNamed } from '../helpers.js';
import { phrases } from '../dialogs/testData/phrases.js';
import { startTestApp, type TestApp } from '../testApp.js';
import { launchChromium } from './pageHarness.js';

describe('web chat page in Chromium', function () {
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

  async function signIn(page: Page, upn: string, password: string, query = ''): Promise<void> {
    await page.goto(`${app.url}/${query}`);
    await page.locator('#account:not([disabled])').waitFor();
    await page.selectOption('#account', upn);
    await page.fill('#password', password);
    await page.click('#signin-button');
  }

  for (const [transport, query] of [['websocket', ''], ['polling', '?ws=0']] as const) {
    it(`signs in and shows the profile card (${transport}), within the page's content security policy`, async function () {
      const user = await demoUser((u) => String(u.preferredLanguage).startsWith('en'));
      const t = translator('en');
      const page = await browser.newPage();
      const violations: string[] = [];
      page.on('console', (message) => {
        if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
      });
      await signIn(page, user.userPrincipalName, user.password, query);
      await page.locator('#chat[data-state="ready"]').waitFor({ timeout: 30_000 });
      // Web Chat's typographer curls quotes, so match the greeting up to its first quote mark.
      const greeting = t.t('welcome.user', { name: String(user.givenName), organization: 'Contoso' }).split(/['"]/)[0] as string;
      await page.locator('.webchat__bubble p', { hasText: greeting }).first().waitFor();
      const input = page.getByRole('textbox').last();
      await input.fill('show my profile');
      await input.press('Enter');
      const card = page.locator('.ac-adaptiveCard', { hasText: t.t('profile.heading') });
      await card.waitFor({ timeout: 30_000 });
      assert.match(await card.innerText(), new RegExp(user.displayName));
      await page.screenshot({ path: path.join(os.tmpdir(), `assistant-profile-${transport}.png`), fullPage: true });
      // No 'unsafe-eval', connect-src 'self' only (the websocket included): nothing was blocked.
      assert.deepEqual(violations, []);
      await page.close();
    });
  }

  it('"sign out everywhere" ends this page\'s chat too: the chat stops and the page says to sign in again', async function () {
    const user = await demoUserNamed('oliver');
    const t = translator('en');
    const page = await browser.newPage();
    await signIn(page, user.userPrincipalName, user.password);
    await page.locator('#chat[data-state="ready"]').waitFor({ timeout: 30_000 });
    const input = page.getByRole('textbox').last();
    await input.fill('sign out everywhere');
    await input.press('Enter');
    const confirm = page.locator('.ac-adaptiveCard', { hasText: t.t('signout.heading') }).last();
    await confirm.waitFor({ timeout: 30_000 });
    await confirm.getByRole('button', { name: t.t('common.yes') }).click();
    await page.locator('.webchat__bubble', { hasText: t.t('signout.done').split(/['"]/)[0] as string }).first().waitFor({ timeout: 30_000 });
    await page.locator('#chat[data-state="error"]').waitFor({ timeout: 30_000 });
    assert.match(String(await page.locator('#chat-status').textContent()), /sign in again/i);
    await page.close();
  });

  it('Sign out ends the chat on the server too: back to the sign-in panel, with no warning', async function () {
    const user = await demoUserNamed('james');
    const page = await browser.newPage();
    let signedOut = 0;
    page.on('response', (response) => {
      if (response.url().endsWith('/api/demo/signout') && response.status() === 204) signedOut += 1;
    });
    await signIn(page, user.userPrincipalName, user.password);
    await page.locator('#chat[data-state="ready"]').waitFor({ timeout: 30_000 });
    await page.locator('#signout-button').click();
    await page.locator('#signin-panel').waitFor();
    assert.equal(signedOut, 1, 'the server was told');
    assert.equal(await page.locator('#demo-notice').textContent(), '', 'no "could not be reached" warning');
    await page.close();
  });

  it('changes the password through a card; the card is cleared once sent', async function () {
    const user = await demoUserNamed('james');
    const t = translator('en');
    const next = 'Harbor-Lantern-Quiet-61';
    const page = await browser.newPage();
    await signIn(page, user.userPrincipalName, user.password);
    await page.locator('#chat[data-state="ready"]').waitFor({ timeout: 30_000 });
    const input = page.getByRole('textbox').last();
    await input.fill('I want to change my password');
    await input.press('Enter');
    const card = page.locator('.ac-adaptiveCard', { hasText: t.t('passwordChange.heading') }).last();
    await card.waitFor({ timeout: 30_000 });
    const fields = card.locator('input[type="password"]');
    assert.equal(await fields.count(), 3, 'three password inputs');
    await fields.nth(0).fill(user.password);
    await fields.nth(1).fill(next);
    await fields.nth(2).fill(next);
    await card.getByRole('button', { name: t.t('password.changeButton') }).click();
    await page.locator('.webchat__bubble', { hasText: t.t('passwordChange.done').slice(0, 40) }).first().waitFor({ timeout: 30_000 });
    assert.ok(await app.directory.verifyPassword(String(user.id), next));
    await page.locator('.ac-adaptiveCard', { hasText: t.t('card.received') }).first().waitFor({ timeout: 10_000 });
    assert.equal(await page.locator('#chat input[type="password"]').count(), 0, 'no password input is left on screen');
    await page.close();
  });

  it('resets a forgotten password without signing in, with the code from the demo phone', async function () {
    const user = await demoUserNamed('emily');
    const t = translator('en');
    const next = 'Meadow-Compass-Bright-27';
    const page = await browser.newPage();
    await page.goto(`${app.url}/`);
    await page.locator('#anonymous-button:not([disabled])').click();
    await page.locator('#chat[data-state="ready"]').waitFor({ timeout: 30_000 });
    // Nothing to type: "I can't sign in" starts the reset, asking for the account first.
    const ask = page.locator('.ac-adaptiveCard', { hasText: t.t('passwordReset.askAccount') }).last();
    await ask.waitFor({ timeout: 30_000 });
    await ask.locator('input').first().fill(user.userPrincipalName);
    await ask.getByRole('button', { name: t.t('common.continue') }).click();
    const codeCard = page.locator('.ac-adaptiveCard', { hasText: t.t('code.heading') }).last();
    await codeCard.waitFor({ timeout: 30_000 });
    const outbox = (await (await fetch(`${app.url}/api/dev/outbox?user=${user.userPrincipalName}`)).json()) as { text: string }[];
    const code = codeIn(outbox.at(-1)?.text);
    await codeCard.locator('input').first().fill(code);
    await codeCard.getByRole('button', { name: t.t('code.verify') }).click();
    const fresh = page.locator('.ac-adaptiveCard', { hasText: t.t('passwordReset.newHeading') }).last();
    await fresh.waitFor({ timeout: 30_000 });
    await fresh.locator('input[type="password"]').nth(0).fill(next);
    await fresh.locator('input[type="password"]').nth(1).fill(next);
    await fresh.getByRole('button', { name: t.t('password.resetButton') }).click();
    await page.locator('.webchat__bubble', { hasText: t.t('passwordReset.done').slice(0, 40) }).first().waitFor({ timeout: 30_000 });
    assert.ok(await app.directory.verifyPassword(String(user.id), next));
    await page.close();
  });

  for (const [locale, name] of [['fr', 'claire'], ['nl', 'pieter'], ['sv', 'ingrid']] as const) {
    it(`"I can't sign in" in a ${locale} browser: the reset starts in ${locale} and reaches the code step`, async function () {
      const user = await demoUserNamed(name);
      const t = translator(locale);
      const context = await browser.newContext({ locale: `${locale}-${locale === 'sv' ? 'SE' : locale.toUpperCase()}` });
      try {
        const page = await context.newPage();
        await page.goto(`${app.url}/`);
        await page.locator('#anonymous-button:not([disabled])').click();
        const organization = 'Contoso';
        await page.locator('.webchat__bubble', { hasText: t.t('welcome.cannotSignIn', { organization }).split(/['"]/)[0] as string }).first().waitFor({ timeout: 30_000 });
        const ask = page.locator('.ac-adaptiveCard', { hasText: t.t('passwordReset.askAccount') }).last();
        await ask.waitFor({ timeout: 30_000 });
        await ask.locator('input').first().fill(user.userPrincipalName);
        await ask.getByRole('button', { name: t.t('common.continue') }).click();
        await page.locator('.ac-adaptiveCard', { hasText: t.t('code.heading') }).last().waitFor({ timeout: 30_000 });
      } finally {
        await context.close();
      }
    });
  }

  it('shows the devices and disables one from its button, after the confirmation', async function () {
    const user = await demoUserNamed('oliver');
    const t = translator('en');
    const page = await browser.newPage();
    await signIn(page, user.userPrincipalName, user.password);
    await page.locator('#chat[data-state="ready"]').waitFor({ timeout: 30_000 });
    const input = page.getByRole('textbox').last();
    await input.fill('which devices are registered to me?');
    await input.press('Enter');
    const list = page.locator('.ac-adaptiveCard', { hasText: t.t('devices.heading') }).last();
    await list.waitFor({ timeout: 30_000 });
    const device = (await app.directory.listDevices(String(user.id))).find((d) => d.accountEnabled);
    assert.ok(device);
    await list.getByRole('button', { name: t.t('devices.disableButton', { device: device.displayName }) }).click();
    // Web Chat's typographer curls apostrophes: match the text up to the first one.
    const confirm = page.locator('.ac-adaptiveCard', { hasText: t.t('devices.cannotUndo').split(/['"]/)[0] as string }).last();
    await confirm.waitFor({ timeout: 30_000 });
    await confirm.getByRole('button', { name: t.t('devices.disableNow') }).click();
    await page.locator('.ac-adaptiveCard', { hasText: t.t('devices.done.disabled', { device: device.displayName }) }).first().waitFor({ timeout: 30_000 });
    assert.equal((await app.directory.listDevices(String(user.id))).find((d) => d.id === device.id)?.accountEnabled, false);
    await page.close();
  });

  it('an employee opens a ticket on one page; the agent on another gets it, assigns it, and the employee is told', async function () {
    const t = translator('en');
    const agentId = (await app.directory.tenant()).helpdesk.agents[0] ?? '';
    const agentUser = await demoUser((u) => u.id === agentId);
    // A French employee and an English agent: each is spoken to in their own language.
    const employee = await demoUserNamed('claire');
    const fr = translator('fr');
    const agentPage = await (await browser.newContext()).newPage();
    await signIn(agentPage, agentUser.userPrincipalName, agentUser.password);
    await agentPage.locator('#chat[data-state="ready"]').waitFor({ timeout: 30_000 });
    const agentInput = agentPage.getByRole('textbox').last();
    await agentInput.fill('hello');
    await agentInput.press('Enter');
    await agentPage.locator('.ac-adaptiveCard', { hasText: t.t('menu.title') }).last().waitFor({ timeout: 30_000 });

    const page = await (await browser.newContext()).newPage();
    await signIn(page, employee.userPrincipalName, employee.password);
    await page.locator('#chat[data-state="ready"]').waitFor({ timeout: 30_000 });
    const input = page.getByRole('textbox').last();
    await input.fill(phrases.fr.helpdesk);
    await input.press('Enter');
    const ask = page.locator('.ac-adaptiveCard', { hasText: fr.t('helpdesk.heading') }).last();
    await ask.waitFor({ timeout: 30_000 });
    await ask.getByRole('textbox').fill('La photo de mon badge est fausse');
    await ask.getByRole('button', { name: fr.t('common.continue') }).click();
    const summary = page.locator('.ac-adaptiveCard', { hasText: fr.t('helpdesk.summaryHeading') }).last();
    await summary.waitFor({ timeout: 30_000 });
    await summary.getByRole('button', { name: fr.t('helpdesk.send') }).click();
    await page.locator('.ac-adaptiveCard', { hasText: 'INC-' }).last().waitFor({ timeout: 30_000 });
    const [ticket] = await app.tickets.listForUser(String(employee.id));
    assert.ok(ticket, 'the ticket was created');

    const posted = agentPage.locator('.ac-adaptiveCard', { hasText: t.t('ticket.heading', { number: ticket.number }) }).last();
    await posted.waitFor({ timeout: 30_000 });
    await posted.getByRole('button', { name: t.t('agent.act.assign') }).click();
    const agentName = (await app.directory.findUserById(agentId))?.displayName ?? '';
    await page.locator('.webchat__bubble', { hasText: fr.t('ticket.user.assigned', { number: ticket.number, agent: agentName }).split(/['"’«»]/)[0] as string }).first().waitFor({ timeout: 30_000 });
    await agentPage.close();
    await page.close();
  });

  it('refuses a wrong password with a visible message', async function () {
    const user = await demoUser();
    const page = await browser.newPage();
    await signIn(page, user.userPrincipalName, 'certainly-wrong');
    const error = page.locator('#signin-error');
    // A locator, not a string predicate: the page's policy allows no eval, and a string would be evaluated.
    await page.locator('#signin-error').filter({ hasText: /\S/ }).waitFor();
    assert.match(await error.innerText(), /do not match/);
    assert.equal(await page.locator('#chat[data-state="ready"]').count(), 0);
    await page.close();
  });

  it('on a phone, the demo phone opens over the chat from the header, with a badge for what arrived', async function () {
    // A user no other test sends anything to: the first message of an empty phone counts too.
    const user = await demoUserNamed('margaux');
    const t = translator('en');
    const page = await browser.newPage({ viewport: { width: 375, height: 740 } });
    await page.goto(`${app.url}/`);
    await page.locator('#account:not([disabled])').waitFor();
    await page.selectOption('#account', user.userPrincipalName);
    await page.locator('#anonymous-button').click();
    await page.locator('#chat[data-state="ready"]').waitFor({ timeout: 30_000 });
    const toggle = page.locator('#outbox-toggle');
    assert.ok(await toggle.isVisible(), 'the header has the demo phone button');
    assert.equal(await page.locator('#outbox').isVisible(), false, 'closed at first');
    const ask = page.locator('.ac-adaptiveCard', { hasText: t.t('passwordReset.askAccount') }).last();
    await ask.waitFor({ timeout: 30_000 });
    await ask.locator('input').first().fill(user.userPrincipalName);
    await ask.getByRole('button', { name: t.t('common.continue') }).click();
    await page.locator('#outbox-badge:not([hidden])').waitFor({ timeout: 30_000 });
    assert.equal(await page.locator('#outbox-badge').textContent(), '1');
    await toggle.click();
    const item = page.locator('#outbox-list .outbox-item').first();
    await item.waitFor();
    const box = await item.boundingBox();
    assert.ok(box && box.y >= 0 && box.y + box.height <= 740 && box.x >= 0 && box.x + box.width <= 375, `the message is on screen: ${JSON.stringify(box)}`);
    assert.match(String(await item.textContent()), /\d{6}/);
    assert.equal(await page.locator('#outbox-badge').isVisible(), false, 'the badge is gone once seen');
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
    await page.keyboard.press('Escape');
    assert.equal(await page.locator('#outbox').isVisible(), false, 'Escape closes it');
    await page.close();
  });

  it('fits a phone-width screen without horizontal scrolling', async function () {
    const page = await browser.newPage({ viewport: { width: 375, height: 740 } });
    await page.goto(`${app.url}/`);
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    assert.ok(overflow <= 0, `horizontal overflow of ${overflow}px`);
    await page.close();
  });
});

// Text from the directory on the real web chat page, in Chromium: a name and a job title written to
// look like links, markup and an image show as the text they are. Web Chat passes card texts through
// markdown-it with linkify on, so this is proven in the browser, not only on the card's JSON.
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { translator } from '../../bot/core/i18n/i18n.js';
import { demoSeed, tempDir } from '../helpers.js';
import { startTestApp, type TestApp } from '../testApp.js';
import { launchChromium } from './pageHarness.js';

describe('web chat page in Chromium: hostile directory text', function () {
  this.timeout(90_000);
  let running: TestApp | undefined;
  let browser: Browser | undefined;
  let removeSeed: (() => Promise<void>) | undefined;
  const displayName = 'Mallory https://evil.example/reset [click](https://evil.example/x) **bold**';
  const jobTitle = 'Buyer ![i](https://evil.example/a.png) see evil.example/y';
  let upn = '';
  let password = '';

  before(async function () {
    const seed = structuredClone(await demoSeed()) as { users: Record<string, unknown>[] };
    const user = seed.users.find((u) => typeof u.password === 'string' && String(u.preferredLanguage).startsWith('en'));
    assert.ok(user);
    Object.assign(user, { displayName, jobTitle });
    upn = String(user.userPrincipalName);
    password = String(user.password);
    const dir = await tempDir();
    removeSeed = dir.remove;
    const seedFile = path.join(dir.dir, 'seed.json');
    await writeFile(seedFile, JSON.stringify(seed));
    running = await startTestApp({ TENANT_SEED: seedFile });
    browser = await launchChromium();
  });
  after(async function () {
    await browser?.close();
    await running?.stop();
    await removeSeed?.();
  });

  it('a name and a job title with links, markup and an image show as text: no link, no image, nothing fetched', async function () {
    const app = running?.app;
    assert.ok(app && browser);
    const page = await browser.newPage();
    const outside: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(app.url)) outside.push(request.url());
    });
    await page.goto(`${app.url}/`);
    await page.locator('#account:not([disabled])').waitFor();
    await page.selectOption('#account', upn);
    await page.fill('#password', password);
    await page.click('#signin-button');
    await page.locator('#chat[data-state="ready"]').waitFor({ timeout: 30_000 });
    const input = page.getByRole('textbox').last();
    await input.fill('show my profile');
    await input.press('Enter');
    const card = page.locator('.ac-adaptiveCard', { hasText: translator('en').t('profile.heading') });
    await card.waitFor({ timeout: 30_000 });
    const text = await card.innerText();
    assert.ok(text.includes(displayName), text);
    assert.ok(text.includes(jobTitle), text);
    const links = await Promise.all((await card.locator('a').all()).map(async (a) => (await a.getAttribute('href')) ?? ''));
    assert.deepEqual(links.filter((href) => href.includes('evil.example')), [], 'no link to the names\' sites');
    assert.equal(await card.locator('img[src*="evil.example"]').count(), 0, 'no image from them');
    assert.deepEqual(outside.filter((url) => url.includes('evil.example')), [], 'nothing fetched from them');
    await page.close();
  });
});

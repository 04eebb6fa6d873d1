// The Teams tab "My account" in Debian's Chromium. Outside Teams (opened on its own, or framed by a
// page that never answers teams-js) it says to open it in Teams instead of waiting. Framed by a
// page shaped like a Teams client at https://teams.microsoft.com (test/fakes/teamsHost.ts, served
// through a Playwright route), it signs in with the token that host hands over (made by the test
// issuer), shows the user's profile, methods, devices and tickets in Teams' language (not the
// browser's), opens the chat on the right goal with the phrase in that language, fits a 375 px
// phone (pictures in artifacts/teams-tab/), follows Teams' theme, breaks none of its content security policy, and axe-core finds no
// serious or critical violation in it (light and dark).
import assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Browser, Frame, Page } from 'playwright-core';
import type { RunningApp } from '../../bot/app.js';
import { translator, type Locale } from '../../bot/core/i18n/i18n.js';
import { paths } from '../../bot/paths.js';
import { startOidcIssuer, type OidcIssuer } from '../fakes/oidcIssuer.js';
import { teamsHostPage } from '../fakes/teamsHost.js';
import { demoUserNamed } from '../helpers.js';
import { startTestApp, type TestApp } from '../testApp.js';
import { launchChromium } from './pageHarness.js';

const require = createRequire(import.meta.url);
const axePath = require.resolve('axe-core/axe.min.js');
const tenantId = '8a1f0c2e-4b7d-4c55-9e0a-2f6b1d3c9e71';
const appId = '5d2e7c41-93b8-4f6a-b0d2-7a1c3e5f9b28';
const hostUrl = 'https://teams.microsoft.com/_test/personal-tab';
/** Where the tab is photographed in Teams (one picture a language, width and theme). */
const shots = path.join(paths.root, 'artifacts', 'teams-tab');
/**
 * The fake Teams client is a public origin and the tab is on this machine: Chromium lets such a
 * page frame a local one only with the local network access permission, granted as a user would
 * (in Teams the tab is on the bot's public domain, where the check does not apply).
 */
const inTeams = ['local-network-access'];

/** What the fake host page keeps, and the pages' own globals, seen from the test. */
interface HostWindow { teamsHostRequests: { func: string; args: unknown[] }[] }
interface PageGlobals { document: { documentElement: { scrollWidth: number; clientWidth: number } } }

interface AxeFinding { id: string; impact: string | null; nodes: { target: string[] }[] }

describe('Teams tab "My account" in Chromium', function () {
  this.timeout(120_000);
  let issuer: OidcIssuer;
  let running: TestApp;
  let app: RunningApp;
  let browser: Browser;
  let axeSource: string;
  let anna: Awaited<ReturnType<typeof demoUserNamed>>;
  let ticketNumber: string;
  const ticketCreated = new Date();

  before(async function () {
    issuer = await startOidcIssuer(tenantId);
    running = await startTestApp({
      HOST: '127.0.0.1', MicrosoftAppId: appId, MicrosoftAppPassword: 'not-used-here', MicrosoftAppTenantId: tenantId, MicrosoftAppType: 'SingleTenant',
      WEB_SIGNIN_AUTHORITY_HOST: issuer.authorityHost,
    });
    app = running.app;
    anna = await demoUserNamed('anna');
    ticketNumber = (await app.tickets.create({
      userId: anna.id, userDisplayName: anna.displayName, channel: 'msteams', locale: 'en', category: 'device', description: 'laptop', context: {}, transcript: [],
    }, ticketCreated)).number;
    axeSource = await readFile(axePath, 'utf8');
    await mkdir(shots, { recursive: true });
    browser = await launchChromium();
  });
  after(async function () {
    await browser?.close();
    await running?.stop();
    await issuer?.stop();
  });

  /** Content security policy reports of a page and its frames. */
  function policyViolations(page: Page): string[] {
    const seen: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) seen.push(message.text());
    });
    return seen;
  }

  /** Serves the fake Teams client at a Teams origin, framing the tab. */
  async function openInTeams(page: Page, locale: Locale, token: string | undefined, theme: 'default' | 'dark' = 'default'): Promise<Frame> {
    await page.route(hostUrl, (route) => route.fulfill({
      status: 200, contentType: 'text/html; charset=utf-8',
      body: teamsHostPage({ tabUrl: `${app.url}/tab/`, locale: `${locale}-${locale === 'en' ? 'GB' : locale.toUpperCase()}`, userObjectId: anna.id, tenantId, token, theme }),
    }));
    await page.goto(hostUrl);
    const frameElement = await page.waitForSelector('iframe');
    const frame = await frameElement.contentFrame();
    assert.ok(frame, 'the tab is framed');
    return frame;
  }

  it('opened outside Teams it says to open it in Teams, in the browser\'s language', async function () {
    for (const locale of ['en', 'nl'] as Locale[]) {
      const t = translator(locale);
      const context = await browser.newContext({ locale });
      try {
        const page = await context.newPage();
        const started = Date.now();
        await page.goto(`${app.url}/tab/`);
        await page.getByRole('heading', { level: 2, name: t.t('tab.outsideTeams.heading') }).waitFor({ timeout: 15_000 });
        assert.ok(Date.now() - started < 10_000, 'no wait for a host that is not there');
        assert.equal(await page.getByRole('link', { name: t.t('tab.outsideTeams.webChat') }).getAttribute('href'), '/');
        assert.equal(await page.locator('html').getAttribute('lang'), locale);
        assert.equal(await page.locator('#account').isVisible(), false);
      } finally {
        await context.close();
      }
    }
  });

  it('framed by a page that never answers teams-js, it says so after a few seconds instead of hanging', async function () {
    const context = await browser.newContext({ locale: 'en-GB' });
    try {
      const page = await context.newPage();
      // Same origin, so the tab's policy lets it frame the tab; it just never answers.
      const silent = `${app.url}/_test/silent-host`;
      await page.route(silent, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: `<!doctype html><title>host</title><iframe title="tab" src="${app.url}/tab/"></iframe>` }));
      await page.goto(silent);
      const frame = await (await page.waitForSelector('iframe')).contentFrame();
      assert.ok(frame);
      await frame.getByRole('heading', { name: translator('en').t('tab.outsideTeams.heading') }).waitFor({ timeout: 15_000 });
    } finally {
      await context.close();
    }
  });

  for (const [locale, width, theme] of [['fr', 375, 'default'], ['en', 1024, 'default'], ['sv', 375, 'dark']] as [Locale, number, 'default' | 'dark'][]) {
    it(`inside Teams (${locale}, ${width} px, ${theme} theme): the user's own account, chat links on the right goal, no policy breach, no serious axe finding`, async function () {
      const t = translator(locale);
      // The browser says English: the language must come from Teams' context.
      const context = await browser.newContext({ locale: 'en-US', viewport: { width, height: 800 }, permissions: inTeams });
      try {
        const page = await context.newPage();
        const violations = policyViolations(page);
        const frame = await openInTeams(page, locale, await issuer.sign({ aud: appId, oid: anna.id, scp: 'access_as_user' }), theme);
        await frame.getByRole('heading', { level: 2, name: t.t('tab.profile.heading') }).waitFor({ timeout: 20_000 });
        await frame.locator('#account').waitFor({ state: 'visible', timeout: 20_000 });
        assert.equal(await frame.locator('html').getAttribute('lang'), locale);
        assert.equal(await frame.locator('html').getAttribute('data-theme'), theme, 'Teams\' theme');
        assert.equal(await frame.locator('#profile-name').textContent(), anna.displayName);
        assert.ok(await frame.getByText(anna.userPrincipalName).first().isVisible());
        const methods = await app.directory.listAuthenticationMethods(anna.id);
        assert.equal(await frame.locator('#methods-list li').count(), methods.length);
        const devices = (await app.directory.listDevices(anna.id)).filter((d) => d.accountEnabled);
        assert.equal(await frame.locator('#devices-list li').count(), devices.length);
        const tickets = frame.locator('#tickets-list li');
        assert.equal(await tickets.count(), 1);
        assert.match(String(await tickets.first().textContent()), new RegExp(`${ticketNumber}.*${t.t('ticket.category.device')}`));
        // Its date in Teams' regional format (the host says en-GB, fr-FR, sv-SE), not the browser's en-US.
        const updated = new Intl.DateTimeFormat(`${locale}-${locale === 'en' ? 'GB' : locale.toUpperCase()}`, { dateStyle: 'medium' }).format(ticketCreated);
        assert.ok(String(await tickets.first().textContent()).includes(updated), `${updated} in ${await tickets.first().textContent()}`);
        for (const key of ['tab.methods.heading', 'tab.devices.heading', 'tab.tickets.heading']) {
          assert.ok(await frame.getByRole('heading', { level: 2, name: t.t(key) }).isVisible(), key);
        }

        // Each item opens the chat with the bot, the phrase of its goal in the user's language.
        for (const [item, ask] of [['tab.open.profile', 'tab.ask.profile'], ['tab.open.methods', 'tab.ask.methods'], ['tab.open.devices', 'tab.ask.devices'], ['tab.open.tickets', 'tab.ask.tickets']] as const) {
          await frame.getByRole('button', { name: t.t(item), exact: true }).click();
          const link = await page.waitForFunction(() => (globalThis as unknown as HostWindow).teamsHostRequests.find((r) => r.func === 'executeDeepLink')?.args[0]);
          const url = new URL(String(await link.jsonValue()));
          assert.equal(url.searchParams.get('users'), `28:${appId}`, item);
          assert.equal(url.searchParams.get('message'), t.t(ask), item);
          await page.evaluate(() => {
            (globalThis as unknown as HostWindow).teamsHostRequests.length = 0;
          });
        }
        assert.equal(await frame.locator('#open-error').textContent(), '');

        // A phone's width: nothing wider than the screen.
        const overflow = await frame.evaluate(() => {
          const root = (globalThis as unknown as PageGlobals).document.documentElement;
          return root.scrollWidth - root.clientWidth;
        });
        assert.ok(overflow <= 0, `${overflow} px wider than the frame`);
        assert.deepEqual(violations, []);
        await page.screenshot({ path: path.join(shots, `${locale}-${width}-${theme}.png`), fullPage: true, animations: 'disabled' });

        await frame.evaluate(axeSource);
        const findings = await frame.evaluate(async () => {
          const page = globalThis as unknown as PageGlobals & { axe: { run: (context: unknown, options: unknown) => Promise<{ violations: AxeFinding[] }> } };
          return (await page.axe.run(page.document, { resultTypes: ['violations'] })).violations;
        });
        const serious = findings.filter((f) => f.impact === 'serious' || f.impact === 'critical');
        assert.deepEqual(serious.map((f) => `${f.id}: ${f.nodes.map((n) => n.target.join(' ')).join(', ')}`), []);
      } finally {
        await context.close();
      }
    });
  }

  it('inside Teams without a token (no consent), it says the sign-in could not be verified and offers to try again', async function () {
    const context = await browser.newContext({ locale: 'fr-FR', permissions: inTeams });
    try {
      const page = await context.newPage();
      const frame = await openInTeams(page, 'fr', undefined);
      const t = translator('fr');
      await frame.getByRole('alert').filter({ hasText: t.t('tab.notSignedIn') }).waitFor({ timeout: 20_000 });
      assert.ok(await frame.getByRole('button', { name: t.t('tab.retry') }).isVisible());
      assert.equal(await frame.locator('#account').isVisible(), false);
    } finally {
      await context.close();
    }
  });
});

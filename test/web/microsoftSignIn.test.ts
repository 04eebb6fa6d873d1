// The page's "Sign in with Microsoft" in Debian's Chromium, with the server set up for an
// Entra-shaped issuer on loopback: the button is offered beside the demo sign-in, the page's policy
// lets MSAL reach the authority and nothing else, MSAL is served by this server and starts, and
// what it refuses is said on the page. (MSAL signs in only against an https authority, which
// cannot run here; the server's checks of the ID token are tested over HTTP.)
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import type { RunningApp } from '../../bot/app.js';
import { startOidcIssuer, type OidcIssuer } from '../fakes/oidcIssuer.js';
import { startTestApp, type TestApp } from '../testApp.js';
import { launchChromium } from './pageHarness.js';

const tenantId = '8a1f0c2e-4b7d-4c55-9e0a-2f6b1d3c9e71';
const clientId = '3c9b2d10-7e44-4f0b-a1c2-5d6e7f809a1b';

describe('web page: Sign in with Microsoft in Chromium', function () {
  this.timeout(90_000);
  let issuer: OidcIssuer;
  let running: TestApp;
  let app: RunningApp;
  let browser: Browser;

  before(async function () {
    issuer = await startOidcIssuer(tenantId);
    running = await startTestApp({ WEB_SIGNIN_CLIENT_ID: clientId, WEB_SIGNIN_TENANT_ID: tenantId, WEB_SIGNIN_AUTHORITY_HOST: issuer.authorityHost });
    app = running.app;
    browser = await launchChromium();
  });
  after(async function () {
    await browser?.close();
    await running?.stop();
    await issuer?.stop();
  });

  it('offers the button beside the demo sign-in; MSAL is served here and starts; its refusal is shown', async function () {
    const page = await browser.newPage();
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    const response = await page.goto(`${app.url}/`);
    const policy = response?.headers()['content-security-policy'] ?? '';
    assert.match(policy, new RegExp(`connect-src 'self' ${issuer.authorityHost.replace(/[.:/]/g, '\\$&')}(;|$)`));
    const button = page.getByRole('button', { name: 'Sign in with Microsoft' });
    await button.waitFor();
    assert.ok(await page.locator('#account').isVisible(), 'the demo sign-in stays, for the demo tenant');
    await button.click();
    // MSAL loaded from this server, then refused the http authority of the test issuer.
    await page.locator('#microsoft-error:not(:empty)').waitFor({ timeout: 30_000 });
    assert.equal(await page.evaluate('typeof window.msal'), 'object');
    assert.match(String(await page.locator('#microsoft-error').textContent()), /authority|insecure/i);
    assert.deepEqual(violations, []);
    const bridge = await page.request.get(`${app.url}/signin-redirect.html`);
    assert.equal(bridge.status(), 200);
    assert.match(await bridge.text(), /msal-redirect-bridge\.js/);
    await page.close();
  });

  it('without the settings the page shows no Microsoft button', async function () {
    const other = await startTestApp();
    try {
      const page = await browser.newPage();
      await page.goto(`${other.app.url}/`);
      await page.locator('#account:not([disabled])').waitFor();
      assert.equal(await page.locator('#microsoft-signin').isVisible(), false);
      await page.close();
    } finally {
      await other.stop();
    }
  });
});

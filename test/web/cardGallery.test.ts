// Every card and form the bot can send, rendered by Web Chat on the real page (its styles, its
// chat theme and host config) in Debian's Chromium: in four languages, at 1280 and 375 px, light
// and dark. In each: every input has a visible label, nothing scrolls sideways, no card has two
// actions with the same accessible name, and axe-core finds no serious or critical violation in
// the cards. At phone width each card is photographed too, to artifacts/card-gallery/.
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import type { RunningApp } from '../../bot/app.js';
import { supportedLocales, translator } from '../../bot/core/i18n/i18n.js';
import { paths } from '../../bot/paths.js';
import type { CardAttachment } from '../../cards/renderer.js';
import { cardsShowing, formsWithoutData } from '../cards/cardGallery.js';
import { startTestApp, type TestApp } from '../testApp.js';
import { launchChromium } from './pageHarness.js';

const require = createRequire(import.meta.url);
/** Where cards break first: each is also photographed at this width. */
const phoneWidth = 375;
const axePath = require.resolve('axe-core/axe.min.js');
export const galleryShots = path.join(paths.root, 'artifacts', 'card-gallery');

/** The page side of the gallery (plain browser script): galleryShow, galleryShown, galleryInspect, galleryAxe. */
const galleryScript = path.join(paths.root, 'test', 'web', 'page', 'cardGallery.js');

interface GalleryPage {
  galleryShow(cards: readonly (readonly [string, CardAttachment])[], locale: string): Promise<void>;
  galleryShown(): number;
  galleryInspect(names: readonly string[]): string[];
  galleryAxe(): Promise<string[]>;
}

describe('card gallery in Chromium', function () {
  this.timeout(120_000);
  let running: TestApp;
  let app: RunningApp;
  let browser: Browser;

  before(async function () {
    running = await startTestApp();
    app = running.app;
    browser = await launchChromium();
    await mkdir(galleryShots, { recursive: true });
  });
  after(async function () {
    await browser?.close();
    await running?.stop();
  });

  for (const locale of supportedLocales) {
    for (const width of [1280, phoneWidth]) {
      for (const scheme of ['light', 'dark'] as const) {
        it(`${locale}, ${width} px, ${scheme}: labels visible, nothing sideways, actions named apart, no serious axe finding`, async function () {
          const t = translator(locale);
          const cards = Object.entries({ ...cardsShowing(t, 'Anna de Boer-Lindqvist'), ...formsWithoutData(t) });
          const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme, locale, bypassCSP: true });
          try {
            const page = await context.newPage();
            await page.goto(app.url);
            await page.addScriptTag({ path: axePath });
            await page.addScriptTag({ path: galleryScript });
            await page.evaluate(([shown, language]) => (globalThis as unknown as GalleryPage).galleryShow(shown, language), [cards, locale] as const);
            await page.waitForFunction((count) => (globalThis as unknown as GalleryPage).galleryShown() >= count, cards.length, { timeout: 30_000 });
            const findings = await page.evaluate((names) => (globalThis as unknown as GalleryPage).galleryInspect(names), cards.map(([name]) => name));
            const violations = await page.evaluate(() => (globalThis as unknown as GalleryPage).galleryAxe());
            if (width === phoneWidth) {
              const rendered = page.locator('.ac-adaptiveCard');
              for (const [i, [name]] of cards.entries()) await rendered.nth(i).screenshot({ path: path.join(galleryShots, `${locale}-${scheme}-${name}.png`), animations: 'disabled' });
            }
            const problems = [...findings, ...violations];
            assert.deepEqual(problems, []);
          } finally {
            await context.close();
          }
        });
      }
    }
  }
});

// What the browser tests share: Debian's Chromium (never a downloaded browser) with the flags that
// run here. The bot they point it at comes from test/testApp.ts.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

const chromiumPath = '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  assert.ok(existsSync(chromiumPath), 'Debian chromium is installed (.ci/run installs it)');
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

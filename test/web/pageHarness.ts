// What the browser tests share: Debian's Chromium (never a downloaded browser) with the flags that
// run here, and a bot on a fresh DATA_DIR to point it at.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { startApp, type RunningApp } from '../../bot/app.js';
import { loadConfig } from '../../bot/config.js';
import { silentLogger } from '../../bot/logger.js';
import { sharedRecognizer } from '../dialogs/harness.js';
import { tempDir } from '../helpers.js';

const chromiumPath = '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  assert.ok(existsSync(chromiumPath), 'Debian chromium is installed (.ci/run installs it)');
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export interface PageApp {
  readonly app: RunningApp;
  stop(): Promise<void>;
}

/** The bot on a fresh DATA_DIR, with these settings over local mode's. */
export async function startPageApp(env: NodeJS.ProcessEnv = {}): Promise<PageApp> {
  const data = await tempDir();
  const app = await startApp(loadConfig({ PORT: '0', DATA_DIR: data.dir, ...env }), silentLogger, { recognizer: await sharedRecognizer() });
  return {
    app,
    async stop() {
      await app.stop();
      await data.remove();
    },
  };
}

// The bot as the HTTP, Direct Line and browser tests start it: local mode on a fresh DATA_DIR,
// with the shared recognizer, and these settings over the defaults.
import { startApp, type AppOptions, type RunningApp } from '../bot/app.js';
import { loadConfig } from '../bot/config.js';
import { silentLogger } from '../bot/logger.js';
import { sharedRecognizer } from './dialogs/harness.js';
import { tempDir } from './helpers.js';

export interface TestApp {
  readonly app: RunningApp;
  /** Stops the bot and removes its DATA_DIR. */
  stop(): Promise<void>;
}

export async function startTestApp(env: NodeJS.ProcessEnv = {}, options: AppOptions = {}): Promise<TestApp> {
  const data = await tempDir();
  const app = await startApp(loadConfig({ PORT: '0', DATA_DIR: data.dir, ...env }), silentLogger, { recognizer: await sharedRecognizer(), ...options });
  return {
    app,
    async stop() {
      await app.stop();
      await data.remove();
    },
  };
}

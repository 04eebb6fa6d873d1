// Entry point: read the configuration, start the bot, stop cleanly on SIGTERM / SIGINT.
import { ConfigError, loadConfig } from './config.js';
import { SeedError } from './adapters/embedded/tenantSeed.js';
import { startApp } from './app.js';
import { createLogger } from './logger.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Cannot start: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  try {
    const app = await startApp(config, logger);
    process.stdout.write(`Account assistant ready on ${app.url} (web chat at ${app.url}/)\n`);
    const shutdown = (signal: string): void => {
      logger.info('shutting down', { signal });
      app.stop().then(() => process.exit(0), (error: unknown) => {
        logger.error('shutdown failed', { error });
        process.exit(1);
      });
    };
    process.once('SIGTERM', () => shutdown('SIGTERM'));
    process.once('SIGINT', () => shutdown('SIGINT'));
  } catch (error) {
    if (error instanceof SeedError) {
      process.stderr.write(`Cannot start: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`Cannot start: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});

// Local mode only (no app credentials): the demo sign-in, the dev outbox and the bot's own Direct
// Line for the web chat page, mounted on the server the bot already listens on.
import type { Activity } from 'botbuilder';
import type { Server } from 'restify';
import type { EmbeddedDirectory } from '../adapters/embedded/embeddedDirectory.js';
import type { Clock } from '../core/ports/clock.js';
import type { RecordStore } from '../core/ports/recordStore.js';
import type { VerificationStore } from '../core/ports/verificationStore.js';
import type { Passwords } from '../core/usecases/passwords.js';
import type { Logger } from '../logger.js';
import { mountDemoSignIn } from './demoSignIn.js';
import { mountDevOutbox, type Outbox } from './devOutbox.js';
import { DirectLine } from './directLine.js';
import type { SessionRegistry } from './sessions.js';

export interface LocalDemoParts {
  readonly directory: EmbeddedDirectory;
  readonly outbox: Outbox;
  readonly sessions: SessionRegistry;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Where files of earlier versions may be (demo-signin.json). */
  readonly dataDir: string;
  /** The store every instance shares, and the verification records in it. */
  readonly records: RecordStore;
  readonly verificationStore: VerificationStore;
  /** Counts the demo sign-in's wrong passwords with the chat's. */
  readonly passwords: Passwords;
  /** Hands an activity to the bot and resolves when its turn has ended. */
  readonly deliver: (activity: Partial<Activity>) => Promise<void>;
}

/** Mounts the local demo; returns what accepts its Direct Line streams and what stops them. */
export async function mountLocalDemo(server: Server, parts: LocalDemoParts): Promise<{ acceptUpgrade: DirectLine['handleUpgrade']; close(): void }> {
  await mountDemoSignIn(server, parts);
  mountDevOutbox(server, parts);
  const directLine = new DirectLine({
    sessions: parts.sessions,
    clock: parts.clock,
    logger: parts.logger,
    serviceUrl: () => `http://127.0.0.1:${server.address().port}/`,
    deliver: parts.deliver,
  });
  directLine.mount(server);
  return { acceptUpgrade: (req, socket, head) => directLine.handleUpgrade(req, socket, head), close: () => directLine.close() };
}

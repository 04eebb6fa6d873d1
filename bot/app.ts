// The composition root: the only place that knows which adapters serve the ports.
import { ConversationState, UserState, type Activity, type CloudAdapter, type StatePropertyAccessor, type Storage, type TurnContext } from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import type { Server } from 'restify';
import { RootDialog } from '../dialogs/rootDialog.js';
import { AccountBot } from './channel/accountBot.js';
import { ConversationHistory } from './turn/conversationHistory.js';
import type { TranscriptLine } from './core/ports/tickets.js';
import { createCloudAdapter } from './channel/cloudAdapter.js';
import { EmbeddedDirectory } from './adapters/embedded/embeddedDirectory.js';
import { OutboxNotifier } from './adapters/embedded/outboxNotifier.js';
import type { Config } from './config.js';
import { mountLocalDemo } from './localDemo/localDemo.js';
import { SessionRegistry } from './localDemo/sessions.js';
import { IdentityResolver, type WebChatSessions } from './turn/identity.js';
import type { Logger } from './logger.js';
import { NlpRecognizer, type IntentRecognizer } from './core/nlu/recognizer.js';
import { systemClock, type Clock } from './core/ports/clock.js';
import { EmbeddedAuditLog } from './adapters/embedded/embeddedAuditLog.js';
import { EmbeddedConversationReferences } from './adapters/embedded/embeddedConversationReferences.js';
import { EmbeddedTickets } from './adapters/embedded/embeddedTickets.js';
import { ProactiveMessenger, type ContinueConversation } from './channel/proactiveMessenger.js';
import type { ConversationReferences } from './core/ports/proactive.js';
import { EmbeddedVerificationStore } from './adapters/embedded/embeddedVerificationStore.js';
import type { AccountServices } from './core/usecases/services.js';
import { Verification } from './core/usecases/verification.js';
import { createServer, InFlight } from './channel/server.js';
import { FileStorage } from './channel/fileStorage.js';
import { TurnPreparation, type ConversationInfo, type UserPreferences } from './channel/turnPreparation.js';

export interface RunningApp {
  readonly url: string;
  readonly port: number;
  readonly directory: EmbeddedDirectory;
  readonly notifier: OutboxNotifier;
  readonly audit: EmbeddedAuditLog;
  readonly tickets: EmbeddedTickets;
  /** Stops taking requests, lets turns in progress finish, flushes the store. */
  stop(): Promise<void>;
}

export interface AppOptions {
  readonly recognizer?: IntentRecognizer;
  readonly clock?: Clock;
}

/** The embedded tenant's ports over DATA_DIR: directory, outbox, audit log and verification state. */
export async function embeddedServices(
  dataDir: string, directory: EmbeddedDirectory, clock: Clock, reach: { continueIn: ContinueConversation; logger: Logger },
): Promise<AccountServices & { notifier: OutboxNotifier; audit: EmbeddedAuditLog; tickets: EmbeddedTickets; references: EmbeddedConversationReferences }> {
  const notifier = await OutboxNotifier.open(dataDir, clock);
  const audit = await EmbeddedAuditLog.open(dataDir);
  const verification = new Verification(new EmbeddedVerificationStore(dataDir), notifier, clock, async () => (await directory.tenant()).policy);
  const tickets = await EmbeddedTickets.open(dataDir);
  const references = await EmbeddedConversationReferences.open(dataDir);
  const proactive = new ProactiveMessenger(references, reach.continueIn, reach.logger);
  return { directory, notifier, audit, verification, tickets, references, proactive, clock };
}

/** The bot and its state over a storage: what every host of the bot (server, tests) wires the same way. */
export function composeBot(parts: {
  services: AccountServices; references: ConversationReferences; recognizer: IntentRecognizer; storage: Storage; sessions?: WebChatSessions;
}): {
  bot: AccountBot; conversationState: ConversationState; dialogState: StatePropertyAccessor<DialogState>;
} {
  const { directory } = parts.services;
  const conversationState = new ConversationState(parts.storage);
  const userState = new UserState(parts.storage);
  const dialogState = conversationState.createProperty<DialogState>('dialogState');
  const preparation = new TurnPreparation(
    new IdentityResolver(directory, parts.sessions),
    parts.recognizer,
    userState.createProperty<UserPreferences>('preferences'),
    conversationState.createProperty<ConversationInfo>('conversation'),
  );
  const history = new ConversationHistory(conversationState.createProperty<TranscriptLine[]>('recentTurns'));
  const bot = new AccountBot({
    conversationState, userState, dialogState, rootDialog: new RootDialog(parts.services), preparation, directory, history, references: parts.references, now: () => parts.services.clock.now(),
  });
  return { bot, conversationState, dialogState };
}

export async function startApp(config: Config, logger: Logger, options: AppOptions = {}): Promise<RunningApp> {
  const clock = options.clock ?? systemClock;
  const directory = await EmbeddedDirectory.open({ dataDir: config.dataDir, seedFile: config.tenantSeed, logger, now: () => clock.now() });
  // Proactive messages go through the adapter, which is made once the bot exists.
  const late: { adapter?: CloudAdapter } = {};
  const continueIn: ContinueConversation = (reference, logic) => {
    if (!late.adapter) throw new Error('The adapter is not ready yet');
    return late.adapter.continueConversationAsync(config.microsoftApp.appId, reference, logic);
  };
  const services = await embeddedServices(config.dataDir, directory, clock, { continueIn, logger });
  const { notifier, audit, tickets } = services;
  const recognizer = options.recognizer ?? (await NlpRecognizer.load());
  const storage = FileStorage.inDataDir(config.dataDir);
  const sessions = config.localMode ? new SessionRegistry(clock) : undefined;
  const { bot, conversationState, dialogState } = composeBot({ services, references: services.references, recognizer, storage, sessions });
  const channelAdapter = createCloudAdapter({ config, logger, conversationState, dialogState });
  late.adapter = channelAdapter;
  const logic = (context: TurnContext): Promise<void> => bot.run(context);

  let ready = false;
  const inFlight = new InFlight();
  const server: Server = createServer(config, logger, inFlight, {
    processActivity: (req, res) => channelAdapter.process(req, res, logic),
    isReady: () => ready,
  });

  const localDemo = config.localMode && sessions
    ? mountLocalDemo(server, {
        directory, outbox: notifier, sessions, clock, logger,
        deliver: (activity) => inFlight.run(() => channelAdapter.processActivityDirect('', activity as Activity, logic)),
      })
    : undefined;

  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  ready = true;
  const port = (server.address()).port;
  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;
  logger.info('bot listening', { url, localMode: config.localMode, dataDir: config.dataDir });

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      ready = false;
      localDemo?.close();
      const closed = new Promise<void>((resolve) => server.server.close(() => resolve()));
      server.server.closeIdleConnections();
      await inFlight.idle(10_000);
      await storage.flush();
      server.server.closeAllConnections();
      await closed;
      logger.info('bot stopped');
    })());
  return { url, port, directory, notifier, audit, tickets, stop };
}

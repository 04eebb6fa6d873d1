// The composition root: the only place that knows which adapters serve the ports. It opens the
// embedded tenant in DATA_DIR, the record store and the state storage that STORAGE chooses (files
// in DATA_DIR, or an Azure Storage account several instances share), builds the use cases,
// composes the bot, and serves it.
import path from 'node:path';
import type { Server } from 'restify';
import { EmbeddedDirectory, tenantInfoOf, termsOfUseOf } from './adapters/embedded/embeddedDirectory.js';
import { readSeedFile, seedAgreements } from './adapters/embedded/tenantSeed.js';
import { GraphClient } from './adapters/graph/graphClient.js';
import { GraphDirectory } from './adapters/graph/graphDirectory.js';
import { applicationTokens } from './adapters/graph/appTokens.js';
import type { AppTokenProvider, UserTokenProvider } from './core/ports/userTokens.js';
import type { Directory, HelpdeskContact } from './core/ports/directory.js';
import { FileRecords } from './adapters/embedded/fileRecords.js';
import { takeOverLegacyFiles } from './adapters/embedded/legacyFiles.js';
import { TableRecords } from './adapters/azure/tableRecords.js';
import { openBlobStateStorage } from './channel/blobStateStorage.js';
import { RecordAuditLog } from './adapters/records/recordAuditLog.js';
import { RecordConversationReferences } from './adapters/records/recordConversationReferences.js';
import { RecordOutbox } from './adapters/records/recordOutbox.js';
import { RecordTickets } from './adapters/records/recordTickets.js';
import { RecordVerificationStore } from './adapters/records/recordVerificationStore.js';
import { BotChannel } from './channel/botChannel.js';
import { composeBot } from './channel/composeBot.js';
import { DirectLineTokens, type WebChatIssuer } from './channel/directLineTokens.js';
import { mountWebSignIn } from './channel/microsoftSignIn.js';
import { RecordStorage } from './channel/recordStorage.js';
import { TokenExchangeLedger } from './channel/tokenExchangeLedger.js';
import { TokenServiceUserTokens } from './channel/tokenServiceUserTokens.js';
import { ProactiveMessenger, type ContinueConversation } from './channel/proactiveMessenger.js';
import { createServer, InFlight, serveUpgrades } from './channel/server.js';
import { OnBehalfOfTokens } from './channel/onBehalfOfTokens.js';
import { mountTab } from './channel/tab.js';
import type { Config, DirectoryConfig } from './config.js';
import { NlpRecognizer, type IntentRecognizer } from './core/nlu/recognizer.js';
import { systemClock, type Clock } from './core/ports/clock.js';
import type { RecordStore } from './core/ports/recordStore.js';
import { grantedAfterRevocation } from './core/usecases/sessionRevocation.js';
import { createUseCases, type Ports } from './core/usecases/useCases.js';
import { mountLocalDemo } from './localDemo/localDemo.js';
import { SessionRegistry, type SessionCheck } from './localDemo/sessions.js';
import type { Logger } from './logger.js';

export interface RunningApp {
  readonly url: string;
  readonly port: number;
  /** The embedded tenant (DIRECTORY=embedded), or Microsoft Graph. */
  readonly directory: Directory;
  readonly notifier: RecordOutbox;
  readonly audit: RecordAuditLog;
  readonly tickets: RecordTickets;
  /** The app's one record store (STORAGE chooses which). */
  readonly records: RecordStore;
  /** Stops taking requests, lets turns in progress finish, flushes the store. */
  stop(): Promise<void>;
}

export interface AppOptions {
  readonly recognizer?: IntentRecognizer;
  readonly clock?: Clock;
  /** Graph mode: where the users' own tokens come from (the channel's single sign-on; tests give tokens). */
  readonly userTokens?: UserTokenProvider;
  /** Graph mode: the assistant's own token (by default from GRAPH_CLIENT_ID and GRAPH_CLIENT_SECRET). */
  readonly appTokens?: AppTokenProvider;
}

export interface EmbeddedPorts<D extends Directory = EmbeddedDirectory> extends Ports {
  readonly directory: D;
  readonly notifier: RecordOutbox;
  readonly audit: RecordAuditLog;
  readonly tickets: RecordTickets;
  readonly references: RecordConversationReferences;
  /** The records under DATA_DIR/records that the audit log, tickets and references (and the conversation state) are kept in. */
  readonly records: RecordStore;
}

/**
 * The embedded tenant's adapters over DATA_DIR: directory; the demo outbox, the audit log, tickets,
 * conversation references and verification state as records (files under DATA_DIR/records, or the
 * record store STORAGE chooses), taking over the single files of earlier versions once.
 */
export async function embeddedPorts<D extends Directory>(
  dataDir: string, directory: D, clock: Clock, reach: { continueIn: ContinueConversation; logger: Logger; imageOrigin?: () => string | undefined },
  records: RecordStore,
): Promise<EmbeddedPorts<D>> {
  const stores = { audit: new RecordAuditLog(records), tickets: new RecordTickets(records), references: new RecordConversationReferences(records) };
  const notifier = new RecordOutbox(records, clock);
  const taken = await takeOverLegacyFiles(dataDir, { ...stores, outbox: notifier });
  if (taken.tickets + taken.audit + taken.references + taken.outbox > 0) reach.logger.info('tickets, audit log, conversation references and demo outbox taken over from their files', { ...taken });
  const verificationStore = new RecordVerificationStore(records);
  const imported = await verificationStore.importLegacyFile(path.join(dataDir, 'verification.json'));
  if (imported > 0) reach.logger.info('verification state taken over from verification.json', { records: imported });
  return {
    directory,
    clock,
    notifier,
    ...stores,
    verificationStore,
    records,
    proactive: new ProactiveMessenger(stores.references, reach.continueIn, reach.logger, reach.imageOrigin),
  };
}

/** A web session stands while its user is enabled and has not been signed out everywhere or changed the password since. */
function sessionStands(directory: Directory): SessionCheck {
  return async (userId, issuedAt) => {
    const user = await directory.findUserById(userId);
    return user?.accountEnabled === true && grantedAfterRevocation(user, issuedAt.getTime());
  };
}

/** Where the web page's chat tokens come from: the bot's own Direct Line in local mode, the token service in Azure. */
function webChatOf(sessions: SessionRegistry | undefined, tokens: DirectLineTokens | undefined): { kind: 'local' | 'azure'; issuer: WebChatIssuer } | undefined {
  if (sessions) {
    return {
      kind: 'local',
      issuer: {
        async issue(user) {
          const { token, session } = await sessions.issue(user);
          return { token, chatUserId: user.userId ?? session.fromId };
        },
      },
    };
  }
  return tokens ? { kind: 'azure', issuer: tokens } : undefined;
}

/** The app's one record store, chosen by STORAGE: a file a record in DATA_DIR, or an entity of a table in Azure Storage. */
export async function recordStoreFor(config: Config): Promise<RecordStore> {
  const { storage } = config;
  return storage.kind === 'azure'
    ? TableRecords.open({ connectionString: storage.connectionString, table: storage.table })
    : new FileRecords(path.join(config.dataDir, 'records'));
}

/** Conversation and user state: records of the record store in DATA_DIR, or blobs in Azure Storage. */
async function stateStorageFor(config: Config, records: RecordStore, logger: Logger) {
  const { storage } = config;
  if (storage.kind === 'azure') return openBlobStateStorage({ connectionString: storage.connectionString, container: storage.container });
  const state = new RecordStorage(records);
  const imported = await state.importLegacyFile(path.join(config.dataDir, 'state.json'));
  if (imported > 0) logger.info('conversation state taken over from state.json', { items: imported });
  return state;
}

/** The Graph directory: the tenant's settings from TENANT_SEED's tenant object, tokens from the channel and the app's credential. */
async function graphDirectory(
  config: Config, graph: Extract<DirectoryConfig, { kind: 'graph' }>, logger: Logger, options: AppOptions & { readonly chatSignIn: boolean },
): Promise<GraphDirectory> {
  const { seed } = await readSeedFile(config.tenantSeed);
  const appTokens = options.appTokens ?? applicationTokens(graph, logger);
  logger.info('directory', { kind: 'graph', graphUrl: graph.graphUrl, application: appTokens !== undefined, privileged: [...graph.privileged], usersOwnTokens: options.userTokens !== undefined });
  // Codes for step-up and reset go through the Notifier port; its only adapter is the demo outbox.
  logger.warn('DIRECTORY=graph: verification codes go to the demo outbox in DATA_DIR; connect an SMS and e-mail gateway before real use');
  return new GraphDirectory({
    graph: new GraphClient({ baseUrl: graph.graphUrl, logger }),
    // The users' own tokens come from the channel's single sign-on (and, for the tab, its own); without
    // the chat's, delegated goals are portal links.
    userTokens: options.userTokens ?? { tokenFor: () => Promise.resolve(undefined) },
    userTokensAvailable: options.chatSignIn,
    appTokens,
    privileged: graph.privileged,
    settings: { ...tenantInfoOf(seed.tenant), id: graph.tenantId },
    termsOfUse: seedAgreements(seed).map(termsOfUseOf),
  });
}

/**
 * What an admin should hear at the start about a helpdesk that tickets cannot reach: no agent gets
 * them in chat, and users are given no e-mail or phone to call. Undefined when it can be reached.
 */
export function unreachableHelpdesk(helpdesk: HelpdeskContact): string | undefined {
  if (helpdesk.agents.length > 0) return undefined;
  return helpdesk.email || helpdesk.phone
    ? 'the helpdesk has no agents: tickets are kept, but nobody gets them in chat (users are given its e-mail or phone)'
    : 'the helpdesk has no agents, e-mail or phone: tickets are kept, but nobody gets them, and users are given no way to reach a person';
}

export async function startApp(config: Config, logger: Logger, options: AppOptions = {}): Promise<RunningApp> {
  const clock = options.clock ?? systemClock;
  // One record store for everything kept as records: the directory, tickets, audit, references (and the state, with files).
  const records = await recordStoreFor(config);
  // With an OAuth connection: Teams signs users in silently, and their own Graph tokens come from the token service.
  const connectionName = config.oauthConnectionName;
  const tokenService = connectionName ? new TokenServiceUserTokens(connectionName, logger) : undefined;
  // With Graph, the tab's single sign-on token is exchanged on the user's behalf (the bot's app secret).
  const { microsoftApp } = config;
  const onBehalfOf = config.directory.kind === 'graph' && config.tab && microsoftApp.password
    ? new OnBehalfOfTokens({ authorityHost: config.tab.authorityHost, tenantId: config.tab.tenantId, clientId: microsoftApp.appId, clientSecret: microsoftApp.password, graphUrl: config.directory.graphUrl }, logger)
    : undefined;
  const chatTokens = options.userTokens ?? tokenService;
  const userTokens: UserTokenProvider | undefined = onBehalfOf
    ? { tokenFor: async (userId) => (await onBehalfOf.tokenFor(userId)) ?? chatTokens?.tokenFor(userId) }
    : chatTokens;
  const directory = config.directory.kind === 'graph'
    ? await graphDirectory(config, config.directory, logger, { ...options, userTokens, chatSignIn: chatTokens !== undefined })
    : await EmbeddedDirectory.open({ dataDir: config.dataDir, seedFile: config.tenantSeed, logger, now: () => clock.now(), store: records });
  const helpdeskProblem = unreachableHelpdesk((await directory.tenant()).helpdesk);
  if (helpdeskProblem) logger.warn(helpdeskProblem, { setting: 'tenant.helpdesk' });
  const channel = new BotChannel(config, logger, connectionName && tokenService
    ? { connectionName, exchanges: new TokenExchangeLedger(records, () => clock.now()), userTokens: tokenService.middleware, signOut: (context) => tokenService.signOut(context) }
    : undefined);
  /** Where cards' images are served when BOT_DOMAIN is not set: known once the server listens, in local mode only. */
  let localOrigin: string | undefined;
  const imageOrigin = (): string | undefined => config.publicOrigin ?? localOrigin;
  const ports = await embeddedPorts(config.dataDir, directory, clock, { continueIn: channel.continueIn, logger, imageOrigin }, records);
  const recognizer = options.recognizer ?? (await NlpRecognizer.load());
  const storage = await stateStorageFor(config, records, logger);
  // Where, never how: the connection string is a secret.
  logger.info('storage', config.storage.kind === 'azure' ? { kind: 'azure', table: config.storage.table, container: config.storage.container } : { kind: 'file' });
  const sessions = config.localMode ? await SessionRegistry.open(config.dataDir, records, clock, sessionStands(directory)) : undefined;
  // In Azure the web page chats through the Direct Line channel, its tokens from the token service.
  const directLineTokens = config.directLine ? new DirectLineTokens(config.directLine, records, clock, sessionStands(directory)) : undefined;
  const useCases = createUseCases(ports);
  channel.attach(composeBot({ useCases, directory, references: ports.references, recognizer, storage, records, sessions, directLineUsers: directLineTokens,
    imageOrigin,
    reach: { continueIn: channel.continueIn, createIn: channel.createIn }, logger,
    // The sign-in card where a goal needs the user's own token (the Graph directory's delegated goals).
    signIn: connectionName ? { connectionName } : undefined }));

  let ready = false;
  const inFlight = new InFlight();
  const server: Server = createServer(config, logger, inFlight, {
    processActivity: (req, res) => channel.process(req, res),
    isReady: () => ready,
  });
  // The demo sign-in and demo phone belong to the embedded tenant.
  const localDemo = sessions && directory instanceof EmbeddedDirectory
    ? await mountLocalDemo(server, {
      directory, outbox: ports.notifier, sessions, clock, logger, dataDir: config.dataDir, records, verificationStore: ports.verificationStore, passwords: useCases.passwords,
      deliver: (activity) => inFlight.run(() => channel.deliver(activity)),
    })
    : undefined;
  mountWebSignIn(server, { config: config.webSignIn, chat: webChatOf(sessions, directLineTokens), directory, records, clock, logger });
  mountTab(server, { config: config.tab, useCases, directory, records, clock, logger, onBehalfOf });
  serveUpgrades(server, config, localDemo?.acceptUpgrade);

  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  ready = true;
  const port = server.address().port;
  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;
  // On this machine (the Agents Playground), card images come from the bot's own loopback address.
  if (config.localMode) localOrigin = url;
  logger.info('bot listening', { url, localMode: config.localMode, dataDir: config.dataDir });

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      ready = false;
      localDemo?.close();
      const closed = new Promise<void>((resolve) => server.server.close(() => resolve()));
      server.server.closeIdleConnections();
      await inFlight.idle(10_000);
      server.server.closeAllConnections();
      await closed;
      // The records a journal holds go to their own files, so that DATA_DIR reads as it is.
      if (records instanceof FileRecords) {
        await records.close().catch((error: unknown) => {
          logger.warn('the records of the journal stay in it until the next start', { error: String(error) });
        });
      }
      logger.info('bot stopped');
    })());
  return { url, port, directory, notifier: ports.notifier, audit: ports.audit, tickets: ports.tickets, records, stop };
}

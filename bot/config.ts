// Configuration is read once, at start, from the environment into a frozen, typed object.
// Nothing else reads process.env (a lint rule holds every other file to that).
import path from 'node:path';
import { paths } from './paths.js';
import { parsePrivileged, privilegedCapabilities, type PrivilegedCapability } from './core/capabilities.js';

export type AppType = 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Where records and conversation state live: files in DATA_DIR, or an Azure Storage account that several instances share. */
export type StorageConfig =
  | { readonly kind: 'file' }
  | {
    readonly kind: 'azure';
    /** A secret (it holds the account key): not enumerable, so a logged or serialized config leaves it out. */
    readonly connectionString: string;
    /** The table of the records (tickets, audit, references...). */
    readonly table: string;
    /** The blob container of conversation and user state. */
    readonly container: string;
  };

/** Which directory the assistant acts on: the embedded tenant of TENANT_SEED, or a real tenant through Microsoft Graph. */
export type DirectoryConfig =
  | { readonly kind: 'embedded' }
  | {
    readonly kind: 'graph';
    /** The tenant (directory) id. */
    readonly tenantId: string;
    /** "https://graph.microsoft.com", or a national cloud's. */
    readonly graphUrl: string;
    readonly authorityHost: string;
    /** The assistant's own identity (an app registration with a client secret), if an admin gave it one. */
    readonly app?: { readonly clientId: string; readonly clientSecret: string };
    /** What the assistant may do with that identity (GRAPH_PRIVILEGED); empty without one. */
    readonly privileged: ReadonlySet<PrivilegedCapability>;
  };

export interface Config {
  readonly port: number;
  /** Interface the server binds to: 127.0.0.1 in local mode, HOST (default 0.0.0.0) with credentials. */
  readonly host: string;
  readonly dataDir: string;
  readonly tenantSeed: string;
  /** No app credentials: unauthenticated traffic on loopback only, demo sign-in and dev outbox on. */
  readonly localMode: boolean;
  readonly microsoftApp: {
    readonly appId: string;
    readonly password: string;
    readonly tenantId: string;
    readonly type: AppType;
  };
  readonly logLevel: LogLevel;
  /** Largest request body the server accepts, in bytes. */
  readonly maxBodyBytes: number;
  readonly storage: StorageConfig;
  readonly directory: DirectoryConfig;
  /** "Sign in with Microsoft" on the web page, when an Entra app (single-page application) is set. */
  readonly webSignIn?: WebSignInConfig;
  /** In Azure (app credentials set): the Direct Line channel the web page chats through. */
  readonly directLine?: { readonly secret: string; readonly endpoint: string };
  /** The OAuth connection of the bot resource (OAUTH_CONNECTION_NAME): single sign-on in Teams, the users' own Graph tokens. */
  readonly oauthConnectionName?: string;
  /** Where Teams clients fetch the images of cards (the avatar PNGs): https://BOT_DOMAIN, if set. */
  readonly publicOrigin?: string;
  /** The Teams personal tab's API, when the bot has an app id and a tenant: how its single sign-on tokens are checked. */
  readonly tab?: TabSignInConfig;
}

export interface TabSignInConfig {
  /** The bot's app id (MicrosoftAppId): the tab's tokens are for it, and the chat it opens is with it. */
  readonly appId: string;
  /** The directory (tenant) id (MicrosoftAppTenantId) whose users the tab serves. */
  readonly tenantId: string;
  /** Where the tenant publishes its keys (WEB_SIGNIN_AUTHORITY_HOST). */
  readonly authorityHost: string;
  /** What a token's audience may be: the app id, api://botid-{app id}, and api://{BOT_DOMAIN}/botid-{app id} (the manifest's webApplicationInfo resource). */
  readonly audiences: readonly string[];
}

export interface WebSignInConfig {
  /** The application (client) id of the Entra app registration of the page. */
  readonly clientId: string;
  /** The directory (tenant) id whose accounts may sign in. */
  readonly tenantId: string;
  /** Where Entra ID signs people in: https://login.microsoftonline.com unless a national cloud. */
  readonly authorityHost: string;
}

export class ConfigError extends Error {
  constructor(readonly variable: string, message: string) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
  }
}

const appTypes: readonly AppType[] = ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'];
const logLevels: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

function text(env: NodeJS.ProcessEnv, name: string): string {
  return (env[name] ?? '').trim();
}

/**
 * BOT_DOMAIN: the bot's public host name, as the Teams app lists it (a bare host name: no scheme,
 * port or path); '' when unset. One reading for the card images, the tab's token audience and the
 * Teams app package.
 */
function botDomain(env: NodeJS.ProcessEnv): string {
  const domain = text(env, 'BOT_DOMAIN');
  if (domain !== '' && !/^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/i.test(domain)) {
    throw new ConfigError('BOT_DOMAIN', `must be the host name the bot is reached at, like assistant.contoso.com (no https://, port or path), got "${domain}"`);
  }
  return domain.toLowerCase();
}

/** Where Teams fetches the cards' images: https://BOT_DOMAIN, if set. */
function publicOrigin(env: NodeJS.ProcessEnv): string | undefined {
  const domain = botDomain(env);
  return domain === '' ? undefined : `https://${domain}`;
}

function port(env: NodeJS.ProcessEnv): number {
  const raw = text(env, 'PORT');
  if (raw === '') return 3978;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    throw new ConfigError('PORT', `must be a whole number from 0 to 65535, got "${raw}"`);
  }
  return value;
}

function storage(env: NodeJS.ProcessEnv): StorageConfig {
  const kind = (text(env, 'STORAGE') || 'file').toLowerCase();
  if (kind === 'file') return Object.freeze({ kind });
  if (kind !== 'azure') throw new ConfigError('STORAGE', `must be file or azure, got "${text(env, 'STORAGE')}"`);
  const connectionString = text(env, 'AZURE_STORAGE_CONNECTION_STRING');
  if (connectionString === '') throw new ConfigError('AZURE_STORAGE_CONNECTION_STRING', 'is required when STORAGE is azure');
  const table = text(env, 'AZURE_STORAGE_TABLE') || 'assistant';
  if (!/^[A-Za-z][A-Za-z0-9]{2,62}$/.test(table)) {
    throw new ConfigError('AZURE_STORAGE_TABLE', `must be 3 to 63 letters and digits, starting with a letter, got "${table}"`);
  }
  const container = text(env, 'AZURE_STORAGE_CONTAINER') || 'assistant-state';
  if (!/^(?!.*--)[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/.test(container)) {
    throw new ConfigError('AZURE_STORAGE_CONTAINER', `must be 3 to 63 lowercase letters, digits and single hyphens, got "${container}"`);
  }
  const config = { kind, table, container } as { kind: 'azure'; connectionString: string; table: string; container: string };
  Object.defineProperty(config, 'connectionString', { value: connectionString, enumerable: false });
  return Object.freeze(config);
}

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function webSignIn(env: NodeJS.ProcessEnv): WebSignInConfig | undefined {
  const clientId = text(env, 'WEB_SIGNIN_CLIENT_ID');
  const tenantId = text(env, 'WEB_SIGNIN_TENANT_ID');
  if (clientId === '' && tenantId === '') return undefined;
  if (tenantId === '') throw new ConfigError('WEB_SIGNIN_TENANT_ID', 'is required when WEB_SIGNIN_CLIENT_ID is set');
  if (clientId === '') throw new ConfigError('WEB_SIGNIN_CLIENT_ID', 'is required when WEB_SIGNIN_TENANT_ID is set');
  if (!guid.test(clientId)) throw new ConfigError('WEB_SIGNIN_CLIENT_ID', `must be the application (client) id, a GUID, got "${clientId}"`);
  if (!guid.test(tenantId)) throw new ConfigError('WEB_SIGNIN_TENANT_ID', `must be the directory (tenant) id, a GUID, got "${tenantId}"`);
  return Object.freeze({ clientId: clientId.toLowerCase(), tenantId: tenantId.toLowerCase(), authorityHost: signInAuthorityHost(env) });
}

/** Where Entra ID signs people in and publishes its keys (WEB_SIGNIN_AUTHORITY_HOST). */
function signInAuthorityHost(env: NodeJS.ProcessEnv): string {
  return secureOrigin('WEB_SIGNIN_AUTHORITY_HOST', (text(env, 'WEB_SIGNIN_AUTHORITY_HOST') || 'https://login.microsoftonline.com').replace(/\/+$/, ''));
}

/** The personal tab's single sign-on: on when the bot has an app id and its tenant is a directory id. */
function tab(env: NodeJS.ProcessEnv, appId: string, tenantId: string): TabSignInConfig | undefined {
  const domain = botDomain(env);
  if (appId === '' || !guid.test(appId) || !guid.test(tenantId)) return undefined;
  const id = appId.toLowerCase();
  const audiences = [id, `api://botid-${id}`, ...(domain ? [`api://${domain}/botid-${id}`] : [])];
  return Object.freeze({ appId: id, tenantId: tenantId.toLowerCase(), authorityHost: signInAuthorityHost(env), audiences: Object.freeze(audiences) });
}

/** The origin of an https URL (plain http only on this machine, for tests). */
function secureOrigin(variable: string, raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(variable, `must be a URL, got "${raw}"`);
  }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new ConfigError(variable, `must be https (http only on this machine, for tests), got "${raw}"`);
  }
  return url.origin;
}

function directory(env: NodeJS.ProcessEnv): DirectoryConfig {
  const kind = (text(env, 'DIRECTORY') || 'embedded').toLowerCase();
  if (kind === 'embedded') return Object.freeze({ kind });
  if (kind !== 'graph') throw new ConfigError('DIRECTORY', `must be embedded or graph, got "${text(env, 'DIRECTORY')}"`);
  const tenantId = text(env, 'GRAPH_TENANT_ID');
  if (!guid.test(tenantId)) throw new ConfigError('GRAPH_TENANT_ID', `must be the directory (tenant) id, a GUID, when DIRECTORY is graph, got "${tenantId}"`);
  const clientId = text(env, 'GRAPH_CLIENT_ID');
  const clientSecret = text(env, 'GRAPH_CLIENT_SECRET');
  if (clientId !== '' && !guid.test(clientId)) throw new ConfigError('GRAPH_CLIENT_ID', `must be the application (client) id, a GUID, got "${clientId}"`);
  if (clientId !== '' && clientSecret === '') throw new ConfigError('GRAPH_CLIENT_SECRET', 'is required when GRAPH_CLIENT_ID is set');
  if (clientId === '' && clientSecret !== '') throw new ConfigError('GRAPH_CLIENT_ID', 'is required when GRAPH_CLIENT_SECRET is set');
  const privileged = parsePrivileged(text(env, 'GRAPH_PRIVILEGED'));
  if (!privileged.ok) throw new ConfigError('GRAPH_PRIVILEGED', `names "${privileged.unknown}", which is not one of ${privilegedCapabilities.join(', ')}`);
  if (privileged.value.size > 0 && clientId === '') throw new ConfigError('GRAPH_PRIVILEGED', 'needs the assistant\'s own identity: set GRAPH_CLIENT_ID and GRAPH_CLIENT_SECRET');
  const app = clientId === '' ? undefined : { clientId: clientId.toLowerCase() } as { clientId: string; clientSecret: string };
  // A secret: not enumerable, so a logged or serialized config leaves it out.
  if (app) Object.defineProperty(app, 'clientSecret', { value: clientSecret, enumerable: false });
  return Object.freeze({
    kind,
    tenantId: tenantId.toLowerCase(),
    graphUrl: secureOrigin('GRAPH_URL', text(env, 'GRAPH_URL') || 'https://graph.microsoft.com'),
    authorityHost: secureOrigin('GRAPH_AUTHORITY_HOST', text(env, 'GRAPH_AUTHORITY_HOST') || 'https://login.microsoftonline.com'),
    app: app ? Object.freeze(app) : undefined,
    privileged: privileged.value,
  });
}

function directLine(env: NodeJS.ProcessEnv): Config['directLine'] {
  const secret = text(env, 'DIRECT_LINE_SECRET');
  if (secret === '') return undefined;
  const endpoint = secureOrigin('DIRECT_LINE_ENDPOINT', text(env, 'DIRECT_LINE_ENDPOINT') || 'https://directline.botframework.com');
  return Object.freeze({ secret, endpoint });
}

/** The bot resource's OAuth connection, when single sign-on is set up; the token service needs the bot's own credentials. */
function oauthConnectionName(env: NodeJS.ProcessEnv, localMode: boolean, directoryKind: DirectoryConfig['kind']): string | undefined {
  const name = text(env, 'OAUTH_CONNECTION_NAME');
  if (name === '') return undefined;
  if (!/^[A-Za-z0-9][A-Za-z0-9 ._-]{0,127}$/.test(name)) {
    throw new ConfigError('OAUTH_CONNECTION_NAME', `must be the name of the bot's OAuth connection (letters, digits, spaces, dots, hyphens and underscores, up to 128), got "${name}"`);
  }
  if (localMode) throw new ConfigError('OAUTH_CONNECTION_NAME', 'needs the bot\'s credentials (the Bot Framework token service only serves a registered bot): set MicrosoftAppId');
  // The users' own tokens are for Microsoft Graph; the embedded directory has no use for them.
  if (directoryKind !== 'graph') throw new ConfigError('OAUTH_CONNECTION_NAME', 'is used with DIRECTORY=graph only (the users\' own Microsoft Graph tokens)');
  return name;
}

/** Reads the configuration from an environment; throws ConfigError naming the first bad value. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const appId = text(env, 'MicrosoftAppId');
  const password = text(env, 'MicrosoftAppPassword');
  const tenantId = text(env, 'MicrosoftAppTenantId');
  const typeRaw = text(env, 'MicrosoftAppType') || 'MultiTenant';
  const type = appTypes.find((t) => t.toLowerCase() === typeRaw.toLowerCase());
  if (!type) throw new ConfigError('MicrosoftAppType', `must be one of ${appTypes.join(', ')}, got "${typeRaw}"`);
  const localMode = appId === '';
  if (!localMode) {
    if (type !== 'UserAssignedMSI' && password === '') {
      throw new ConfigError('MicrosoftAppPassword', 'is required when MicrosoftAppId is set');
    }
    if (type !== 'MultiTenant' && tenantId === '') {
      throw new ConfigError('MicrosoftAppTenantId', `is required when MicrosoftAppType is ${type}`);
    }
  } else if (password !== '') {
    throw new ConfigError('MicrosoftAppId', 'is required when MicrosoftAppPassword is set');
  }
  const levelRaw = (text(env, 'LOG_LEVEL') || 'info').toLowerCase();
  const logLevel = logLevels.find((l) => l === levelRaw);
  if (!logLevel) throw new ConfigError('LOG_LEVEL', `must be one of ${logLevels.join(', ')}, got "${levelRaw}"`);
  const dataDir = path.resolve(cwd, text(env, 'DATA_DIR') || 'data');
  const tenantSeed = text(env, 'TENANT_SEED') ? path.resolve(cwd, text(env, 'TENANT_SEED')) : paths.demoTenant;
  const directoryConfig = directory(env);
  return Object.freeze({
    port: port(env),
    host: localMode ? '127.0.0.1' : text(env, 'HOST') || '0.0.0.0',
    dataDir,
    tenantSeed,
    localMode,
    microsoftApp: Object.freeze({ appId, password, tenantId, type }),
    logLevel,
    maxBodyBytes: 256 * 1024,
    storage: storage(env),
    directory: directoryConfig,
    webSignIn: webSignIn(env),
    // Local mode chats through the bot's own Direct Line; the channel's secret is not used there.
    directLine: localMode ? undefined : directLine(env),
    oauthConnectionName: oauthConnectionName(env, localMode, directoryConfig.kind),
    tab: tab(env, appId, tenantId),
    publicOrigin: publicOrigin(env),
  });
}

/** The Teams app package's placeholders (`${{NAME}}` in manifest/) that `npm run package:teams` fills. */
export type TeamsAppSetting = 'TEAMS_APP_ID' | 'BOT_ID' | 'BOT_DOMAIN';

/**
 * The values for the Teams app package, read only by `npm run package:teams` (the bot does not need
 * them): only those that are set, each checked; a missing one is named by the packager.
 */
export function loadTeamsAppSettings(env: NodeJS.ProcessEnv = process.env): Readonly<Partial<Record<TeamsAppSetting, string>>> {
  const settings: Partial<Record<TeamsAppSetting, string>> = {};
  const teamsAppId = text(env, 'TEAMS_APP_ID');
  if (teamsAppId !== '') {
    if (!guid.test(teamsAppId)) throw new ConfigError('TEAMS_APP_ID', `must be a GUID of your choice that stays the same from one version of the app to the next, got "${teamsAppId}"`);
    settings.TEAMS_APP_ID = teamsAppId.toLowerCase();
  }
  // The bot's app id: the Azure Bot's Microsoft App ID, the same as MicrosoftAppId unless set apart.
  const botIdVariable = text(env, 'BOT_ID') !== '' ? 'BOT_ID' : 'MicrosoftAppId';
  const botId = text(env, botIdVariable);
  if (botId !== '') {
    if (!guid.test(botId)) throw new ConfigError(botIdVariable, `must be the bot's application (client) id, a GUID, got "${botId}"`);
    settings.BOT_ID = botId.toLowerCase();
  }
  const domain = botDomain(env);
  if (domain !== '') settings.BOT_DOMAIN = domain;
  return Object.freeze(settings);
}

// The Teams personal tab "My account": its page at /tab/ (framable by Microsoft's hosts only), its
// strings, and GET /api/tab/summary, what the tab shows at a glance (profile, sign-in methods,
// devices, tickets) from the same use cases the dialogs use, with a link per item that opens the
// chat with the bot on the right goal.
// The summary is for the bearer of the tab's single sign-on token (teams-js getAuthToken), checked
// here: the signature (the tenant's published keys), the issuer (the tenant's v2.0 or v1.0 one),
// the audience (the bot's app id or its api://…/botid-{app id} resource), the tenant, the lifetime, a delegated scope, and the user
// (`oid`), who must be an enabled user of the directory. Every refusal gets the same 401; the log
// names the check, never the token.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { jwtVerify, type JWTPayload } from 'jose';
import type { Request, Response, Server } from 'restify';
import type { TabSignInConfig } from '../config.js';
import { stringTable, translator, type Locale, type Translator } from '../core/i18n/i18n.js';
import { methodLabel } from '../core/i18n/methodNames.js';
import type { Clock } from '../core/ports/clock.js';
import type { Directory } from '../core/ports/directory.js';
import type { RecordStore } from '../core/ports/recordStore.js';
import type { UseCases } from '../core/usecases/useCases.js';
import type { Logger } from '../logger.js';
import { paths } from '../paths.js';
import { SharedSourceRateLimit } from '../sourceRateLimit.js';
import { tenantKeys, tenantV1Issuer, verifyFailure, type SigningKeys } from './entraKeys.js';
import { pageLocale } from './pageStrings.js';

export interface TabParts {
  /** Single sign-on of the tab: none without an app id and a tenant (then the summary is unavailable). */
  readonly config: TabSignInConfig | undefined;
  readonly useCases: Pick<UseCases, 'profiles' | 'securityInfo' | 'devices' | 'helpdesk'>;
  readonly directory: Pick<Directory, 'findUserById'>;
  /** The store every instance shares: the requests counted per address. */
  readonly records: RecordStore;
  readonly clock: Clock;
  readonly logger: Logger;
  /** With DIRECTORY=graph: runs a request's work with its bearer's token exchanged for Graph on their behalf. */
  readonly onBehalfOf?: { run<T>(userId: string, assertion: string, work: () => Promise<T>): Promise<T> };
}

/** The keys the tab's page uses; no other key leaves the server this way. */
export const tabKeyPrefix = 'tab.';
/** Tickets shown at a glance (the chat lists more). */
const ticketsShown = 5;
const maxTokenLength = 16 * 1024;
/** Summaries per source address and minute. */
const perSource = { limit: 60, windowMs: 60 * 1000 };

/**
 * Where the tab may be framed: Microsoft's hosts of Teams apps (Teams on the web, the new Teams
 * and Microsoft 365 on *.cloud.microsoft, Outlook and Microsoft 365 on the web).
 */
export const tabFrameAncestors = [
  "'self'", 'https://teams.microsoft.com', 'https://*.teams.microsoft.com', 'https://*.skype.com',
  'https://*.cloud.microsoft', 'https://*.office.com', 'https://*.office365.com', 'https://*.microsoft365.com',
  'https://outlook.live.com', 'https://teams.live.com',
] as const;

/** The tab's policy: its own origin only (teams-js may fetch its list of host origins from Microsoft's CDN), framed by Microsoft's hosts only. */
const tabPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self' https://res.cdn.office.net",
  `frame-ancestors ${tabFrameAncestors.join(' ')}`,
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const tabFiles: Record<string, { file: string; type: string }> = {
  '/tab': { file: path.join(paths.web, 'tab', 'index.html'), type: 'text/html; charset=utf-8' },
  '/tab/': { file: path.join(paths.web, 'tab', 'index.html'), type: 'text/html; charset=utf-8' },
  '/tab/tab.js': { file: path.join(paths.web, 'tab', 'tab.js'), type: 'text/javascript; charset=utf-8' },
  '/tab/tab.css': { file: path.join(paths.web, 'tab', 'tab.css'), type: 'text/css; charset=utf-8' },
  '/tab/teams-js.js': { file: paths.teamsJsBundle, type: 'text/javascript; charset=utf-8' },
};

const tabTables = new Map<Locale, Readonly<Record<string, string>>>();

/** The tab's strings in a locale. */
export function tabStrings(locale: Locale): Readonly<Record<string, string>> {
  let table = tabTables.get(locale);
  if (!table) {
    table = Object.freeze(Object.fromEntries(Object.entries(stringTable(locale)).filter(([key]) => key.startsWith(tabKeyPrefix))));
    tabTables.set(locale, table);
  }
  return table;
}

/** What each item's button asks the chat, by the goal it opens. */
const asks = { profile: 'tab.ask.profile', methods: 'tab.ask.methods', devices: 'tab.ask.devices', tickets: 'tab.ask.tickets' } as const;

/** A Teams deep link to the personal chat with the bot, the phrase typed in for the user to send. */
export function chatLink(appId: string, message: string): string {
  return `https://teams.microsoft.com/l/chat/0/0?users=${encodeURIComponent(`28:${appId}`)}&message=${encodeURIComponent(message)}`;
}

const notSignedIn = { error: { code: 'notSignedIn', message: 'Your sign-in could not be verified. Open the tab again in Teams.' } };
const unavailable = { error: { code: 'tabUnavailable', message: 'Your account cannot be shown right now. Try again in a moment.' } };

export function mountTab(server: Server, parts: TabParts): void {
  for (const [route, { file, type }] of Object.entries(tabFiles)) {
    server.get(route, async (_req: Request, res: Response) => {
      try {
        const body = await readFile(file);
        res.setHeader('Content-Type', type);
        res.setHeader('Cache-Control', route === '/tab/teams-js.js' ? 'public, max-age=3600' : 'no-cache');
        if (type.startsWith('text/html')) res.setHeader('Content-Security-Policy', tabPolicy);
        res.writeHead(200);
        res.end(body);
      } catch {
        res.send(404, { error: { code: 'notFound', message: 'Not found.' } });
      }
    });
  }

  server.get('/api/tab/strings', async (req: Request, res: Response) => {
    await Promise.resolve();
    const locale = pageLocale((req.query as Record<string, unknown> | undefined)?.lang);
    res.header('Cache-Control', 'no-cache');
    res.header('Content-Language', locale);
    res.send(200, { locale, strings: tabStrings(locale) });
  });

  const config = parts.config;
  if (!config) {
    server.get('/api/tab/summary', async (_req: Request, res: Response) => {
      await Promise.resolve();
      res.header('Cache-Control', 'no-store');
      res.send(503, unavailable);
    });
    return;
  }
  mountSummary(server, parts, config);
}

function mountSummary(server: Server, parts: TabParts, config: TabSignInConfig): void {
  const { logger } = parts;
  const tenant = tenantKeys(config.authorityHost, config.tenantId);
  const v1Issuer = tenantV1Issuer(config.authorityHost, config.tenantId);
  const sources = new SharedSourceRateLimit(parts.records, 'tab.sources', parts.clock, perSource);

  /** The directory user the token stands for, or why not (for the log). */
  async function bearer(req: Request): Promise<{ oid: string; token: string } | { refused: string } | { unavailable: string }> {
    const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/.exec(req.header('authorization') ?? '');
    const token = match?.[1];
    if (!token || token.length > maxTokenLength) return { refused: 'no bearer token' };
    let keys: SigningKeys;
    let issuers: string[];
    try {
      const [found, v1] = await Promise.all([tenant.keys(), v1Issuer()]);
      keys = found;
      issuers = [tenant.issuer, v1];
    } catch (error) {
      return { unavailable: error instanceof Error ? error.message : 'unknown' };
    }
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keys, {
        issuer: issuers, audience: [...config.audiences], algorithms: ['RS256'], currentDate: parts.clock.now(), clockTolerance: 60, requiredClaims: ['exp', 'iat'],
      }));
    } catch (error) {
      const failure = verifyFailure(error);
      return failure.kind === 'unavailable' ? { unavailable: failure.reason } : { refused: failure.reason };
    }
    if (payload.tid !== config.tenantId) return { refused: 'tenant' };
    // A user's delegated token (Teams asks for access_as_user), not an application's.
    if (typeof payload.scp !== 'string' || !payload.scp.split(' ').includes('access_as_user')) return { refused: 'scope' };
    if (typeof payload.oid !== 'string') return { refused: 'oid' };
    return { oid: payload.oid, token };
  }

  /** The bearer's summary, or undefined when they are no enabled user of the directory. */
  async function summaryOf(oid: string, locale: ReturnType<typeof pageLocale>): Promise<Awaited<ReturnType<typeof summary>> | undefined> {
    const user = await parts.directory.findUserById(oid);
    if (!user?.accountEnabled) return undefined;
    return summary(parts.useCases, user.id, translator(locale), config.appId);
  }

  server.get('/api/tab/summary', async (req: Request, res: Response) => {
    res.header('Cache-Control', 'no-store');
    if (!(await sources.admit(req, res, 'requests'))) return;
    try {
      const who = await bearer(req);
      if ('unavailable' in who) {
        logger.warn('tab sign-in unavailable', { reason: who.unavailable });
        res.send(503, unavailable);
        return;
      }
      if ('refused' in who) {
        logger.info('tab sign-in refused', { reason: who.refused });
        res.header('WWW-Authenticate', 'Bearer');
        res.send(401, notSignedIn);
        return;
      }
      const locale = pageLocale((req.query as Record<string, unknown> | undefined)?.lang);
      const found = parts.onBehalfOf ? await parts.onBehalfOf.run(who.oid, who.token, () => summaryOf(who.oid, locale)) : await summaryOf(who.oid, locale);
      if (!found) {
        logger.info('tab sign-in refused', { reason: 'notInDirectory' });
        res.header('WWW-Authenticate', 'Bearer');
        res.send(401, notSignedIn);
        return;
      }
      res.header('Content-Language', locale);
      res.send(200, found);
    } catch (error) {
      logger.warn('tab summary failed', { error: error instanceof Error ? error.message : 'unknown' });
      res.send(503, unavailable);
    }
  });
}

/** What the tab shows of one user: their own data only, labels in their language, a chat link per item. */
async function summary(useCases: TabParts['useCases'], userId: string, t: Translator, appId: string) {
  const [profile, methods, devices, tickets] = await Promise.all([
    useCases.profiles.view(userId),
    useCases.securityInfo.overview(userId),
    useCases.devices.active(userId),
    useCases.helpdesk.mine(userId, ticketsShown),
  ]);
  if (!profile.ok) throw new Error('profile not found');
  const { profile: p, organizationName } = profile.value;
  return {
    locale: t.locale,
    profile: {
      displayName: p.displayName,
      jobTitle: p.jobTitle ?? null,
      department: p.department ?? null,
      mail: p.mail ?? null,
      userPrincipalName: p.userPrincipalName,
      officeLocation: p.officeLocation ?? null,
      manager: p.manager?.displayName ?? null,
      organizationName,
    },
    methods: methods.methods.map((m) => ({ label: methodLabel(t, m), isDefault: methods.defaultMethodIds.includes(m.id) })),
    devices: devices.map((d) => ({
      displayName: d.displayName,
      operatingSystem: [d.operatingSystem, d.operatingSystemVersion].filter(Boolean).join(' ') || null,
      lastSignIn: d.approximateLastSignInDateTime ?? null,
    })),
    tickets: tickets.map((k) => ({ number: k.number, category: t.t(`ticket.category.${k.category}`), state: t.t(`ticket.state.${k.state}`), updatedAt: k.updatedAt })),
    chat: Object.fromEntries(Object.entries(asks).map(([item, key]) => [item, chatLink(appId, t.t(key))])),
  };
}

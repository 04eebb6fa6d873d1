// The HTTP server: the Bot Framework endpoint, health, the web chat page and its strings and, in
// local mode, the demo sign-in, the dev outbox and the bot's own Direct Line. Bad requests get a
// 4xx and the server keeps serving.
import { readFile } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import restify, { type Request, type Response, type Server } from 'restify';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { paths } from '../paths.js';
import { avatarOfFileName } from '../../cards/avatar.js';
import { avatarPng } from '../../cards/avatarPng.js';
import { mountPageStrings } from './pageStrings.js';
import { contentRefusal, isLoopbackUrl, localRefusal, type Refusal } from './requestGuard.js';

/** Counts requests in progress so a shutdown can let them finish. */
export class InFlight {
  private count = 0;
  private waiters: (() => void)[] = [];

  async run<T>(work: () => Promise<T>): Promise<T> {
    this.count += 1;
    try {
      return await work();
    } finally {
      this.count -= 1;
      if (this.count === 0) for (const wake of this.waiters.splice(0)) wake();
    }
  }

  /** Resolves when nothing is in progress, or after `timeoutMs`. */
  idle(timeoutMs: number): Promise<void> {
    if (this.count === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}

const staticFiles: Record<string, { file: string; type: string }> = {
  '/': { file: path.join(paths.web, 'index.html'), type: 'text/html; charset=utf-8' },
  '/app.js': { file: path.join(paths.web, 'app.js'), type: 'text/javascript; charset=utf-8' },
  '/chatTheme.js': { file: path.join(paths.web, 'chatTheme.js'), type: 'text/javascript; charset=utf-8' },
  '/styles.css': { file: path.join(paths.web, 'styles.css'), type: 'text/css; charset=utf-8' },
  '/favicon.svg': { file: path.join(paths.web, 'favicon.svg'), type: 'image/svg+xml' },
  '/webchat.js': { file: paths.webChatBundle, type: 'text/javascript; charset=utf-8' },
  // Sign in with Microsoft: MSAL, and the page its popup comes back to.
  '/msal-browser.js': { file: paths.msalBundle, type: 'text/javascript; charset=utf-8' },
  '/msal-redirect-bridge.js': { file: paths.msalRedirectBridge, type: 'text/javascript; charset=utf-8' },
  '/signin-redirect.html': { file: path.join(paths.web, 'signin-redirect.html'), type: 'text/html; charset=utf-8' },
  '/signinRedirect.js': { file: path.join(paths.web, 'signinRedirect.js'), type: 'text/javascript; charset=utf-8' },
};
/** Bundles that change only with their package version. */
const longCached = new Set(['/webchat.js', '/msal-browser.js', '/msal-redirect-bridge.js']);

/** Where the page may connect besides its own origin: the sign-in authority (MSAL redeems the code there) and, in Azure, the Direct Line channel. */
function connectTo(config: Config): string[] {
  const hosts = config.webSignIn ? [config.webSignIn.authorityHost] : [];
  if (config.directLine) hosts.push(config.directLine.endpoint, config.directLine.endpoint.replace(/^http/, 'ws'));
  return hosts;
}

/** The pages' policy: our own origin only, and Microsoft sign-in's authority when the page signs in with it (MSAL redeems the code there). */
function contentSecurityPolicy(config: Config): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    ['connect-src', "'self'", ...connectTo(config)].join(' '),
    "frame-ancestors 'self' https://teams.microsoft.com https://*.teams.microsoft.com",
    "base-uri 'none'",
    "form-action 'self'",
  ].join('; ');
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isId = (value: unknown, max: number): value is string => typeof value === 'string' && value.length > 0 && value.length <= max;

/**
 * What is wrong with a body as a Bot Framework activity, or undefined when it has what every turn
 * reads: a type, a sender and a conversation, each with an id of sane length, a Teams user
 * (`from.aadObjectId`) and a text, when there are, as strings, and a card press's action as an
 * object. Refused here, before any turn runs.
 */
function activityProblem(body: unknown): string | undefined {
  if (!isObject(body) || !isId(body.type, 64)) return 'The body must be a Bot Framework activity (a JSON object with a type).';
  if (!isObject(body.from) || !isId(body.from.id, 1024)) return 'The activity must name its sender (from.id).';
  const aadObjectId = body.from.aadObjectId;
  if (aadObjectId !== undefined && aadObjectId !== null && typeof aadObjectId !== 'string') return 'from.aadObjectId must be a string.';
  if (!isObject(body.conversation) || !isId(body.conversation.id, 1024)) return 'The activity must name its conversation (conversation.id).';
  // What the turn reads as text and as a card's press: a string, and an object (an Action.Execute's `action` too).
  if (body.text !== undefined && body.text !== null && typeof body.text !== 'string') return 'text must be a string.';
  if (body.type === 'invoke' && body.name === 'adaptiveCard/action' && !(isObject(body.value) && isObject(body.value.action))) return 'An adaptiveCard/action invoke must carry value.action.';
  return undefined;
}

export interface ServerHandlers {
  /** Runs a Bot Framework request through the adapter. */
  readonly processActivity: (req: Request, res: Response) => Promise<void>;
  readonly isReady: () => boolean;
}

const refuse = (res: Response, refusal: Refusal): void => {
  res.send(refusal.status, { error: { code: refusal.code, message: refusal.message } });
};

export function createServer(config: Config, logger: Logger, inFlight: InFlight, handlers: ServerHandlers): Server {
  const server = restify.createServer({ name: 'account-assistant', handleUncaughtExceptions: false });
  // Before routing, so unknown routes and methods are guarded too.
  server.pre((req: Request, res: Response, next: restify.Next) => {
    const refusal = (config.localMode ? localRefusal(req.path(), req.headers) : undefined) ?? contentRefusal(req.headers);
    if (!refusal) return next();
    refuse(res, refusal);
    return next(false);
  });
  server.use(restify.plugins.queryParser({ mapParams: false }));
  server.use(restify.plugins.bodyParser({ maxBodySize: config.maxBodyBytes, mapParams: false, mapFiles: false, keepExtensions: false, rejectUnknown: true }));
  server.use((req: Request, res: Response, next: restify.Next) => {
    res.header('X-Content-Type-Options', 'nosniff');
    res.header('Referrer-Policy', 'no-referrer');
    next();
  });

  server.get('/healthz', async (_req: Request, res: Response) => {
    await Promise.resolve();
    if (handlers.isReady()) res.send(200, { status: 'ok' });
    else res.send(503, { status: 'stopping' });
  });

  // The web page's own strings, in the language it asks for.
  mountPageStrings(server);

  server.post('/api/messages', async (req: Request, res: Response) => {
    const problem = activityProblem(req.body);
    if (problem) {
      res.send(400, { error: { code: 'badArgument', message: problem } });
      return;
    }
    // Local mode takes activities on trust: their replies may go to this machine only.
    if (config.localMode && !isLoopbackUrl((req.body as { serviceUrl?: unknown }).serviceUrl)) {
      res.send(400, { error: { code: 'badArgument', message: 'Without app credentials the bot replies only to a serviceUrl on localhost.' } });
      return;
    }
    try {
      await inFlight.run(() => handlers.processActivity(req, res));
    } catch (error) {
      logger.error('activity processing failed', { error });
      if (!res.headersSent) res.send(500, { error: { code: 'internalError', message: 'The activity could not be processed.' } });
    }
  });

  // Initials avatars as PNG, for Teams cards (Teams does not render SVG). The name holds only what
  // the card shows (initials, colour), so the image is the same for everyone and cached for good.
  server.get('/api/avatar/:file', async (req: Request, res: Response) => {
    await Promise.resolve();
    const file: unknown = (req.params as Record<string, unknown>).file;
    const avatar = typeof file === 'string' ? avatarOfFileName(file) : undefined;
    if (!avatar) {
      res.send(404, { error: { code: 'notFound', message: 'Not found.' } });
      return;
    }
    const body = avatarPng(avatar);
    res.setHeader('Content-Type', 'image/png');
    res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    res.writeHead(200);
    res.end(body);
  });

  const policy = contentSecurityPolicy(config);
  for (const [route, { file, type }] of Object.entries(staticFiles)) {
    server.get(route, async (_req: Request, res: Response) => {
      try {
        const body = await readFile(file);
        res.setHeader('Content-Type', type);
        res.setHeader('Cache-Control', longCached.has(route) ? 'public, max-age=3600' : 'no-cache');
        if (type.startsWith('text/html')) res.setHeader('Content-Security-Policy', policy);
        res.writeHead(200);
        res.end(body);
      } catch {
        res.send(404, { error: { code: 'notFound', message: 'Not found.' } });
      }
    });
  }
  server.on('restifyError', (req: Request, res: Response, error: RestifyError, callback: () => void) => {
    const status = error.statusCode ?? 500;
    if (status >= 500) {
      logger.error('request failed', { path: req.path(), status, message: error.message });
      // Never echo internal error text to the client. An error that is no HTTP error (a handler
      // threw) restify would wrap with its text: given a status, it is sent as it is, with this body.
      error.statusCode = status;
      error.toJSON = () => ({ error: { code: 'internalError', message: 'The request could not be handled.' } });
    } else {
      error.toJSON = () => ({ error: { code: error.body?.code ?? 'badRequest', message: error.body?.message ?? 'The request was not accepted.' } });
    }
    callback();
  });
  return server;
}

interface RestifyError {
  statusCode?: number;
  message?: string;
  body?: { code?: string; message?: string };
  toJSON?: () => unknown;
}

/**
 * Answers every websocket upgrade: the guard first (local mode), then `accept` (the Direct Line's
 * streams), else 404. An upgrade nobody answers would hold the connection open.
 */
export function serveUpgrades(server: Server, config: Config, accept?: (req: IncomingMessage, socket: Duplex, head: Buffer) => boolean): void {
  server.server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const refusal = config.localMode ? localRefusal(new URL(req.url ?? '/', 'http://localhost').pathname, req.headers) : undefined;
    if (refusal) {
      socket.end(`HTTP/1.1 ${refusal.status} ${refusal.code}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    if (accept?.(req, socket, head)) return;
    socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  });
}

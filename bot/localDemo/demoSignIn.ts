// The demo sign-in of the web chat page (local mode only): a visitor picks a demo account of the
// embedded tenant and types its password; the server then issues a Direct Line token bound to that
// user. Failed attempts are limited per account and per address; the answer never says which part
// was wrong.
import type { Request, Response, Server } from 'restify';
import type { EmbeddedDirectory } from '../adapters/embedded/embeddedDirectory.js';
import type { SessionRegistry } from './sessions.js';
import { defaultLocale, toLocale } from '../core/i18n/i18n.js';
import type { Logger } from '../logger.js';
import type { Clock } from '../core/ports/clock.js';

/** Failed sign-ins allowed per account, and per client address (shared by many people), in the window. */
const maxFailuresPerAccount = 5;
const maxFailuresPerAddress = 30;
const windowMs = 15 * 60 * 1000;

class FailureLimiter {
  private readonly failures = new Map<string, number[]>();
  constructor(private readonly clock: Clock) {}

  private recent(key: string): number[] {
    const since = this.clock.now().getTime() - windowMs;
    const list = (this.failures.get(key) ?? []).filter((t) => t > since);
    if (list.length === 0) this.failures.delete(key);
    else this.failures.set(key, list);
    return list;
  }

  /** When the key may try again, or undefined when it may now. */
  blockedUntil(key: string, maxFailures: number): Date | undefined {
    const list = this.recent(key);
    return list.length >= maxFailures ? new Date((list[0] as number) + windowMs) : undefined;
  }

  fail(key: string): void {
    this.failures.set(key, [...this.recent(key), this.clock.now().getTime()]);
  }

  clear(key: string): void {
    this.failures.delete(key);
  }
}

function acceptLanguage(req: Request): string {
  const first = (req.header('accept-language') ?? '').split(',')[0];
  return toLocale(first) ?? defaultLocale;
}

export function mountDemoSignIn(server: Server, deps: { directory: EmbeddedDirectory; sessions: SessionRegistry; logger: Logger; clock: Clock }): void {
  const limiter = new FailureLimiter(deps.clock);

  server.get('/api/demo/accounts', async (_req: Request, res: Response) => {
    await Promise.resolve();
    res.send(200, deps.directory.demoAccounts());
  });

  server.post('/api/demo/signin', async (req: Request, res: Response) => {
    const body = (req.body ?? {}) as { userPrincipalName?: unknown; password?: unknown };
    if (typeof body.userPrincipalName !== 'string' || typeof body.password !== 'string' || body.userPrincipalName.length > 320 || body.password.length > 256) {
      res.send(400, { error: { code: 'badRequest', message: 'Send a user name and a password.' } });
      return;
    }
    const accountKey = `account:${body.userPrincipalName.trim().toLowerCase()}`;
    const addressKey = `address:${req.socket?.remoteAddress ?? 'unknown'}`;
    const until = limiter.blockedUntil(accountKey, maxFailuresPerAccount) ?? limiter.blockedUntil(addressKey, maxFailuresPerAddress);
    if (until) {
      res.send(429, { error: { code: 'tooManyAttempts', message: `Too many failed sign-ins. Try again after ${until.toISOString().slice(11, 16)} UTC.` } });
      return;
    }
    const user = await deps.directory.findUserByPrincipalName(body.userPrincipalName);
    const valid = user !== undefined && user.accountEnabled && (await deps.directory.verifyPassword(user.id, body.password));
    if (!user || !valid) {
      limiter.fail(accountKey);
      limiter.fail(addressKey);
      deps.logger.info('demo sign-in refused');
      res.send(401, { error: { code: 'invalidCredentials', message: 'That user name and password do not match.' } });
      return;
    }
    limiter.clear(accountKey);
    const locale = toLocale(user.preferredLanguage) ?? acceptLanguage(req);
    const { token } = await deps.sessions.issue({ userId: user.id, displayName: user.displayName, locale });
    deps.logger.info('demo sign-in', { userId: user.id });
    res.send(200, { token, userId: user.id, displayName: user.displayName, userPrincipalName: user.userPrincipalName, locale });
  });

  server.post('/api/demo/anonymous', async (req: Request, res: Response) => {
    await Promise.resolve();
    const locale = acceptLanguage(req);
    const { token, session } = await deps.sessions.issue({ userId: undefined, displayName: '', locale });
    res.send(200, { token, userId: session.fromId, locale });
  });

  server.post('/api/demo/signout', async (req: Request, res: Response) => {
    await Promise.resolve();
    const token = /^Bearer\s+(\S+)$/i.exec(req.header('authorization') ?? '')?.[1];
    if (token) await deps.sessions.revoke(token);
    res.send(204);
  });
}

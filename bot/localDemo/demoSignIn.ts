// The demo sign-in of the web chat page (local mode only): a visitor picks a demo account of the
// embedded tenant and types its password; the server then issues a Direct Line token bound to that
// user. The answer never says which part was wrong, and every answer that looked at a password cost
// one scrypt run, whether or not the name is an account. Guesses are limited per account, together
// with wrong current passwords in the chat (counted before the check, in the record store every
// instance shares, see signInFailures.ts), a name that is no account exactly alike, and password
// checks per client address for a short while only (see sourceRateLimit.ts), counted in the same
// store: in local mode every client is 127.0.0.1.
import type { Request, Response, Server } from 'restify';
import type { EmbeddedDirectory } from '../adapters/embedded/embeddedDirectory.js';
import type { SessionRegistry } from './sessions.js';
import { defaultLocale, toLocale } from '../core/i18n/i18n.js';
import type { Logger } from '../logger.js';
import type { Clock } from '../core/ports/clock.js';
import type { DirectoryUser } from '../core/ports/directory.js';
import type { RecordStore } from '../core/ports/recordStore.js';
import type { VerificationStore } from '../core/ports/verificationStore.js';
import type { Passwords } from '../core/usecases/passwords.js';
import { signInNames } from './signInFailures.js';
import { SharedSourceRateLimit, tooMany, type RateRule } from '../sourceRateLimit.js';

/** Password checks allowed per client address in a minute (many people may share one address). */
const perSource: RateRule = { limit: 30, windowMs: 60 * 1000 };
/** Anonymous chats one client address may open in a minute: a flood of them slows down, and can never push out a signed-in session (their cap is apart). */
const anonymousPerSource: RateRule = { limit: 20, windowMs: 60 * 1000 };

const wrongCredentials = { error: { code: 'invalidCredentials', message: 'That user name and password do not match.' } };
const lockedMessage = 'This account is locked, so it cannot sign in. Choose "I can\'t sign in" instead: the assistant checks who you are and resets the password, which unlocks the account.';

function acceptLanguage(req: Request): string {
  const first = (req.header('accept-language') ?? '').split(',')[0];
  return toLocale(first) ?? defaultLocale;
}

/**
 * One scrypt run whatever the name: an unknown name is checked against a dummy hash, and a disabled
 * or locked account is checked like any other, so the time taken tells nothing. A disabled account
 * is refused like a wrong password; a locked one is named only once its password was right.
 */
async function checkPassword(directory: EmbeddedDirectory, user: DirectoryUser | undefined, password: string): Promise<
  { readonly verdict: 'wrong' } | { readonly verdict: 'locked' | 'ok'; readonly user: DirectoryUser }
> {
  const matches = await directory.verifyPassword(user?.id ?? '', password);
  if (!user || !matches || !user.accountEnabled) return { verdict: 'wrong' };
  return { verdict: user.lockedOut ? 'locked' : 'ok', user };
}

export interface DemoSignInParts {
  readonly directory: EmbeddedDirectory;
  readonly sessions: SessionRegistry;
  readonly logger: Logger;
  readonly clock: Clock;
  /** Where demo-signin.json of earlier versions may be (taken over once). */
  readonly dataDir: string;
  /** The store every instance shares (the salt of names that are no account, the checks per address). */
  readonly records: RecordStore;
  readonly verificationStore: VerificationStore;
  /** Counts wrong passwords per account, with the chat's. */
  readonly passwords: Passwords;
}

export async function mountDemoSignIn(server: Server, deps: DemoSignInParts): Promise<void> {
  const nameDigest = await signInNames(deps);
  const sources = new SharedSourceRateLimit(deps.records, 'demoSignIn.sources', deps.clock, perSource);
  const visitors = new SharedSourceRateLimit(deps.records, 'demoAnonymous.sources', deps.clock, anonymousPerSource);

  server.get('/api/demo/accounts', async (_req: Request, res: Response) => {
    res.send(200, await deps.directory.demoAccounts());
  });

  server.post('/api/demo/signin', async (req: Request, res: Response) => {
    res.header('Cache-Control', 'no-store');
    const body = (req.body ?? {}) as { userPrincipalName?: unknown; password?: unknown };
    if (typeof body.userPrincipalName !== 'string' || typeof body.password !== 'string' || body.userPrincipalName.length > 320 || body.password.length > 256) {
      res.send(400, { error: { code: 'badRequest', message: 'Send a user name and a password.' } });
      return;
    }
    // The address's check and its count are one atomic change of the shared store: parallel requests, on any instance, are counted one by one.
    const sourceCheck = await sources.take(req.socket?.remoteAddress ?? 'unknown');
    if (!sourceCheck.ok) {
      const wait = sourceCheck.retryAfterSeconds;
      deps.logger.info('demo sign-in throttled', { reason: 'source' });
      tooMany(res, wait, 'rateLimited', `Too many sign-in attempts from this computer. Wait ${wait} seconds and try again.`);
      return;
    }
    // Counted before the check, atomically on the shared store: parallel guesses, on any instance, are checked within the limit.
    const found = await deps.directory.findUserByPrincipalName(body.userPrincipalName);
    const reservation = await deps.passwords.reservePasswordCheck(found ? { userId: found.id } : { nameDigest: nameDigest(body.userPrincipalName) });
    if (!reservation.ok) {
      // No password is checked: the address's count is taken back.
      await sourceCheck.giveBack();
      const seconds = Math.max(1, Math.ceil((reservation.until.getTime() - deps.clock.now().getTime()) / 1000));
      deps.logger.info('demo sign-in throttled', { reason: 'account' });
      tooMany(res, seconds, 'tooManyAttempts', `Too many failed sign-ins. Try again after ${reservation.until.toISOString().slice(11, 16)} UTC.`);
      return;
    }

    const checked = await checkPassword(deps.directory, found, body.password).catch(async (error: unknown) => {
      await reservation.value.fail();
      throw error;
    });
    if (checked.verdict === 'wrong') {
      await reservation.value.fail();
      deps.logger.info('demo sign-in refused');
      res.send(401, wrongCredentials);
      return;
    }
    const { user } = checked;
    if (checked.verdict === 'locked') {
      // Only now, with the right password, may the answer say why.
      await reservation.value.release({ clearEarlier: false });
      deps.logger.info('demo sign-in refused', { userId: user.id, reason: 'lockedOut' });
      res.send(403, { error: { code: 'accountLocked', message: lockedMessage } });
      return;
    }
    await reservation.value.release({ clearEarlier: true });
    const locale = toLocale(user.preferredLanguage) ?? acceptLanguage(req);
    const { token } = await deps.sessions.issue({ userId: user.id, displayName: user.displayName, locale });
    deps.logger.info('demo sign-in', { userId: user.id });
    res.send(200, { token, userId: user.id, displayName: user.displayName, userPrincipalName: user.userPrincipalName, locale });
  });

  server.post('/api/demo/anonymous', async (req: Request, res: Response) => {
    res.header('Cache-Control', 'no-store');
    if (!(await visitors.admit(req, res, 'new chats'))) return;
    const locale = acceptLanguage(req);
    const { token, session } = await deps.sessions.issue({ userId: undefined, displayName: '', locale });
    res.send(200, { token, userId: session.fromId, locale });
  });

  server.post('/api/demo/signout', async (req: Request, res: Response) => {
    await Promise.resolve();
    res.header('Cache-Control', 'no-store');
    const token = /^Bearer\s+(\S+)$/i.exec(req.header('authorization') ?? '')?.[1];
    if (token) await deps.sessions.revoke(token);
    res.send(204);
  });
}

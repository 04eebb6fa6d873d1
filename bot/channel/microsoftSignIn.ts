// The web chat page's way in. "Sign in with Microsoft" (when WEB_SIGNIN_CLIENT_ID and
// WEB_SIGNIN_TENANT_ID are set): the page signs the user in with MSAL (authorization code + PKCE)
// and sends the ID token here; this server checks it before it issues a web chat token bound to the
// user's object id (from its own Direct Line in local mode, from the Direct Line token service in
// Azure).
// Checked: the signature (the tenant's published keys), the issuer and the tenant, the audience
// (this page's app), the lifetime, and the nonce, which this bot gave out and takes back once
// (signInNonces.ts: any instance may take back a nonce another gave out). Every failure gets the
// same answer; the log says which check failed.
import { jwtVerify, type JWTPayload } from 'jose';
import type { Request, Response, Server } from 'restify';
import type { WebSignInConfig } from '../config.js';
import { toLocale } from '../core/i18n/i18n.js';
import type { Clock } from '../core/ports/clock.js';
import type { Directory } from '../core/ports/directory.js';
import type { RecordStore } from '../core/ports/recordStore.js';
import type { Logger } from '../logger.js';
import { SharedSourceRateLimit } from '../sourceRateLimit.js';
import type { WebChatIssuer, WebChatToken } from './directLineTokens.js';
import { tenantKeys, verifyFailure, type SigningKeys } from './entraKeys.js';
import { RecordSignInNonces } from './signInNonces.js';

export interface WebSignInParts {
  /** The Entra app of the page, when set. */
  readonly config: WebSignInConfig | undefined;
  /** Where web chat tokens come from: the bot's own Direct Line (local mode) or the Direct Line token service (Azure); none without either. */
  readonly chat: { readonly kind: 'local' | 'azure'; readonly issuer: WebChatIssuer } | undefined;
  readonly directory: Pick<Directory, 'findUserById'>;
  /** The store every instance shares: the nonces, and the requests counted per address. */
  readonly records: RecordStore;
  readonly clock: Clock;
  readonly logger: Logger;
}

/** Sign-in attempts per source address and minute. */
const perSource = { limit: 30, windowMs: 60 * 1000 };
/** New anonymous chats per source address and minute. */
const anonymousPerSource = { limit: 20, windowMs: 60 * 1000 };
const maxTokenLength = 16 * 1024;

/**
 * The page's origin when the request comes from this server's own page (its Origin names the host
 * the request was sent to; https, or http on this machine); else none, so no other page can have a
 * token made trusted for itself.
 */
function pageOrigin(req: Request): string | undefined {
  const origin = req.header('origin');
  if (!origin || !/^(https:\/\/[\w.-]+(:\d+)?|http:\/\/(localhost|127\.0\.0\.1)(:\d+)?)$/.test(origin)) return undefined;
  return new URL(origin).host === req.header('host') ? origin : undefined;
}

const chatUnavailable = { error: { code: 'chatUnavailable', message: 'The chat cannot be opened right now. Try again in a moment.' } };

/** A web chat token from the issuer, or a 503 the page can show when its service fails. */
async function chatToken(issuer: WebChatIssuer, user: Parameters<WebChatIssuer['issue']>[0], res: Response, logger: Logger): Promise<WebChatToken | undefined> {
  try {
    return await issuer.issue(user);
  } catch (error) {
    logger.warn('web chat token unavailable', { reason: error instanceof Error ? error.message : 'unknown' });
    res.send(503, chatUnavailable);
    return undefined;
  }
}

const notVerified = { error: { code: 'signInNotVerified', message: 'The sign-in could not be verified. Sign in again.' } };

/**
 * GET /api/signin/config (what the page offers), and when there is a chat to sign in to: Sign in
 * with Microsoft if configured, and in Azure the anonymous chat of someone who cannot sign in.
 */
export function mountWebSignIn(server: Server, parts: WebSignInParts): void {
  const { config, chat, clock } = parts;
  // restify takes async handlers or ones with a next callback.
  server.get('/api/signin/config', async (_req: Request, res: Response) => {
    await Promise.resolve();
    res.send(200, {
      microsoft: config && chat ? { clientId: config.clientId, authority: `${config.authorityHost}/${config.tenantId}` } : null,
      chat: chat?.kind ?? null,
    });
  });
  if (chat?.kind === 'azure') mountAnonymousChat(server, chat.issuer, new SharedSourceRateLimit(parts.records, 'anonymousChat.sources', clock, anonymousPerSource), parts.logger);
  const end = chat?.issuer.end?.bind(chat.issuer);
  if (end) {
    // Signing out of the page in Azure: its dl_ id (unguessable, known only to that page) stops standing for the user.
    server.post('/api/webchat/signout', async (req: Request, res: Response) => {
      const chatUserId = (req.body as { userId?: unknown } | undefined)?.userId;
      if (typeof chatUserId !== 'string' || chatUserId.length > 100) {
        res.send(400, { error: { code: 'badRequest', message: 'Send the chat user id to sign out.' } });
        return;
      }
      await end(chatUserId);
      res.send(204);
    });
  }
  if (config && chat) mountMicrosoftSignIn(server, { ...parts, config, issuer: chat.issuer });
}

/** In Azure: a chat bound to nobody, for the password reset of someone who cannot sign in (local mode has its own). */
function mountAnonymousChat(server: Server, issuer: WebChatIssuer, visitors: SharedSourceRateLimit, logger: Logger): void {
  server.post('/api/webchat/anonymous', async (req: Request, res: Response) => {
    res.header('Cache-Control', 'no-store');
    if (!(await visitors.admit(req, res, 'new chats'))) return;
    const locale = toLocale(req.header('accept-language')?.split(',')[0]) ?? 'en';
    const chat = await chatToken(issuer, { userId: undefined, displayName: '', locale, origin: pageOrigin(req) }, res, logger);
    if (!chat) return;
    res.send(200, { token: chat.token, userId: chat.chatUserId, domain: chat.domain, locale });
  });
}

function mountMicrosoftSignIn(server: Server, parts: WebSignInParts & { readonly config: WebSignInConfig; readonly issuer: WebChatIssuer }): void {
  const { config, clock, logger } = parts;
  const nonces = new RecordSignInNonces(parts.records, clock);
  const sources = new SharedSourceRateLimit(parts.records, 'microsoftSignIn.sources', clock, perSource);
  const tenant = tenantKeys(config.authorityHost, config.tenantId);

  server.post('/api/signin/nonce', async (req: Request, res: Response) => {
    res.header('Cache-Control', 'no-store');
    if (!(await sources.admit(req, res, 'sign-ins'))) return;
    res.send(200, { nonce: await nonces.issue() });
  });

  server.post('/api/signin/microsoft', async (req: Request, res: Response) => {
    res.header('Cache-Control', 'no-store');
    const idToken = (req.body as { idToken?: unknown } | undefined)?.idToken;
    if (typeof idToken !== 'string' || idToken.length === 0 || idToken.length > maxTokenLength) {
      res.send(400, { error: { code: 'badRequest', message: 'Send the ID token of the sign-in.' } });
      return;
    }
    // The tenant unreachable (its configuration or its keys) is an outage, said as one; anything
    // else wrong with the token is a refusal.
    const unavailable = (reason: string): void => {
      logger.warn('microsoft sign-in unavailable', { reason });
      res.send(503, { error: { code: 'signInUnavailable', message: 'Microsoft sign-in cannot be reached right now. Try again in a moment.' } });
    };
    let keySet: SigningKeys;
    try {
      keySet = await tenant.keys();
    } catch (error) {
      unavailable(error instanceof Error ? error.message : 'unknown');
      return;
    }
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(idToken, keySet, {
        issuer: tenant.issuer, audience: config.clientId, algorithms: ['RS256'], currentDate: clock.now(), clockTolerance: 60, requiredClaims: ['exp', 'iat', 'nonce'],
      }));
    } catch (error) {
      const failure = verifyFailure(error);
      if (failure.kind === 'unavailable') {
        unavailable(failure.reason);
        return;
      }
      logger.info('microsoft sign-in refused', { reason: failure.reason });
      res.send(401, notVerified);
      return;
    }
    // Once the token is verified its nonce is taken back, whatever else is wrong: no token counts twice.
    const nonceRedeemed = await nonces.redeem(payload.nonce);
    const failed = payload.tid !== config.tenantId ? 'tenant' : !nonceRedeemed ? 'nonce' : typeof payload.oid !== 'string' ? 'oid' : undefined;
    if (failed) {
      logger.info('microsoft sign-in refused', { reason: failed });
      res.send(401, notVerified);
      return;
    }
    const user = await parts.directory.findUserById(payload.oid as string);
    if (!user || !user.accountEnabled) {
      logger.info('microsoft sign-in refused', { reason: 'notInDirectory' });
      res.send(403, { error: { code: 'accountNotServed', message: 'Your account is not one this assistant serves. Ask your helpdesk.' } });
      return;
    }
    const locale = toLocale(user.preferredLanguage) ?? toLocale(req.header('accept-language')?.split(',')[0]) ?? 'en';
    const chat = await chatToken(parts.issuer, { userId: user.id, displayName: user.displayName, locale, origin: pageOrigin(req) }, res, logger);
    if (!chat) return;
    logger.info('microsoft sign-in', { userId: user.id });
    res.send(200, { token: chat.token, userId: chat.chatUserId, domain: chat.domain, displayName: user.displayName, userPrincipalName: user.userPrincipalName, locale });
  });
}

// The Teams tab's way to Microsoft Graph: the tab's single sign-on token (for this app, checked by
// the tab's API) exchanged on the user's behalf for a Graph token (OAuth 2.0 on-behalf-of, with the
// bot's app id and secret), for the one request that carries it. The Graph adapter asks through the
// UserTokenProvider port, with no request at hand: `run` makes the request's user and token known
// to `tokenFor` (AsyncLocalStorage). The exchanged token lives as long as that request and is never
// stored or logged. The chat gets its users' tokens from the Bot Framework token service instead.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { UserTokenProvider } from '../core/ports/userTokens.js';
import type { Logger } from '../logger.js';

export interface OnBehalfOfSettings {
  /** Where Entra ID issues tokens (WEB_SIGNIN_AUTHORITY_HOST) and the tenant. */
  readonly authorityHost: string;
  readonly tenantId: string;
  /** The bot's app registration (MicrosoftAppId, MicrosoftAppPassword): the tab's tokens are for it. */
  readonly clientId: string;
  readonly clientSecret: string;
  /** Microsoft Graph (GRAPH_URL): the token is asked for its default scope. */
  readonly graphUrl: string;
}

interface Request {
  readonly userId: string;
  readonly assertion: string;
  token?: Promise<string | undefined>;
}

/** The exchange was refused or failed: the tab cannot reach the user's account now (not a sign-in of theirs to refuse). */
export class OnBehalfOfUnavailable extends Error {
  constructor() {
    super('the tab\'s token could not be exchanged for Microsoft Graph');
    this.name = 'OnBehalfOfUnavailable';
  }
}

export class OnBehalfOfTokens implements UserTokenProvider {
  private readonly requests = new AsyncLocalStorage<Request>();

  constructor(private readonly settings: OnBehalfOfSettings, private readonly logger: Logger) {}

  /**
   * Runs `work` with this user's tab token at hand; exchanged once, at the first call that needs
   * Graph. Throws OnBehalfOfUnavailable when that exchange failed, whatever `work` made of it.
   */
  async run<T>(userId: string, assertion: string, work: () => Promise<T>): Promise<T> {
    const request: Request = { userId, assertion };
    const result = await this.requests.run(request, work);
    if (request.token && (await request.token) === undefined) throw new OnBehalfOfUnavailable();
    return result;
  }

  tokenFor(userId: string): Promise<string | undefined> {
    const request = this.requests.getStore();
    // Outside a tab request, or for someone else than its bearer: nothing.
    if (!request || request.userId.toLowerCase() !== userId.toLowerCase()) return Promise.resolve(undefined);
    request.token ??= this.exchange(request.assertion);
    return request.token;
  }

  private async exchange(assertion: string): Promise<string | undefined> {
    const { authorityHost, tenantId, clientId, clientSecret, graphUrl } = this.settings;
    const body = new URLSearchParams({
      grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
      requested_token_use: 'on_behalf_of',
      client_id: clientId,
      client_secret: clientSecret,
      assertion,
      scope: `${graphUrl}/.default`,
    });
    try {
      const response = await fetch(`${authorityHost}/${encodeURIComponent(tenantId)}/oauth2/v2.0/token`, { method: 'POST', body, signal: AbortSignal.timeout(10_000) });
      const answer = (await response.json().catch(() => ({}))) as { access_token?: unknown; error?: unknown };
      if (response.ok && typeof answer.access_token === 'string') return answer.access_token;
      // Consent missing, a wrong secret...: named by its OAuth error (invalid_grant, invalid_client), never with a token.
      this.logger.warn('the tab\'s token could not be exchanged for Microsoft Graph', { status: response.status, error: typeof answer.error === 'string' ? answer.error : undefined });
    } catch (error) {
      this.logger.warn('the tab\'s token could not be exchanged for Microsoft Graph', { error: error instanceof Error ? error.name : 'unknown' });
    }
    return undefined;
  }
}

// Microsoft Graph over the maintained SDK (@microsoft/microsoft-graph-client), with what a chat turn
// needs around it: 429 and 503 retried after Retry-After (a short wait only: a person is waiting),
// a timeout on every attempt, paging through @odata.nextLink, and a circuit that answers
// "unavailable" at once after repeated failures instead of making every turn wait. A request that
// Graph refuses for the token (401, 403) or cannot serve (5xx, timeout) throws a DirectoryError;
// other answers (2xx, 400, 404, 409) come back to the caller with their status and error code.
// Nothing of a token or of a response body is logged.
import { Client, HTTPMessageHandler, ResponseType, RetryHandler, RetryHandlerOptions, type Context, type Middleware } from '@microsoft/microsoft-graph-client';
import { DirectoryError } from '../../core/ports/directory.js';
import type { Logger } from '../../logger.js';

export interface GraphClientOptions {
  /** "https://graph.microsoft.com" (a national cloud's, or a test server's). */
  readonly baseUrl: string;
  /** Per attempt. */
  readonly timeoutMs?: number;
  /** A Retry-After longer than this is not waited for: the answer is "unavailable". */
  readonly maxRetryWaitSeconds?: number;
  /** Consecutive failures that open the circuit, and for how long it stays open. */
  readonly circuit?: { readonly failures: number; readonly openSeconds: number };
  readonly logger: Logger;
  readonly now?: () => number;
}

export interface GraphAnswer<T = unknown> {
  readonly status: number;
  /** Graph's error.code for a 4xx answer. */
  readonly code?: string;
  readonly body?: T;
  readonly headers: Headers;
}

/** Aborts an attempt that takes longer than the timeout; placed after the retry handler, so each attempt gets its own. */
class TimeoutHandler implements Middleware {
  private next?: Middleware;
  constructor(private readonly timeoutMs: number) {}
  setNext(next: Middleware): void {
    this.next = next;
  }
  async execute(context: Context): Promise<void> {
    context.options = { ...context.options, signal: AbortSignal.timeout(this.timeoutMs) };
    await this.next?.execute(context);
  }
}

/** "/v1.0/users/…?$filter=…" → "/v1.0/users/…" for the log: queries can hold user names. */
const logPath = (url: string): string => {
  try {
    return new URL(url, 'https://graph.invalid').pathname;
  } catch {
    return '(unparsable)';
  }
};

/** The WWW-Authenticate of a Conditional Access / fresh-MFA claims challenge. */
const isClaimsChallenge = (headers: Headers): boolean => /insufficient_claims|claims=/i.test(headers.get('www-authenticate') ?? '');

export class GraphClient {
  private readonly client: Client;
  private readonly now: () => number;
  private failures = 0;
  private openUntil = 0;

  constructor(private readonly options: GraphClientOptions) {
    this.now = options.now ?? Date.now;
    const maxWait = options.maxRetryWaitSeconds ?? 5;
    // Reads are retried; a write only after 429 (throttled: Graph did not take it). A write that got
    // a 5xx may have been done, and doing it twice (or reading its retry's refusal) would mislead.
    const retry = new RetryHandler(new RetryHandlerOptions(1, 2, (_delay, _attempt, _request, options, response) => {
      const after = Number(response.headers.get('retry-after') ?? '0');
      const read = (options?.method ?? 'GET').toUpperCase() === 'GET';
      return (read || response.status === 429) && Number.isFinite(after) && after <= maxWait;
    }));
    const timeout = new TimeoutHandler(options.timeoutMs ?? 10_000);
    const http = new HTTPMessageHandler();
    retry.setNext(timeout);
    timeout.setNext(http);
    this.client = Client.initWithMiddleware({ middleware: retry, baseUrl: options.baseUrl.replace(/\/+$/, ''), defaultVersion: 'v1.0' });
  }

  /** One request with a bearer token; `path` is "/me" (v1.0), "beta:/users/…" for beta, or a full @odata.nextLink. */
  async send<T>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', token: string, path: string, body?: unknown): Promise<GraphAnswer<T>> {
    if (this.now() < this.openUntil) throw new DirectoryError('unavailable', 'circuit open');
    const [version, resource] = this.resolve(path);
    let request = this.client.api(resource).version(version).header('Authorization', `Bearer ${token}`).responseType(ResponseType.RAW);
    if (body !== undefined) request = request.header('Content-Type', 'application/json');
    let response: Response;
    try {
      response = (method === 'GET' ? await request.get() : method === 'DELETE' ? await request.delete()
        : method === 'PATCH' ? await request.patch(body ?? {}) : await request.post(body ?? {})) as Response;
    } catch (error) {
      this.failed(method, path, `${(error as Error).name}`);
      // A write that timed out or lost its connection may have been done.
      throw new DirectoryError(method === 'GET' ? 'unavailable' : 'outcomeUnknown', (error as Error).name);
    }
    const answer = await this.read<T>(response);
    const requestId = response.headers.get('request-id') ?? undefined;
    if (response.status === 401 || response.status === 403) {
      this.succeeded();
      this.options.logger.warn('graph refused the token', { method, path: logPath(path), status: response.status, code: answer.code, requestId });
      if (isClaimsChallenge(response.headers)) throw new DirectoryError('freshMfaRequired');
      throw new DirectoryError(response.status === 401 ? 'signInRequired' : 'denied', answer.code);
    }
    if (response.status === 429 || response.status >= 500) {
      this.failed(method, path, `${response.status} ${answer.code ?? ''}`.trim(), requestId);
      throw new DirectoryError(method === 'GET' || response.status === 429 ? 'unavailable' : 'outcomeUnknown', String(response.status));
    }
    this.succeeded();
    if (response.status >= 400) this.options.logger.info('graph answered with an error', { method, path: logPath(path), status: response.status, code: answer.code, requestId });
    return answer;
  }

  /**
   * "beta:/x" → beta and "/x"; a full URL (an @odata.nextLink, an operation's Location) only on
   * Graph's own origin, split into its version and path: a token is never sent anywhere else.
   */
  private resolve(path: string): [string, string] {
    if (path.startsWith('beta:')) return this.resolve(path.slice(5)).map((part, i) => (i === 0 ? 'beta' : part)) as [string, string];
    if (!/^https?:\/\//i.test(path)) {
      // A path of ours; the SDK would read a host out of "://" anywhere in it, so none may be there.
      if (path.includes('://') || !path.startsWith('/')) throw new DirectoryError('unavailable', 'a malformed path');
      return ['v1.0', path];
    }
    const url = new URL(path);
    if (url.origin !== new URL(this.options.baseUrl).origin) throw new DirectoryError('unavailable', 'a link to another host');
    const [, version = 'v1.0', rest = ''] = /^\/(v1\.0|beta)(\/.*)$/.exec(url.pathname) ?? [];
    return [version, `${rest}${url.search}`];
  }

  /** Every item of a collection, page after page (at most `maxItems`, at most 50 pages); a refused page throws. */
  async list<T>(token: string, path: string, maxItems = 1000): Promise<{ status: number; items: T[] }> {
    const items: T[] = [];
    let next: string | undefined = path;
    for (let pages = 0; next && items.length < maxItems && pages < 50; pages++) {
      const page: GraphAnswer<{ value?: T[]; '@odata.nextLink'?: string }> = await this.send('GET', token, next);
      // A list that cannot be read whole is not shown in part, as if it were all.
      if (page.status >= 400) throw new DirectoryError('unavailable', `list ${page.status} ${page.code ?? ''}`.trim());
      items.push(...(page.body?.value ?? []));
      const link = page.body?.['@odata.nextLink'];
      next = typeof link === 'string' ? link : undefined;
    }
    return { status: 200, items: items.slice(0, maxItems) };
  }

  private async read<T>(response: Response): Promise<GraphAnswer<T>> {
    const type = response.headers.get('content-type') ?? '';
    if (response.status === 204) return { status: response.status, headers: response.headers };
    // A photo: its bytes (small; Graph serves sized copies).
    if (!type.includes('json')) return { status: response.status, headers: response.headers, body: response.ok ? ((await response.arrayBuffer()) as T) : undefined };
    const body = (await response.json().catch(() => undefined)) as (T & { error?: { code?: unknown } }) | undefined;
    const code = typeof body?.error?.code === 'string' ? body.error.code : undefined;
    return { status: response.status, code, body: response.ok ? body : undefined, headers: response.headers };
  }

  private failed(method: string, path: string, what: string, requestId?: string): void {
    this.failures += 1;
    const circuit = this.options.circuit ?? { failures: 5, openSeconds: 30 };
    if (this.failures >= circuit.failures) {
      this.openUntil = this.now() + circuit.openSeconds * 1000;
      this.failures = 0;
      this.options.logger.warn('graph unreachable: answering "unavailable" for a while', { seconds: circuit.openSeconds });
    }
    this.options.logger.warn('graph request failed', { method, path: logPath(path), failure: what, requestId });
  }

  private succeeded(): void {
    this.failures = 0;
  }
}

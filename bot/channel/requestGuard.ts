// What a request must show before any route sees it. Every body is JSON. In local mode (no app
// credentials, nothing authenticates a request) the server serves only this machine: the Host must
// be a loopback name, so a DNS-rebinding page is refused; a browser may call only from the page's
// own origin, so no other web page can drive the server; and the Bot Framework endpoint takes no
// browser requests at all and replies only to a loopback serviceUrl, so an activity (which local
// mode takes on trust, Teams identity included) can come only from a client on this machine, such as
// the Bot Framework Emulator or the Agents Playground, and its replies stay here.
import type { IncomingHttpHeaders } from 'node:http';

export interface Refusal {
  readonly status: number;
  readonly code: string;
  readonly message: string;
}

const loopbackNames = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The host name of a Host header (`name` or `name:port`), lower-cased; undefined when malformed. */
function hostName(host: string): string | undefined {
  const match = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::(\d{1,5}))?$/i.exec(host.trim());
  return match?.[1]?.toLowerCase();
}

export function isLoopbackHost(host: string | undefined): boolean {
  const name = host === undefined ? undefined : hostName(host);
  return name !== undefined && loopbackNames.has(name);
}

/** True for an http(s) URL on a loopback name. */
export function isLoopbackUrl(value: unknown): boolean {
  if (typeof value !== 'string' || value.length > 2048) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && loopbackNames.has(url.hostname.toLowerCase());
  } catch {
    return false;
  }
}

const single = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);

const jsonType = /^application\/json\s*(;\s*charset=utf-8\s*)?$/i;

/** Bodies are JSON, and so is any declared content type: a form post from another page never reaches a route. */
export function contentRefusal(headers: IncomingHttpHeaders): Refusal | undefined {
  const hasBody = headers['transfer-encoding'] !== undefined || (headers['content-length'] !== undefined && headers['content-length'] !== '0');
  const type = headers['content-type'];
  if ((type === undefined || type === '') && !hasBody) return undefined;
  if (type !== undefined && jsonType.test(type)) return undefined;
  return { status: 415, code: 'unsupportedMediaType', message: 'Send JSON (Content-Type: application/json).' };
}

/** Local mode: refuses requests that did not come from this machine's own clients or page. */
export function localRefusal(path: string, headers: IncomingHttpHeaders): Refusal | undefined {
  const host = single(headers.host);
  if (!isLoopbackHost(host)) {
    return { status: 421, code: 'misdirectedRequest', message: 'This server answers only requests addressed to localhost.' };
  }
  const origin = single(headers.origin);
  if (origin !== undefined && origin !== `http://${host?.toLowerCase()}`) {
    return { status: 403, code: 'forbiddenOrigin', message: 'Requests from other web pages are refused.' };
  }
  // Browsers send an Origin with every POST; the Emulator and the Agents Playground post from Node.
  if (path === '/api/messages' && origin !== undefined) {
    return { status: 403, code: 'forbiddenOrigin', message: 'The Bot Framework endpoint does not take requests from web pages; the chat page uses the Direct Line.' };
  }
  return undefined;
}

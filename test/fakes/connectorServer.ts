// A Bot Framework channel's connector service, as the bot calls it outside the HTTP response of a
// turn: POST /v3/conversations opens a conversation (Teams: a personal chat with the member given),
// POST /v3/conversations/:id/activities(/:replyToId) delivers an activity. Everything is recorded.
// It listens on 127.0.0.1 only and accepts calls without a token, as a local-mode bot sends them.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Delivered {
  readonly conversationId: string;
  readonly activity: { type?: string; text?: string; attachments?: { content?: unknown }[]; [key: string]: unknown };
}

export interface FakeConnector {
  /** The serviceUrl to put in activities (ends with a slash). */
  readonly url: string;
  /** The bodies of POST /v3/conversations, in order. */
  readonly created: Record<string, unknown>[];
  /** Every activity delivered, in order. */
  readonly delivered: Delivered[];
  /** Refuses POST /v3/conversations with this status from now on (Teams: 403 when the app is not installed for the user); undefined accepts again. */
  refuseCreate(status: number | undefined): void;
  /** What was delivered into one conversation. */
  deliveredTo(conversationId: string): Delivered['activity'][];
  stop(): Promise<void>;
}

export async function startFakeConnector(): Promise<FakeConnector> {
  const created: Record<string, unknown>[] = [];
  const delivered: Delivered[] = [];
  let refusal: number | undefined;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const answer = (status: number, value: unknown): void => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(value));
      };
      const activities = /^\/v3\/conversations\/([^/]+)\/activities(?:\/[^/]+)?$/.exec(url.pathname);
      if (req.method === 'POST' && url.pathname === '/v3/conversations') {
        if (refusal !== undefined) return answer(refusal, { error: { code: 'BotNotInConversationRoster', message: 'The bot is not part of the conversation roster.' } });
        const parameters = JSON.parse(body) as Record<string, unknown>;
        created.push(parameters);
        // Teams answers with the 1:1 chat's id, the same for the same member every time.
        const member = (parameters.members as { id?: string }[] | undefined)?.[0]?.id ?? 'nobody';
        return answer(201, { id: `a:personal-${member}` });
      }
      if (req.method === 'POST' && activities?.[1]) {
        delivered.push({ conversationId: decodeURIComponent(activities[1]), activity: JSON.parse(body) as Delivered['activity'] });
        return answer(200, { id: `activity-${delivered.length}` });
      }
      answer(404, { error: { code: 'NotFound', message: `${req.method ?? ''} ${url.pathname}` } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return {
    url,
    created,
    delivered,
    refuseCreate: (status) => void (refusal = status),
    deliveredTo: (conversationId) => delivered.filter((d) => d.conversationId === conversationId).map((d) => d.activity),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

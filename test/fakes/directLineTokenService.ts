// The Direct Line token service, for tests only: POST /v3/directline/tokens/generate as documented
// (Bearer secret in, `{ conversationId, token, expires_in }` out), on loopback. It keeps what it
// was asked, and can be told to fail.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface GenerateRequest {
  readonly authorization: string | undefined;
  readonly body: { user?: { id?: string; name?: string }; trustedOrigins?: string[] };
}

export interface DirectLineTokenService {
  /** What DIRECT_LINE_ENDPOINT is set to. */
  readonly endpoint: string;
  readonly requests: GenerateRequest[];
  /** The HTTP status it answers with from now on (200 unless told). */
  failWith(status: number | undefined): void;
  stop(): Promise<void>;
}

export async function startDirectLineTokenService(): Promise<DirectLineTokenService> {
  const requests: GenerateRequest[] = [];
  let failure: number | undefined;
  const server: Server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    req.on('end', () => {
      // Two calls: restify, loaded in the same process, makes writeHead return nothing.
      if (req.method !== 'POST' || req.url !== '/v3/directline/tokens/generate') {
        res.writeHead(404);
        return res.end();
      }
      requests.push({ authorization: req.headers.authorization, body: text ? (JSON.parse(text) as GenerateRequest['body']) : {} });
      if (failure !== undefined) {
        res.writeHead(failure);
        return res.end();
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ conversationId: `conversation-${requests.length}`, token: `dl-token-${requests.length}`, expires_in: 1800 }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    failWith: (status) => (failure = status),
    stop: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

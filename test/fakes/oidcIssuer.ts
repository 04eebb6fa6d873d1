// An OpenID Connect issuer shaped like Microsoft Entra ID's v2.0 endpoint, for tests only: it
// publishes its configuration and signing keys on loopback and signs ID tokens with the claims a
// test asks for (or with a key it never published). Built from the documented shapes:
// {authority}/{tenant}/v2.0/.well-known/openid-configuration, jwks_uri, and v2.0 ID token claims.
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, jwtVerify, SignJWT, type CryptoKey, type JWTPayload } from 'jose';

export interface OidcIssuer {
  /** What WEB_SIGNIN_AUTHORITY_HOST is set to: http://127.0.0.1:port. */
  readonly authorityHost: string;
  /** The issuer of the tenant's tokens: {authorityHost}/{tenantId}/v2.0. */
  readonly issuer: string;
  /** The issuer of its v1.0 access tokens (in its v1.0 configuration): {authorityHost}/{tenantId}/. */
  readonly v1Issuer: string;
  /** Requests for the configuration and the keys, by path. */
  readonly requests: string[];
  /** An ID token with these claims over the defaults (issuer, tenant, lifetime); signed with the published key unless told. */
  sign(claims: JWTPayload, options?: { readonly unpublishedKey?: boolean; readonly expiresInSeconds?: number }): Promise<string>;
  /**
   * Takes on-behalf-of requests at {authorityHost}/{tenant}/oauth2/v2.0/token (grant jwt-bearer,
   * requested_token_use on_behalf_of) from this client: an assertion it signed itself gets the access
   * token `issue` makes from its claims; anything else the documented error.
   */
  acceptOnBehalfOf(client: { readonly id: string; readonly secret: string }, issue: (assertion: JWTPayload, scope: string) => string): void;
  /** The on-behalf-of requests made, in order: their scope and whether they were granted. */
  readonly exchanges: { scope: string; granted: boolean }[];
  stop(): Promise<void>;
}

export async function startOidcIssuer(tenantId: string): Promise<OidcIssuer> {
  const published = await generateKeyPair('RS256');
  const unpublished = await generateKeyPair('RS256');
  const kid = randomUUID();
  const jwk = { ...(await exportJWK(published.publicKey)), kid, alg: 'RS256', use: 'sig' };
  const requests: string[] = [];
  const exchanges: { scope: string; granted: boolean }[] = [];
  let onBehalfOf: { client: { id: string; secret: string }; issue: (assertion: JWTPayload, scope: string) => string } | undefined;
  let authorityHost = '';
  const server: Server = createServer((req, res) => {
    const url = req.url ?? '';
    requests.push(url);
    const json = (body: unknown, status = 200): void => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.method === 'POST' && url === `/${tenantId}/oauth2/v2.0/token`) {
      let raw = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (raw += chunk));
      req.on('end', () => {
        const form = new URLSearchParams(raw);
        const scope = form.get('scope') ?? '';
        const refuse = (status: number, error: string, code: number): void => {
          exchanges.push({ scope, granted: false });
          json({ error, error_description: `AADSTS${code}: refused by the test issuer.`, error_codes: [code] }, status);
        };
        if (!onBehalfOf || form.get('client_id') !== onBehalfOf.client.id || form.get('client_secret') !== onBehalfOf.client.secret) return refuse(401, 'invalid_client', 7000215);
        if (form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer' || form.get('requested_token_use') !== 'on_behalf_of') return refuse(400, 'unsupported_grant_type', 70003);
        const issue = onBehalfOf.issue;
        jwtVerify(form.get('assertion') ?? '', published.publicKey, { audience: onBehalfOf.client.id }).then(
          ({ payload }) => {
            exchanges.push({ scope, granted: true });
            json({ token_type: 'Bearer', scope, expires_in: 3600, access_token: issue(payload, scope) });
          },
          () => refuse(400, 'invalid_grant', 50013),
        );
      });
      return;
    }
    if (url === `/${tenantId}/v2.0/.well-known/openid-configuration`) {
      return json({
        issuer: `${authorityHost}/${tenantId}/v2.0`,
        authorization_endpoint: `${authorityHost}/${tenantId}/oauth2/v2.0/authorize`,
        token_endpoint: `${authorityHost}/${tenantId}/oauth2/v2.0/token`,
        jwks_uri: `${authorityHost}/${tenantId}/discovery/v2.0/keys`,
        id_token_signing_alg_values_supported: ['RS256'],
      });
    }
    // The v1.0 configuration: the issuer of v1.0 access tokens (https://sts.windows.net/{tenant}/ at Entra ID), same keys.
    if (url === `/${tenantId}/.well-known/openid-configuration`) {
      return json({ issuer: `${authorityHost}/${tenantId}/`, jwks_uri: `${authorityHost}/${tenantId}/discovery/v2.0/keys`, id_token_signing_alg_values_supported: ['RS256'] });
    }
    if (url === `/${tenantId}/discovery/v2.0/keys`) return json({ keys: [jwk] });
    res.writeHead(404);
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  authorityHost = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const issuer = `${authorityHost}/${tenantId}/v2.0`;
  return {
    authorityHost,
    issuer,
    v1Issuer: `${authorityHost}/${tenantId}/`,
    requests,
    exchanges,
    acceptOnBehalfOf(client, issue) {
      onBehalfOf = { client: { ...client }, issue };
    },
    async sign(claims, options = {}) {
      const key: CryptoKey = options.unpublishedKey ? unpublished.privateKey : published.privateKey;
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({ ver: '2.0', iss: issuer, tid: tenantId, iat: now, nbf: now, exp: now + (options.expiresInSeconds ?? 3600), ...claims })
        .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
        .sign(key);
    },
    stop: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

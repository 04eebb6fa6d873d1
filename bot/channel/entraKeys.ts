// What the server's checks of Microsoft Entra ID tokens share (the web page's sign-in, the Teams
// tab's single sign-on): the tenant's v2.0 issuer and its signing keys, found through its OpenID
// configuration, and which failures of a check are an outage rather than a refusal.
import { createRemoteJWKSet } from 'jose';

export type SigningKeys = ReturnType<typeof createRemoteJWKSet>;

export interface TenantKeys {
  /** The issuer of the tenant's v2.0 tokens: {authorityHost}/{tenantId}/v2.0. */
  readonly issuer: string;
  /** The tenant's signing keys (its configuration fetched once, the keys then cached by jose); throws when it cannot be reached. */
  keys(): Promise<SigningKeys>;
}

export function tenantKeys(authorityHost: string, tenantId: string): TenantKeys {
  const issuer = `${authorityHost}/${tenantId}/v2.0`;
  let keys: SigningKeys | undefined;
  return {
    issuer,
    async keys() {
      if (keys) return keys;
      const response = await fetch(`${issuer}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(10_000) });
      if (!response.ok) throw new Error(`OpenID configuration: HTTP ${response.status}`);
      const metadata = (await response.json()) as { issuer?: unknown; jwks_uri?: unknown };
      if (metadata.issuer !== issuer || typeof metadata.jwks_uri !== 'string') throw new Error('OpenID configuration: unexpected issuer or no jwks_uri');
      keys = createRemoteJWKSet(new URL(metadata.jwks_uri));
      return keys;
    },
  };
}

/**
 * The issuer of the tenant's v1.0 access tokens (https://sts.windows.net/{tenant}/ in the public
 * cloud), read from its v1.0 OpenID configuration once. Access tokens for an app registration that
 * does not ask for v2.0 tokens are v1.0 ones, signed with the same keys.
 */
export function tenantV1Issuer(authorityHost: string, tenantId: string): () => Promise<string> {
  let issuer: string | undefined;
  return async () => {
    if (issuer) return issuer;
    const response = await fetch(`${authorityHost}/${tenantId}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(10_000) });
    if (!response.ok) throw new Error(`OpenID configuration (v1.0): HTTP ${response.status}`);
    const metadata = (await response.json()) as { issuer?: unknown };
    if (typeof metadata.issuer !== 'string' || !metadata.issuer.includes(tenantId)) throw new Error('OpenID configuration (v1.0): unexpected issuer');
    issuer = metadata.issuer;
    return issuer;
  };
}

/**
 * Why jose did not verify a token: `unavailable` when the keys could not be fetched (an outage, said
 * as one), else `refused` with jose's code and the claim it names (for the log; never the token).
 */
export function verifyFailure(error: unknown): { readonly kind: 'unavailable' | 'refused'; readonly reason: string } {
  const { code, claim } = (error ?? {}) as { code?: unknown; claim?: unknown };
  if (typeof code !== 'string' || code === 'ERR_JWKS_TIMEOUT') return { kind: 'unavailable', reason: typeof code === 'string' ? code : 'keys unreachable' };
  return { kind: 'refused', reason: typeof claim === 'string' ? `${code} ${claim}` : code };
}

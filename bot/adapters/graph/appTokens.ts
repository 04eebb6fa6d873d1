// The assistant's own Microsoft Graph token (client credentials, @azure/identity), when an admin
// gave it an identity (GRAPH_CLIENT_ID, GRAPH_CLIENT_SECRET). The token is never logged.
import { ClientSecretCredential } from '@azure/identity';
import type { DirectoryConfig } from '../../config.js';
import { DirectoryError } from '../../core/ports/directory.js';
import type { AppTokenProvider } from '../../core/ports/userTokens.js';
import type { Logger } from '../../logger.js';

export function applicationTokens(graph: Extract<DirectoryConfig, { kind: 'graph' }>, logger: Logger): AppTokenProvider | undefined {
  if (!graph.app) return undefined;
  const credential = new ClientSecretCredential(graph.tenantId, graph.app.clientId, graph.app.clientSecret, { authorityHost: graph.authorityHost });
  return {
    async token() {
      try {
        return (await credential.getToken(`${graph.graphUrl}/.default`)).token;
      } catch (error) {
        // Entra's error code (AADSTS…) says what is wrong with the registration; the message may say more than needed.
        const code = /AADSTS\d+/.exec((error as Error).message)?.[0];
        logger.warn('no application token for Microsoft Graph', { error: (error as Error).name, code });
        throw new DirectoryError('unavailable', `application token${code ? ` (${code})` : ''}`);
      }
    },
  };
}

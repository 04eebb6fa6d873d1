// npm run doctor: for an admin connecting the assistant to a tenant. With the configured
// credentials it calls Microsoft Graph read-only (the organization) and prints, for each account
// goal, how the assistant will carry it out, the Graph permission that needs, and what is missing.
// It never prints a token or the secret.
import { pathToFileURL } from 'node:url';
import { applicationTokens } from './adapters/graph/appTokens.js';
import { applicationBaseline, graphCapabilities, embeddedCapabilities, type CapabilityPlan } from './core/capabilities.js';
import type { AppTokenProvider } from './core/ports/userTokens.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { GraphClient } from './adapters/graph/graphClient.js';
import { createLogger, silentLogger, type Logger } from './logger.js';

/** The application permissions (roles) an app token carries; it is not verified here, only read. */
function rolesOf(token: string): string[] {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { roles?: unknown };
    return Array.isArray(payload.roles) ? payload.roles.filter((r): r is string => typeof r === 'string') : [];
  } catch {
    return [];
  }
}

const modeWords: Readonly<Record<CapabilityPlan['mode'], string>> = {
  embedded: 'embedded tenant',
  delegated: "user's token",
  application: "assistant's identity",
  portal: 'portal link',
};

/** The capability table, one Markdown row a capability (the README shows the same table); `extra` rows come first. */
export function capabilityTable(plans: readonly CapabilityPlan[], status: (plan: CapabilityPlan) => string, extra: readonly string[][] = []): string[] {
  const rows = [...extra, ...plans.map((p) => [p.capability, modeWords[p.mode], p.mode === 'portal' ? p.portal : p.permissions.join(', ') || '—', status(p)])];
  return ['| capability | mode | needs | status |', '|---|---|---|---|', ...rows.map((r) => `| ${r.join(' | ')} |`)];
}

/** What the doctor prints for a configuration; `appTokens` replaces the client secret's token (tests). */
export async function diagnose(config: Config, options: { appTokens?: AppTokenProvider; logger?: Logger } = {}): Promise<string[]> {
  const directory = config.directory;
  if (directory.kind === 'embedded') {
    return ['DIRECTORY=embedded: the assistant carries out every goal itself on the embedded tenant (TENANT_SEED).', '', ...capabilityTable(embeddedCapabilities(), () => 'ok')];
  }
  const logger = options.logger ?? silentLogger;
  const lines = [`DIRECTORY=graph, tenant ${directory.tenantId}, ${directory.graphUrl}`];
  const tokens = options.appTokens ?? applicationTokens(directory, logger);
  let roles: string[] = [];
  if (!tokens) {
    lines.push("No application identity (GRAPH_CLIENT_ID, GRAPH_CLIENT_SECRET): only what a user may do with their own token, and portal links.");
  } else {
    try {
      const token = await tokens.token();
      roles = token ? rolesOf(token) : [];
      const graph = new GraphClient({ baseUrl: directory.graphUrl, logger, timeoutMs: 10_000 });
      const org = token ? await graph.send<{ value?: { displayName?: string }[] }>('GET', token, '/organization?$select=id,displayName') : undefined;
      lines.push(org?.status === 200 ? `Connected as the assistant's identity to ${org.body?.value?.[0]?.displayName ?? 'the tenant'}; application permissions granted: ${roles.join(', ') || 'none'}.` : `Graph answered ${org?.status ?? 'nothing'} to a read of the organization.`);
    } catch (error) {
      lines.push(`Cannot use the assistant's identity: ${(error as Error).message}. Check GRAPH_CLIENT_ID, GRAPH_CLIENT_SECRET and the app registration.`);
    }
  }
  const plans = graphCapabilities(tokens ? directory.privileged : new Set());
  const missingOf = (permissions: readonly string[]): string => {
    const missing = permissions.filter((p) => !roles.includes(p));
    return missing.length === 0 ? 'ok' : `missing: ${missing.join(', ')}`;
  };
  const baseline = tokens ? applicationBaseline.map((b) => [b.purpose, modeWords.application, b.permission, missingOf([b.permission])]) : [];
  lines.push('', ...capabilityTable(plans, (plan) => {
    if (plan.mode === 'portal') return '—';
    if (plan.mode === 'delegated') return 'not checked here: admin consent for the sign-in connection';
    return missingOf(plan.permissions);
  }, baseline));
  return lines;
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Cannot check: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const lines = await diagnose(config, { logger: createLogger('error') });
  process.stdout.write(lines.join('\n') + '\n');
}

// Run as a program (npm run doctor), not when imported by the tests.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    process.stderr.write(`Cannot check: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}

// npm run doctor against a Graph-shaped fake: what an admin sees, and that the README's capability
// tables are exactly what it prints.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { loadConfig } from '../../bot/config.js';
import { diagnose } from '../../bot/doctor.js';
import { privilegedCapabilities } from '../../bot/core/capabilities.js';
import { DirectoryError } from '../../bot/core/ports/directory.js';
import { startFakeGraph, type FakeGraph } from '../fakes/graphServer.js';
import { demoSeed } from '../helpers.js';

const tenant = 'd54ea6ee-2a9c-43c4-9c93-501825625040';
const client = '11111111-2222-3333-4444-555555555555';
const allRoles = ['User.Read.All', 'Organization.Read.All', 'User.ReadWrite.All', 'UserAuthenticationMethod.ReadWrite.All', 'Device.ReadWrite.All', 'AuditLog.Read.All'];

describe('npm run doctor', function () {
  let graph: FakeGraph;
  before(async () => (graph = await startFakeGraph(await demoSeed())));
  after(() => graph.stop());

  const configOf = (env: NodeJS.ProcessEnv) => loadConfig({ DIRECTORY: 'graph', GRAPH_TENANT_ID: tenant, GRAPH_URL: graph.url, ...env }, '/srv/bot');
  const table = (lines: readonly string[]): string[] => lines.filter((l) => l.startsWith('|'));

  it('with the assistant\'s identity: reads the organization, lists the roles granted, and says what is missing per capability', async function () {
    const env = { GRAPH_CLIENT_ID: client, GRAPH_CLIENT_SECRET: 'c2VjcmV0LXZhbHVl', GRAPH_PRIVILEGED: privilegedCapabilities.join(',') };
    const token = graph.appToken(['AuditLog.Read.All', 'Organization.Read.All']);
    const lines = await diagnose(configOf(env), { appTokens: { token: () => Promise.resolve(token) } });
    assert.ok(lines.some((l) => l.startsWith('Connected as the assistant\'s identity to Contoso') && l.includes('AuditLog.Read.All')), lines.join('\n'));
    // What the identity reads on every turn is checked too: without User.Read.All no Teams user is found.
    assert.ok(lines.includes('| (every turn) find a Teams user by object id | assistant\'s identity | User.Read.All | missing: User.Read.All |'), lines.join('\n'));
    assert.ok(lines.includes('| signins.view | assistant\'s identity | AuditLog.Read.All | ok |'));
    assert.ok(lines.includes('| devices.disable | assistant\'s identity | Device.ReadWrite.All | missing: Device.ReadWrite.All |'));
    assert.ok(graph.requests.every((r) => r.method === 'GET'), 'read-only');
    for (const line of lines) assert.ok(!line.includes(token.slice(-16)) && !line.includes('c2VjcmV0'), line);
  });

  it('a credential that fails is named, not thrown', async function () {
    const env = { GRAPH_CLIENT_ID: client, GRAPH_CLIENT_SECRET: 's' };
    const lines = await diagnose(configOf(env), { appTokens: { token: () => Promise.reject(new DirectoryError('unavailable', 'application token (AADSTS7000215)')) } });
    assert.ok(lines.some((l) => l.startsWith('Cannot use the assistant\'s identity') && l.includes('AADSTS7000215')), lines.join('\n'));
  });

  it('the README\'s tables are what it prints: nothing privileged, and everything privileged with every role granted', async function () {
    const readme = (await readFile(new URL('../../../README.md', import.meta.url), 'utf8')).split('\n');
    const plain = table(await diagnose(configOf({})));
    const full = table(await diagnose(configOf({ GRAPH_CLIENT_ID: client, GRAPH_CLIENT_SECRET: 's', GRAPH_PRIVILEGED: privilegedCapabilities.join(',') }), { appTokens: { token: () => Promise.resolve(graph.appToken(allRoles)) } }));
    const contains = (rows: string[]): boolean => readme.some((_, i) => rows.every((row, j) => readme[i + j] === row));
    assert.ok(contains(plain), `README lacks:\n${plain.join('\n')}`);
    assert.ok(contains(full), `README lacks:\n${full.join('\n')}`);
    assert.ok(full.some((r) => r.includes('| signins.view | assistant\'s identity |')) && plain.some((r) => r.includes('| signins.view | portal link |')));
  });
});

// The Graph directory adapter against a Graph-shaped fake server (test/fakes/graphServer.ts): the
// same domain objects as the embedded tenant, each call with the right identity, and Graph's
// failures (throttling, outages, timeouts, refusals, the fresh-MFA rule) turned into answers.
import assert from 'node:assert/strict';
import { GraphClient } from '../../../../bot/adapters/graph/graphClient.js';
import { GraphDirectory, graphPhoneNumber } from '../../../../bot/adapters/graph/graphDirectory.js';
import { tenantInfoOf, termsOfUseOf } from '../../../../bot/adapters/embedded/embeddedDirectory.js';
import { seedAgreements, type Seed } from '../../../../bot/adapters/embedded/tenantSeed.js';
import type { PrivilegedCapability } from '../../../../bot/core/capabilities.js';
import { DirectoryError } from '../../../../bot/core/ports/directory.js';
import { startFakeGraph, type FakeGraph } from '../../../fakes/graphServer.js';
import { captureLogs, demoSeed } from '../../../helpers.js';

const allRoles = ['User.Read.All', 'Organization.Read.All', 'User.ReadWrite.All', 'UserAuthenticationMethod.ReadWrite.All', 'Device.ReadWrite.All', 'AuditLog.Read.All'];

interface Bed {
  readonly graph: FakeGraph;
  readonly seed: Seed;
  readonly lines: string[];
  directory(options?: { privileged?: readonly PrivilegedCapability[]; app?: boolean; userToken?: (userId: string) => string | undefined; timeoutMs?: number }): GraphDirectory;
}

async function bed(): Promise<Bed & { stop(): Promise<void> }> {
  const seed = await demoSeed();
  const graph = await startFakeGraph(seed);
  const { logger, lines } = captureLogs();
  return {
    graph, seed, lines,
    directory(options = {}) {
      const client = new GraphClient({ baseUrl: graph.url, logger, timeoutMs: options.timeoutMs ?? 2000, maxRetryWaitSeconds: 2, circuit: { failures: 3, openSeconds: 30 } });
      return new GraphDirectory({
        graph: client,
        userTokens: { tokenFor: (userId) => Promise.resolve(options.userToken ? options.userToken(userId) : graph.userToken(userId)) },
        appTokens: options.app === false ? undefined : { token: () => Promise.resolve(graph.appToken(allRoles)) },
        privileged: new Set(options.privileged ?? []),
        settings: tenantInfoOf(seed.tenant),
        termsOfUse: seedAgreements(seed).map(termsOfUseOf),
      });
    },
    stop: () => graph.stop(),
  };
}

const userNamed = (seed: Seed, name: string): Record<string, unknown> & { id: string } => {
  const user = seed.users.find((u) => String(u.userPrincipalName).startsWith(`${name}@`));
  assert.ok(user, name);
  return user as Record<string, unknown> & { id: string };
};

const rejectsWith = async (work: Promise<unknown>, failure: string): Promise<void> => {
  await assert.rejects(work, (error: unknown) => error instanceof DirectoryError && error.failure === failure);
};

describe('Graph phone numbers', function () {
  it('are "+{country code} {number}x{extension}", the number in digits, as Graph takes them', function () {
    assert.equal(graphPhoneNumber('+33 7 81 23 45 67'), '+33 781234567');
    assert.equal(graphPhoneNumber('+1 206-555-0100'), '+1 2065550100');
    assert.equal(graphPhoneNumber(' +46 70 123 45 67 x12 '), '+46 701234567x12');
    assert.equal(graphPhoneNumber('+31 612345678'), '+31 612345678');
  });
});

describe('Graph directory adapter', function () {
  let t: Bed & { stop(): Promise<void> };
  beforeEach(async () => (t = await bed()));
  afterEach(() => t.stop());

  it('reads the profile with the user\'s own token: fields, manager; $select on every read', async function () {
    const anna = userNamed(t.seed, 'anna');
    const profile = await t.directory({ app: false }).getProfile(anna.id);
    assert.equal(profile?.displayName, anna.displayName);
    assert.equal(profile?.officeLocation, anna.officeLocation);
    assert.deepEqual(profile?.otherMails, anna.otherMails);
    const manager = t.seed.users.find((u) => u.id === anna.manager);
    assert.equal(profile?.manager?.displayName, manager?.displayName);
    const reads = t.graph.requests.filter((r) => r.method === 'GET' && !r.path.includes('/photo'));
    assert.ok(reads.length >= 2 && reads.every((r) => r.path.includes('$select=')), reads.map((r) => r.path).join('\n'));
    assert.ok(t.graph.requests.every((r) => r.auth === 'user' && r.userId === anna.id));
  });

  it('lists methods, devices (through every page) and agreement acceptances in the domain\'s shapes', async function () {
    const erik = userNamed(t.seed, 'erik');
    t.graph.pageSize = 1;
    const directory = t.directory({ app: false });
    const methods = await directory.listAuthenticationMethods(erik.id);
    assert.equal(methods.length, (erik.authenticationMethods as unknown[]).length, 'the password method is not a sign-in method to show');
    assert.ok(methods.every((m) => ['phone', 'email', 'microsoftAuthenticator', 'softwareOath', 'fido2', 'windowsHelloForBusiness'].includes(m.kind)));
    const devices = await directory.listDevices(erik.id);
    assert.equal(devices.length, (erik.devices as unknown[]).length);
    assert.ok(t.graph.requests.filter((r) => r.path.includes('registeredDevices')).length > 1, 'paged');
    const acceptances = await directory.listAgreementAcceptances(erik.id);
    assert.equal(acceptances.length, (erik.agreementAcceptances as unknown[] | undefined ?? []).length);
  });

  it('changes the password with the user\'s token; a refusal (a wrong current password, or a banned new one: Graph does not say) changes nothing', async function () {
    const anna = userNamed(t.seed, 'anna');
    const directory = t.directory({ app: false });
    const at = { at: new Date(), historyCount: 3 };
    assert.deepEqual(await directory.changePassword(anna.id, 'not-it', 'Quiet-Orchard-Lamp-58', at), { ok: false, error: 'wrongCurrentOrRefused' });
    assert.equal(t.graph.users.get(anna.id)?.password, anna.password);
    assert.deepEqual(await directory.changePassword(anna.id, String(anna.password), 'Quiet-Orchard-Lamp-58', at), { ok: true, value: undefined });
    assert.equal(t.graph.users.get(anna.id)?.password, 'Quiet-Orchard-Lamp-58');
  });

  it('a credential change with an old sign-in meets the fresh-MFA rule: "freshMfaRequired", nothing changed', async function () {
    const anna = userNamed(t.seed, 'anna');
    const directory = t.directory({ app: false, userToken: (id) => t.graph.userToken(id, { mfaSecondsAgo: 3600 }) });
    const methods = await directory.listAuthenticationMethods(anna.id);
    const email = methods.find((m) => m.kind === 'email');
    assert.ok(email);
    await rejectsWith(directory.removeAuthenticationMethod(anna.id, email.id), 'freshMfaRequired');
    await rejectsWith(directory.changePassword(anna.id, String(anna.password), 'Quiet-Orchard-Lamp-58', { at: new Date(), historyCount: 3 }), 'freshMfaRequired');
    assert.equal((t.graph.users.get(anna.id)?.methods ?? []).length, methods.length);
  });

  it('removes only the user\'s own method, through the path of its kind; another id is "notFound" and sends no DELETE', async function () {
    const anna = userNamed(t.seed, 'anna');
    const erik = userNamed(t.seed, 'erik');
    const directory = t.directory({ app: false });
    const email = (await directory.listAuthenticationMethods(anna.id)).find((m) => m.kind === 'email');
    assert.ok(email);
    const theirs = (await directory.listAuthenticationMethods(erik.id)).find((m) => m.kind === 'microsoftAuthenticator');
    assert.ok(theirs);
    assert.deepEqual(await directory.removeAuthenticationMethod(anna.id, theirs.id), { ok: false, error: 'notFound' });
    assert.ok(!t.graph.requests.some((r) => r.method === 'DELETE'));
    assert.deepEqual(await directory.removeAuthenticationMethod(anna.id, email.id), { ok: true, value: undefined });
    assert.ok(t.graph.requests.some((r) => r.method === 'DELETE' && r.path.includes('/me/authentication/emailMethods/')));
    assert.ok(!(await directory.listAuthenticationMethods(anna.id)).some((m) => m.id === email.id));
  });

  it('signs out everywhere with the user\'s token', async function () {
    const claire = userNamed(t.seed, 'claire');
    const before = t.graph.users.get(claire.id)?.signInSessionsValidFromDateTime;
    assert.deepEqual(await t.directory({ app: false }).revokeSignInSessions(claire.id), { ok: true, value: undefined });
    assert.notEqual(t.graph.users.get(claire.id)?.signInSessionsValidFromDateTime, before);
  });

  it('without an admin\'s opt-in, privileged capabilities are portal-only and nothing is sent', async function () {
    const emily = userNamed(t.seed, 'emily');
    const directory = t.directory();
    assert.equal(directory.capabilities().find((p) => p.capability === 'signins.view')?.mode, 'portal');
    await rejectsWith(directory.listSignIns(emily.id, 10), 'notSupported');
    await rejectsWith(directory.disableDevice(emily.id, String((emily.devices as { id: string }[])[0]?.id)), 'notSupported');
    assert.ok(!t.graph.requests.some((r) => r.auth === 'app' && !r.path.startsWith('/v1.0/organization')));
    assert.equal(await directory.findUserByPrincipalName(String(emily.userPrincipalName)), undefined);
  });

  it('with the opt-in: sign-ins newest first (paged, at most top), a phone added, the user\'s own device disabled, a password reset', async function () {
    const emily = userNamed(t.seed, 'emily');
    const directory = t.directory({ privileged: ['signins.view', 'securityinfo.add', 'devices.disable', 'password.reset'] });
    const signIns = await directory.listSignIns(emily.id, 3);
    assert.equal(signIns.length, 3);
    assert.ok(signIns[0] && signIns[1] && signIns[0].createdDateTime >= signIns[1].createdDateTime);
    const all = await directory.listSignIns(emily.id, 50);
    assert.equal(all.length, (emily.signIns as unknown[]).length);
    assert.ok(all.some((s) => s.status.errorCode === 50126 && s.location?.countryOrRegion));

    const added = await directory.addAuthenticationMethod(emily.id, { kind: 'phone', phoneNumber: '+44 7700 900123', phoneType: 'alternateMobile' });
    assert.ok(added.ok && added.value.kind === 'phone' && added.value.phoneType === 'alternateMobile');

    const device = (await directory.listDevices(emily.id))[0];
    assert.ok(device);
    const other = userNamed(t.seed, 'erik');
    assert.deepEqual(await directory.disableDevice(emily.id, String((other.devices as { id: string }[])[0]?.id)), { ok: false, error: 'notFound' });
    assert.ok(!t.graph.requests.some((r) => r.method === 'PATCH'), 'another user\'s device: nothing sent');
    const disabled = await directory.disableDevice(emily.id, device.id);
    assert.ok(disabled.ok && !disabled.value.accountEnabled);

    assert.deepEqual(await directory.resetPassword(emily.id, 'Reset-Secret-Lamp-31', { at: new Date(), historyCount: 3 }), { ok: true, value: undefined });
    assert.equal(t.graph.users.get(emily.id)?.password, 'Reset-Secret-Lamp-31');
  });

  it('finds an account by name for an allowed reset; a name with quotes stays one literal', async function () {
    const directory = t.directory({ privileged: ['password.reset'] });
    const james = userNamed(t.seed, 'james');
    assert.equal((await directory.findUserByPrincipalName(String(james.userPrincipalName).toUpperCase()))?.id, james.id);
    assert.equal(await directory.findUserByPrincipalName("x' or userPrincipalName eq 'james@contoso.example"), undefined);
    // The whole name went as one literal, its quotes doubled, and Graph answered (no error was hidden).
    const sent = t.graph.requests.filter((r) => r.path.startsWith('/v1.0/users?')).at(-1);
    assert.ok(sent);
    assert.equal(new URL(sent.path, 'http://x').searchParams.get('$filter'), "userPrincipalName eq 'x'' or userPrincipalName eq ''james@contoso.example'");
  });

  it('429 and 503 are retried after Retry-After; an outage that lasts is "unavailable"; a slow Graph times out; then the circuit answers at once', async function () {
    const anna = userNamed(t.seed, 'anna');
    const directory = t.directory({ app: false, timeoutMs: 300 });
    t.graph.failNext({ path: /registeredDevices/ }, { status: 429, code: 'TooManyRequests', retryAfter: 1 });
    assert.ok((await directory.listDevices(anna.id)).length > 0, 'the retry succeeded');
    t.graph.failNext({ path: /registeredDevices/ }, { status: 503, code: 'ServiceUnavailable', retryAfter: 1 }, 3);
    await rejectsWith(directory.listDevices(anna.id), 'unavailable');
    t.graph.failNext({ path: /registeredDevices/ }, { status: 429, code: 'TooManyRequests', retryAfter: 120 });
    const before = Date.now();
    await rejectsWith(directory.listDevices(anna.id), 'unavailable');
    assert.ok(Date.now() - before < 2000, 'a long Retry-After is not waited for');
    // A write that gets a 503 is not sent again (it may have been done), and says so.
    const claire = userNamed(t.seed, 'claire');
    t.graph.failNext({ method: 'POST', path: /revokeSignInSessions/ }, { status: 503, code: 'ServiceUnavailable', retryAfter: 1 });
    await rejectsWith(t.directory({ app: false }).revokeSignInSessions(claire.id), 'outcomeUnknown');
    assert.equal(t.graph.requests.filter((r) => r.method === 'POST').length, 1);
    t.graph.delay(/agreementAcceptances/, 2000);
    await rejectsWith(directory.listAgreementAcceptances(anna.id), 'unavailable');
    const sent = t.graph.requests.length;
    await rejectsWith(directory.listDevices(anna.id), 'unavailable');
    assert.equal(t.graph.requests.length, sent, 'the open circuit sends nothing');
  });

  it('a token without the permission is "denied"; no token at all is "signInRequired"; nothing of a token reaches the log', async function () {
    const anna = userNamed(t.seed, 'anna');
    const narrow = t.directory({ app: false, userToken: (id) => t.graph.userToken(id, { scopes: ['User.Read'] }) });
    await rejectsWith(narrow.listAuthenticationMethods(anna.id), 'denied');
    await rejectsWith(t.directory({ app: false, userToken: () => undefined }).listDevices(anna.id), 'signInRequired');
    const token = t.graph.userToken(anna.id);
    await t.directory({ app: false, userToken: () => token }).listDevices(anna.id);
    assert.ok(t.lines.length > 0);
    for (const line of t.lines) {
      assert.ok(!line.includes(token.slice(-20)) && !/Bearer|eyJ/.test(line), line);
    }
  });
});

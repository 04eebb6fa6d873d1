// The fake Microsoft Graph answers with the shapes the Graph directory adapter relies on: $select,
// @odata.nextLink paging, the error body and its codes, claims challenges, throttling, the rules on
// deleting methods, the resetPassword operation, the one $filter form it parses.
import assert from 'node:assert/strict';
import { demoSeed } from '../helpers.js';
import { MFA_CLAIMS, PASSWORD_METHOD_ID, startFakeGraph, type FakeGraph } from './graphServer.js';

const ANNA = '5b7ced0c-100b-4c88-a04c-dbe3a8e2e301';
const ERIK = 'e3e351fc-5310-4c60-9ce7-ea646cce94e6';
const MARGAUX = 'b5b2f551-471e-49ca-95d6-906237a3c51b';

interface Answer { status: number; headers: Headers; body: any }

describe('fake Microsoft Graph', function () {
  let graph: FakeGraph;
  beforeEach(async function () {
    graph = await startFakeGraph(await demoSeed());
  });
  afterEach(async function () {
    await graph.stop();
  });

  async function call(method: string, path: string, token: string | undefined, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
    const response = await fetch(path.startsWith('http') ? path : `${graph.url}${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
  }

  it('GET /me honours $select, and every answer carries request-id and the client-request-id it was sent', async function () {
    const answer = await call('GET', '/v1.0/me?$select=displayName,department,lastPasswordChangeDateTime', graph.userToken(ANNA), undefined, { 'client-request-id': 'c0ffee' });
    assert.equal(answer.status, 200);
    assert.equal(answer.headers.get('content-type'), 'application/json');
    assert.equal(answer.headers.get('client-request-id'), 'c0ffee');
    assert.match(answer.headers.get('request-id') ?? '', /^[0-9a-f-]{36}$/);
    const { '@odata.context': _context, ...user } = answer.body;
    assert.deepEqual(user, { displayName: 'Anna de Boer', department: 'Finance', lastPasswordChangeDateTime: null });

    const plain = await call('GET', '/v1.0/me', graph.userToken(ANNA));
    assert.equal(plain.body.id, ANNA);
    assert.equal(plain.body.department, undefined, 'not in the default set');
    assert.equal(plain.body.password, undefined);

    const manager = await call('GET', '/v1.0/me/manager?$select=displayName', graph.userToken(ANNA));
    assert.equal(manager.body['@odata.type'], '#microsoft.graph.user');
    assert.equal(manager.body.displayName, 'Claire Dubois');
    assert.equal((await call('GET', '/v1.0/me/manager', graph.userToken('44cf16db-f0c8-437d-a6bb-35fcef56b22e'))).body.error.code, 'Request_ResourceNotFound');
    assert.equal((await call('GET', '/v1.0/me?$select=nope', graph.userToken(ANNA))).status, 400);
  });

  it('pages registeredDevices with @odata.nextLink, keeping $select', async function () {
    const token = graph.userToken(ERIK);
    const first = await call('GET', '/v1.0/me/registeredDevices?$select=id,displayName', token);
    assert.equal(first.body.value.length, 2);
    assert.deepEqual(Object.keys(first.body.value[0]), ['@odata.type', 'id', 'displayName']);
    const next = first.body['@odata.nextLink'] as string;
    assert.ok(next.startsWith(`${graph.url}/v1.0/me/registeredDevices?$select=id,displayName&$skiptoken=`), next);
    const second = await call('GET', next, token);
    assert.equal(second.body.value.length, 2);
    assert.equal(second.body['@odata.nextLink'], undefined);
    const names = ([...first.body.value, ...second.body.value] as { displayName: string }[]).map((d) => d.displayName);
    assert.deepEqual(names, graph.users.get(ERIK)?.devices.map((d) => d.displayName));
  });

  it('401 InvalidAuthenticationToken for a missing, foreign or expired token, with the documented error body', async function () {
    const other = await startFakeGraph(await demoSeed());
    const foreign = other.userToken(ANNA);
    await other.stop();
    for (const token of [undefined, 'not-a-jwt', foreign, graph.userToken(ANNA, { expiresInSeconds: -1 })]) {
      const answer = await call('GET', '/v1.0/me', token);
      assert.equal(answer.status, 401);
      assert.equal(answer.body.error.code, 'InvalidAuthenticationToken');
      assert.equal(typeof answer.body.error.message, 'string');
      assert.deepEqual(Object.keys(answer.body.error.innerError), ['date', 'request-id', 'client-request-id']);
      assert.equal(answer.body.error.innerError['request-id'], answer.headers.get('request-id'));
    }
    assert.deepEqual(graph.requests.map((r) => r.auth), ['none', 'none', 'none', 'none']);
    assert.equal((await call('GET', '/v1.0/nowhere', graph.userToken(ANNA))).body.error.code, 'Request_ResourceNotFound');
  });

  it('403 Authorization_RequestDenied without the scope or role; /me refuses an application token', async function () {
    const denied = await call('GET', '/v1.0/me/authentication/methods', graph.userToken(ANNA, { scopes: ['User.Read'] }));
    assert.equal(denied.status, 403);
    assert.equal(denied.body.error.code, 'Authorization_RequestDenied');
    assert.equal((await call('GET', `/v1.0/users/${ANNA}`, graph.appToken(['Device.ReadWrite.All']))).status, 403);
    assert.equal((await call('GET', `/v1.0/users/${ANNA}`, graph.userToken(ANNA))).status, 403);
    assert.equal((await call('GET', '/v1.0/me', graph.appToken(['User.Read.All']))).status, 400);

    const methods = await call('GET', '/v1.0/me/authentication/methods', graph.userToken(ANNA, { scopes: ['UserAuthenticationMethod.Read'] }));
    const types = (methods.body.value as { '@odata.type': string }[]).map((m) => m['@odata.type'].replace('#microsoft.graph.', ''));
    assert.deepEqual(types, [
      'phoneAuthenticationMethod', 'emailAuthenticationMethod', 'microsoftAuthenticatorAuthenticationMethod', 'passwordAuthenticationMethod',
    ]);
    assert.equal(methods.body.value[3].id, PASSWORD_METHOD_ID);
  });

  it('a credential change more than 10 minutes after MFA gets a claims challenge', async function () {
    const path = '/v1.0/me/authentication/emailMethods/cdc9692b-d974-40d6-b227-85c426759846';
    const stale = await call('DELETE', path, graph.userToken(ANNA, { mfaSecondsAgo: 601 }));
    assert.equal(stale.status, 401);
    assert.equal(stale.body.error.code, 'InvalidAuthenticationToken');
    const challenge = stale.headers.get('www-authenticate') ?? '';
    assert.match(challenge, /^Bearer .*error="insufficient_claims"/);
    const claims = /claims="([^"]+)"/.exec(challenge)?.[1] ?? '';
    assert.equal(claims, MFA_CLAIMS);
    assert.deepEqual(JSON.parse(Buffer.from(claims, 'base64').toString('utf8')), { access_token: { acrs: { essential: true, value: ['c1'] } } });
    const stalePassword = await call('POST', '/v1.0/me/changePassword', graph.userToken(ANNA, { mfaSecondsAgo: 900 }), { currentPassword: 'Tulip-Canal-42', newPassword: 'Otter-Meadow-91' });
    assert.equal(stalePassword.status, 401);
    assert.equal(graph.users.get(ANNA)?.methods.length, 3, 'nothing removed');

    assert.equal((await call('DELETE', path, graph.userToken(ANNA, { mfaSecondsAgo: 300 }))).status, 204);
    assert.equal(graph.users.get(ANNA)?.methods.length, 2);
    const wrong = await call('POST', '/v1.0/me/changePassword', graph.userToken(ANNA), { currentPassword: 'nope', newPassword: 'Otter-Meadow-91' });
    assert.deepEqual([wrong.status, wrong.body.error.code], [400, 'invalidRequest']);
    assert.equal((await call('POST', '/v1.0/me/changePassword', graph.userToken(ANNA), { currentPassword: 'Tulip-Canal-42', newPassword: 'Otter-Meadow-91' })).status, 204);
    assert.equal(graph.users.get(ANNA)?.password, 'Otter-Meadow-91');
  });

  it('failNext answers 429 with Retry-After, then serves again; delay holds an answer back', async function () {
    graph.failNext({ method: 'GET', path: /\/me\/registeredDevices/ }, { status: 429, code: 'TooManyRequests', retryAfter: 3 }, 2);
    const token = graph.userToken(ANNA);
    for (let i = 0; i < 2; i++) {
      const throttled = await call('GET', '/v1.0/me/registeredDevices', token);
      assert.deepEqual([throttled.status, throttled.headers.get('retry-after'), throttled.body.error.code], [429, '3', 'TooManyRequests']);
    }
    assert.equal((await call('GET', '/v1.0/me/registeredDevices', token)).status, 200);

    graph.delay(/\/v1\.0\/me$/, 300);
    await assert.rejects(fetch(`${graph.url}/v1.0/me`, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(50) }), { name: 'TimeoutError' });
    graph.delay(undefined, 0);
    assert.equal((await call('GET', '/v1.0/me', token)).status, 200);
  });

  it('refuses to delete the phone the default method relies on, and mobile while alternateMobile exists', async function () {
    const margaux = graph.users.get(MARGAUX);
    const mobile = margaux?.methods.find((m) => m.phoneType === 'mobile')?.id as string;
    const ruled = await call('DELETE', `/v1.0/me/authentication/phoneMethods/${mobile}`, graph.userToken(MARGAUX));
    assert.deepEqual([ruled.status, ruled.body.error.code], [400, 'invalidRequest'], 'sms relies on the mobile phone');

    const erikMobile = graph.users.get(ERIK)?.methods.find((m) => m.phoneType === 'mobile')?.id as string;
    assert.equal((await call('DELETE', `/v1.0/me/authentication/phoneMethods/${erikMobile}`, graph.userToken(ERIK))).status, 400);
    assert.equal((await call('DELETE', `/v1.0/me/authentication/emailMethods/${erikMobile}`, graph.userToken(ERIK))).status, 404, 'wrong type');
    assert.equal((await call('DELETE', `/v1.0/me/authentication/phoneMethods/${mobile}`, graph.userToken(ERIK))).status, 404, 'not his');

    const app = graph.appToken(['UserAuthenticationMethod.ReadWrite.All']);
    const patch = await call('PATCH', `/beta/users/${MARGAUX}/authentication/signInPreferences`, app, { userPreferredMethodForSecondaryAuthentication: 'push' });
    assert.equal(patch.status, 400, 'Margaux has no Authenticator');
    assert.equal((await call('PATCH', `/beta/users/${MARGAUX}/authentication/signInPreferences`, app, { userPreferredMethodForSecondaryAuthentication: 'voiceMobile' })).status, 204);
    assert.equal((await call('GET', `/beta/users/${MARGAUX}/authentication/signInPreferences`, app)).body.userPreferredMethodForSecondaryAuthentication, 'voiceMobile');
    assert.equal((await call('DELETE', `/v1.0/me/authentication/phoneMethods/${mobile}`, graph.userToken(MARGAUX))).status, 400, 'voiceMobile relies on it too');

    const added = await call('POST', `/v1.0/users/${ANNA}/authentication/phoneMethods`, app, { phoneNumber: '+31 698765432', phoneType: 'office' });
    assert.deepEqual([added.status, added.body.id], [201, 'e37fc753-ff3b-4958-9484-eaa9425c82bc']);
    assert.equal((await call('POST', `/v1.0/users/${ANNA}/authentication/phoneMethods`, app, { phoneNumber: '+31 698765432', phoneType: 'office' })).status, 409);
    // Only "+{country code} {number}x{extension}", the number in digits.
    for (const phoneNumber of ['0698765432', '+31 6 9876 5432', '+31698765432']) {
      assert.equal((await call('POST', `/v1.0/users/${ANNA}/authentication/phoneMethods`, app, { phoneNumber, phoneType: 'alternateMobile' })).body.error.code, 'invalidPhoneNumber', phoneNumber);
    }
  });

  it('resetPassword is not for applications; an administrator\'s (delegated) reset answers 202 with an operation that succeeds and unlocks', async function () {
    const refused = await call('POST', `/v1.0/users/${MARGAUX}/authentication/methods/${PASSWORD_METHOD_ID}/resetPassword`, graph.appToken(['UserAuthenticationMethod.ReadWrite.All']), { newPassword: 'Harbour-Silk-2027' });
    assert.equal(refused.status, 403);
    const app = graph.userToken(ANNA, { scopes: ['UserAuthenticationMethod.ReadWrite.All'] });
    assert.equal(graph.users.get(MARGAUX)?.lockedOut, true);
    const reset = await call('POST', `/v1.0/users/${MARGAUX}/authentication/methods/${PASSWORD_METHOD_ID}/resetPassword`, app, { newPassword: 'Harbour-Silk-2027' });
    assert.equal(reset.status, 202);
    const location = reset.headers.get('location') ?? '';
    assert.match(location, new RegExp(`^${graph.url}/v1\\.0/users/${MARGAUX}/authentication/operations/[0-9a-f-]{36}$`));
    const operation = await call('GET', location, app);
    assert.deepEqual([operation.status, operation.body.status], [200, 'succeeded']);
    assert.deepEqual([graph.users.get(MARGAUX)?.password, graph.users.get(MARGAUX)?.lockedOut], ['Harbour-Silk-2027', false]);
    assert.ok(graph.users.get(MARGAUX)?.lastPasswordChangeDateTime);
  });

  it('users?$filter=userPrincipalName eq ... matches without case; other filters are unsupported', async function () {
    const app = graph.appToken(['User.Read.All']);
    const found = await call('GET', `/v1.0/users?$filter=${encodeURIComponent("userPrincipalName eq 'Anna@Contoso.example'")}&$select=id,displayName`, app);
    assert.deepEqual(found.body.value, [{ id: ANNA, displayName: 'Anna de Boer' }]);
    assert.deepEqual((await call('GET', `/v1.0/users?$filter=${encodeURIComponent("userPrincipalName eq 'nobody@contoso.example'")}`, app)).body.value, []);
    const unsupported = await call('GET', `/v1.0/users?$filter=${encodeURIComponent("startswith(displayName,'A')")}`, app);
    assert.deepEqual([unsupported.status, unsupported.body.error.code], [400, 'Request_UnsupportedQuery']);

    const signIns = await call('GET', `/v1.0/auditLogs/signIns?$filter=${encodeURIComponent(`userId eq '${ANNA}'`)}&$top=5`, graph.appToken(['AuditLog.Read.All']));
    const dates = (signIns.body.value as { createdDateTime: string }[]).map((s) => s.createdDateTime);
    assert.deepEqual(dates, [...dates].sort().reverse(), 'newest first');
    assert.equal(signIns.body.value[0].userId, ANNA);
    assert.ok(signIns.body['@odata.nextLink']);
  });
});

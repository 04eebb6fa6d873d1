// In Azure the web page's chat tokens come from the Direct Line token service (a fake of it here):
// each sign-in gets a fresh unguessable dl_ id bound to the user, which the identity of a turn is
// then read from, for as long as the binding stands.
import assert from 'node:assert/strict';
import { DirectLineTokens } from '../../../bot/channel/directLineTokens.js';
import type { Clock } from '../../../bot/core/ports/clock.js';
import { MemoryRecords } from '../../fakes/memoryRecords.js';
import { startDirectLineTokenService, type DirectLineTokenService } from '../../fakes/directLineTokenService.js';

describe('Direct Line tokens (Azure)', function () {
  let service: DirectLineTokenService;
  let now = new Date('2026-12-01T09:00:00Z');
  const clock: Clock = { now: () => now };
  const revoked = new Set<string>();
  const tokens = (records = new MemoryRecords()): DirectLineTokens =>
    new DirectLineTokens({ secret: 'the-channel-secret', endpoint: service.endpoint }, records, clock, (userId) => Promise.resolve(!revoked.has(userId)));

  before(async () => (service = await startDirectLineTokenService()));
  after(() => service.stop());
  beforeEach(() => {
    now = new Date('2026-12-01T09:00:00Z');
    revoked.clear();
    service.failWith(undefined);
  });

  it('asks the token service with the secret for a fresh dl_ id that says nothing of the user, and binds that id to the user', async function () {
    const issuer = tokens();
    const first = await issuer.issue({ userId: 'user-anna', displayName: 'Anna de Boer' });
    const second = await issuer.issue({ userId: 'user-anna', displayName: 'Anna de Boer' });
    const asked = service.requests.slice(-2);
    assert.deepEqual(asked.map((r) => r.authorization), ['Bearer the-channel-secret', 'Bearer the-channel-secret']);
    assert.deepEqual(asked.map((r) => r.body.user?.id), [first.chatUserId, second.chatUserId]);
    assert.match(first.chatUserId, /^dl_[\w-]{20,}$/);
    assert.notEqual(first.chatUserId, second.chatUserId);
    assert.ok(!first.chatUserId.includes('anna'));
    assert.equal(first.domain, `${service.endpoint}/v3/directline`);
    assert.match(first.token, /^dl-token-/);
    assert.equal(await issuer.userFor(first.chatUserId), 'user-anna');
    assert.equal(await issuer.userFor(second.chatUserId), 'user-anna');
  });

  it('names the page as the trusted origin when it knows it', async function () {
    await tokens().issue({ userId: 'user-anna', displayName: 'Anna', origin: 'https://intranet.contoso.example' });
    assert.deepEqual(service.requests.at(-1)?.body.trustedOrigins, ['https://intranet.contoso.example']);
    await tokens().issue({ userId: 'user-anna', displayName: 'Anna' });
    assert.equal(service.requests.at(-1)?.body.trustedOrigins, undefined);
  });

  it('binds nothing for someone who cannot sign in, and knows no id it did not issue', async function () {
    const issuer = tokens();
    const anonymous = await issuer.issue({ userId: undefined, displayName: '' });
    assert.equal(await issuer.userFor(anonymous.chatUserId), undefined);
    assert.equal(await issuer.userFor('dl_made-up-by-someone-else-1234'), undefined);
    assert.equal(await issuer.userFor('user-anna'), undefined);
  });

  it('another instance over the same records knows the binding; it ends with a sign-out everywhere or after 12 hours', async function () {
    const records = new MemoryRecords();
    const { chatUserId } = await tokens(records).issue({ userId: 'user-anna', displayName: 'Anna' });
    const other = tokens(records.anotherProcess());
    assert.equal(await other.userFor(chatUserId), 'user-anna');
    revoked.add('user-anna');
    assert.equal(await other.userFor(chatUserId), undefined);
    revoked.clear();
    now = new Date(now.getTime() + 12 * 60 * 60 * 1000 + 1000);
    assert.equal(await other.userFor(chatUserId), undefined);
  });

  it('signing out of the page ends the binding; an id that is not a dl_ id is left alone', async function () {
    const issuer = tokens();
    const { chatUserId } = await issuer.issue({ userId: 'user-anna', displayName: 'Anna' });
    await issuer.end('user-anna');
    assert.equal(await issuer.userFor(chatUserId), 'user-anna');
    await issuer.end(chatUserId);
    assert.equal(await issuer.userFor(chatUserId), undefined);
  });

  it('a failing token service is an error, not a token', async function () {
    service.failWith(503);
    await assert.rejects(tokens().issue({ userId: 'user-anna', displayName: 'Anna' }), /HTTP 503/);
  });
});

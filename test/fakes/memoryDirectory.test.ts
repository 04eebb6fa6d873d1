// The in-memory Directory keeps the port's contract the use-case tests rely on: everything scoped to
// the user, passwords with history, unlock, session revocation, organizations that cannot be left.
import assert from 'node:assert/strict';
import { anna, bert, memoryDirectory } from './memoryDirectory.js';

describe('memoryDirectory (test fake)', function () {
  it('an object of another user is notFound, and stays as it was', async function () {
    const directory = memoryDirectory();
    assert.deepEqual(await directory.disableDevice('user-anna', 'dev-bert-phone'), { ok: false, error: 'notFound' });
    assert.deepEqual(await directory.removeAuthenticationMethod('user-anna', 'bert-mobile'), { ok: false, error: 'notFound' });
    assert.deepEqual(await directory.leaveOrganization('user-bert', 'tenant-fabrikam'), { ok: false, error: 'notFound' });
    assert.equal((await directory.listDevices('user-bert'))[0]?.accountEnabled, true);
    assert.equal((await directory.listAuthenticationMethods('user-bert')).length, 1);
    assert.deepEqual(await directory.setPassword('user-gone', 'x', { unlock: true, at: new Date() }), { ok: false, error: 'notFound' });
  });

  it('setPassword keeps the history, records the time and unlocks only when asked', async function () {
    const directory = memoryDirectory({ users: [anna({ lockedOut: true, previousPasswords: [] })] });
    const at = new Date('2025-03-10T09:00:00.000Z');
    await directory.setPassword('user-anna', 'First-New-Lamp-1', { unlock: false, at });
    assert.equal((await directory.findUserById('user-anna'))?.lockedOut, true);
    await directory.setPassword('user-anna', 'Second-New-Lamp-2', { unlock: true, at });
    const user = await directory.findUserById('user-anna');
    assert.deepEqual([user?.lockedOut, user?.lastPasswordChangeDateTime], [false, at.toISOString()]);
    assert.equal(await directory.verifyPassword('user-anna', 'Second-New-Lamp-2'), true);
    assert.equal(await directory.verifyPassword('user-anna', 'First-New-Lamp-1'), false);
    assert.equal(await directory.isRecentPassword('user-anna', 'First-New-Lamp-1', 2), true);
    assert.equal(await directory.isRecentPassword('user-anna', 'Winter-Morning-42', 2), false, 'three back, beyond the last two');
    assert.equal(await directory.isRecentPassword('user-anna', 'Winter-Morning-42', 3), true);
  });

  it('revokeSignInSessions sets signInSessionsValidFromDateTime', async function () {
    const directory = memoryDirectory();
    const at = new Date('2025-03-10T09:30:00.000Z');
    await directory.revokeSignInSessions('user-bert', at);
    assert.equal((await directory.findUserById('user-bert'))?.signInSessionsValidFromDateTime, at.toISOString());
    assert.equal((await directory.findUserById('user-anna'))?.signInSessionsValidFromDateTime, undefined);
  });

  it('leaveOrganization refuses the home organization and one that forbids it', async function () {
    const directory = memoryDirectory();
    assert.deepEqual(await directory.leaveOrganization('user-anna', 'tenant-contoso'), { ok: false, error: 'homeOrganization' });
    assert.deepEqual(await directory.leaveOrganization('user-anna', 'tenant-northwind'), { ok: false, error: 'leaveNotAllowed' });
    assert.deepEqual(await directory.leaveOrganization('user-anna', 'tenant-fabrikam'), { ok: true, value: undefined });
    assert.deepEqual((await directory.listOrganizations('user-anna')).map((o) => o.tenantId), ['tenant-contoso', 'tenant-northwind']);
  });

  it('each directory has its own copy of the fixture', async function () {
    const fixture = { users: [bert()] };
    const first = memoryDirectory(fixture);
    await first.disableDevice('user-bert', 'dev-bert-phone');
    assert.equal((await memoryDirectory(fixture).listDevices('user-bert'))[0]?.accountEnabled, true);
    assert.equal(fixture.users[0]?.devices[0]?.accountEnabled, true);
  });
});

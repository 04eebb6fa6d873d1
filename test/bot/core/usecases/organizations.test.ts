// Organizations: home first then guests by name; the home organization can never be left, some guest
// organizations forbid it, another tenant is notFound; leaving (or the refusal) is audited.
import assert from 'node:assert/strict';
import { anna, guestOrganization, homeOrganization } from '../../../fakes/memoryDirectory.js';
import { actorFor, testBed } from '../../../fakes/testBed.js';

const annaActor = actorFor('user-anna');
const fabrikam = guestOrganization('tenant-fabrikam', 'Fabrikam');
const northwind = guestOrganization('tenant-northwind', 'Northwind', false);

describe('Organizations', function () {
  it('lists the home organization first, then the guest ones by name', async function () {
    const { useCases: { organizations } } = testBed({ users: [anna({ organizations: [northwind, homeOrganization, fabrikam] })] });
    assert.deepEqual((await organizations.list('user-anna')).map((o) => o.displayName), ['Contoso', 'Fabrikam', 'Northwind']);
  });

  it('leavable: only a guest organization that allows it; why not otherwise', async function () {
    const { useCases: { organizations } } = testBed();
    assert.deepEqual(await organizations.leavable('user-anna', 'tenant-fabrikam'), { ok: true, value: fabrikam });
    assert.deepEqual(await organizations.leavable('user-anna', 'tenant-contoso'), { ok: false, error: 'homeOrganization', organization: homeOrganization });
    assert.deepEqual(await organizations.leavable('user-anna', 'tenant-northwind'), { ok: false, error: 'leaveNotAllowed', organization: northwind });
    assert.deepEqual(await organizations.leavable('user-bert', 'tenant-fabrikam'), { ok: false, error: 'notFound' }, 'Bert is no guest there');
    assert.deepEqual(await organizations.leavable('user-anna', undefined), { ok: false, error: 'notFound' });
  });

  it('leave: a guest organization that allows it is left, and audited', async function () {
    const bed = testBed();
    assert.deepEqual(await bed.useCases.organizations.leave(annaActor, 'tenant-fabrikam'), { ok: true, value: undefined });
    assert.deepEqual((await bed.useCases.organizations.list('user-anna')).map((o) => o.tenantId), ['tenant-contoso', 'tenant-northwind']);
    assert.deepEqual(bed.ports.audit.entries.map((e) => [e.action, e.result, e.target]), [['organizations.leave', 'success', 'organization tenant-fabrikam']]);
  });

  it('leave: the home organization, one that forbids it and one that is not the user\'s are refused, audited, and nothing changes', async function () {
    const bed = testBed();
    const { organizations } = bed.useCases;
    assert.deepEqual(await organizations.leave(annaActor, 'tenant-contoso'), { ok: false, error: 'homeOrganization' });
    assert.deepEqual(await organizations.leave(annaActor, 'tenant-northwind'), { ok: false, error: 'leaveNotAllowed' });
    assert.deepEqual(await organizations.leave(actorFor('user-bert'), 'tenant-fabrikam'), { ok: false, error: 'notFound' });
    assert.equal((await organizations.list('user-anna')).length, 3);
    assert.deepEqual(bed.ports.audit.entries.map((e) => [e.userId, e.result, e.reason, e.target]), [
      ['user-anna', 'refused', 'homeOrganization', 'Contoso'],
      ['user-anna', 'refused', 'leaveNotAllowed', 'Northwind'],
      ['user-bert', 'refused', 'notFound', undefined],
    ]);
  });
});

// Devices: the user's enabled devices, most recently used first; another user's device is never
// found nor disabled; disabling is audited.
import assert from 'node:assert/strict';
import { anna, device } from '../../../fakes/memoryDirectory.js';
import { actorFor, testBed } from '../../../fakes/testBed.js';

const devices = [
  device('dev-old', 'Old laptop', { approximateLastSignInDateTime: '2025-01-05T08:00:00.000Z' }),
  device('dev-off', 'Returned phone', { accountEnabled: false, approximateLastSignInDateTime: '2025-03-09T08:00:00.000Z' }),
  device('dev-new', 'New laptop', { approximateLastSignInDateTime: '2025-03-08T08:00:00.000Z' }),
  device('dev-never', 'Unused tablet', { approximateLastSignInDateTime: undefined }),
];

describe('Devices', function () {
  it('active: enabled devices only, most recently used first, never-used last', async function () {
    const { useCases } = testBed({ users: [anna({ devices })] });
    assert.deepEqual((await useCases.devices.active('user-anna')).map((d) => d.id), ['dev-new', 'dev-old', 'dev-never']);
  });

  it('find: only the user\'s own enabled devices', async function () {
    const { useCases } = testBed();
    assert.equal((await useCases.devices.find('user-anna', 'dev-anna-laptop'))?.displayName, 'CON-LT-0142');
    assert.equal(await useCases.devices.find('user-anna', 'dev-bert-phone'), undefined);
    assert.equal(await useCases.devices.find('user-anna', undefined), undefined);
  });

  it('disable: the user\'s device is disabled and audited; another user\'s is refused, audited, and left alone', async function () {
    const bed = testBed();
    const done = await bed.useCases.devices.disable(actorFor('user-anna'), 'dev-anna-laptop');
    assert.equal(done.ok && done.value.accountEnabled, false);
    assert.equal(await bed.useCases.devices.find('user-anna', 'dev-anna-laptop'), undefined, 'no longer active');
    assert.deepEqual(await bed.useCases.devices.disable(actorFor('user-anna'), 'dev-bert-phone'), { ok: false, error: 'notFound' });
    assert.equal((await bed.useCases.devices.find('user-bert', 'dev-bert-phone'))?.accountEnabled, true);
    assert.deepEqual(bed.ports.audit.entries.map((e) => [e.action, e.result, e.target ?? e.reason]), [['devices.disable', 'success', 'device CON-LT-0142'], ['devices.disable', 'refused', 'notFound']]);
  });
});

// LostDevice: what can be done for one of the user's own devices (its Authenticator, the new
// defaults to choose from), and carrying it out: disable, sign out everywhere, remove the
// Authenticator only after a check and with the default the user chose.
import assert from 'node:assert/strict';
import { anna, authenticatorApp, bert, emailMethod, mobilePhone } from '../../../fakes/memoryDirectory.js';
import { actorFor, testBed, type TestBed } from '../../../fakes/testBed.js';

const annaActor = actorFor('user-anna');

const methodIds = async (bed: TestBed): Promise<string[]> => (await bed.ports.directory.listAuthenticationMethods('user-anna')).map((m) => m.id);
const preference = async (bed: TestBed): Promise<string | undefined> => (await bed.ports.directory.getSignInPreferences('user-anna'))?.userPreferredMethodForSecondaryAuthentication;
const enabled = async (bed: TestBed, userId: string, deviceId: string): Promise<boolean | undefined> =>
  (await bed.ports.directory.listDevices(userId)).find((d) => d.id === deviceId)?.accountEnabled;
const audited = (bed: TestBed): [string, string, string | undefined][] => bed.ports.audit.entries.map((e) => [e.action, e.result, e.target ?? e.reason]);

describe('LostDevice', function () {
  describe('plan', function () {
    it('is notFound for another user\'s device, an unknown id, no id, or a device already disabled', async function () {
      const { useCases: { lostDevice } } = testBed({ users: [anna({ devices: [...anna().devices, { id: 'dev-anna-old', displayName: 'Old phone', accountEnabled: false }] }), bert()] });
      assert.deepEqual(await lostDevice.plan('user-anna', 'dev-bert-phone'), { ok: false, error: 'notFound' });
      assert.deepEqual(await lostDevice.plan('user-anna', 'dev-nowhere'), { ok: false, error: 'notFound' });
      assert.deepEqual(await lostDevice.plan('user-anna', undefined), { ok: false, error: 'notFound' });
      assert.deepEqual(await lostDevice.plan('user-anna', 'dev-anna-old'), { ok: false, error: 'notFound' });
      assert.ok((await lostDevice.plan('user-anna', 'dev-anna-laptop')).ok, 'her own enabled device is found');
    });

    it('offers the device\'s Authenticator and, when the default relies on it, the new defaults to choose from', async function () {
      const { useCases: { lostDevice } } = testBed();
      const plan = await lostDevice.plan('user-anna', 'dev-anna-phone');
      assert.ok(plan.ok);
      assert.equal(plan.value.device.id, 'dev-anna-phone');
      assert.equal(plan.value.authenticator?.id, 'anna-authenticator');
      assert.deepEqual(plan.value.newDefaultChoices.map((c) => [c.preference, c.method.id]), [['sms', 'anna-mobile'], ['voiceMobile', 'anna-mobile'], ['voiceOffice', 'anna-office']]);
    });

    it('matches the Authenticator by the device name, ignoring case and outer spaces', async function () {
      const { useCases: { lostDevice } } = testBed({ users: [anna({ methods: [mobilePhone('anna-mobile', '+46 70 123 45 67'), authenticatorApp('anna-authenticator', '  PIXEL 8 ')] })] });
      const plan = await lostDevice.plan('user-anna', 'dev-anna-phone');
      assert.equal(plan.ok && plan.value.authenticator?.id, 'anna-authenticator');
    });

    it('offers no new defaults when the default does not rely on that Authenticator', async function () {
      const { useCases: { lostDevice } } = testBed({ users: [anna({ preference: 'sms' })] });
      const plan = await lostDevice.plan('user-anna', 'dev-anna-phone');
      assert.ok(plan.ok);
      assert.equal(plan.value.authenticator?.id, 'anna-authenticator');
      assert.deepEqual(plan.value.newDefaultChoices, []);
    });

    it('offers no Authenticator for a device that has none, nor when it is the user\'s last method', async function () {
      const laptop = await testBed().useCases.lostDevice.plan('user-anna', 'dev-anna-laptop');
      assert.deepEqual(laptop.ok && [laptop.value.authenticator, laptop.value.newDefaultChoices], [undefined, []]);
      const last = await testBed({ users: [anna({ methods: [authenticatorApp('anna-authenticator', 'Pixel 8')] })] }).useCases.lostDevice.plan('user-anna', 'dev-anna-phone');
      assert.deepEqual(last.ok && [last.value.device.id, last.value.authenticator], ['dev-anna-phone', undefined]);
    });
  });

  describe('carryOut', function () {
    it('with a passed check and a new default: disables the device, removes the Authenticator and saves that default', async function () {
      const bed = testBed();
      const report = await bed.useCases.lostDevice.carryOut(annaActor, { deviceId: 'dev-anna-phone', signOut: false, removeAuthenticator: { verified: true, newDefault: 'sms' } });
      assert.equal(report.disabled?.id, 'dev-anna-phone');
      assert.equal(report.disabled?.accountEnabled, false);
      assert.equal(report.signedOut, undefined);
      assert.equal(report.authenticator, 'removed');
      assert.deepEqual(report.newDefault && [report.newDefault.preference, report.newDefault.method.id], ['sms', 'anna-mobile'], 'the report says the new default');
      assert.equal(await enabled(bed, 'user-anna', 'dev-anna-phone'), false);
      assert.ok(!(await methodIds(bed)).includes('anna-authenticator'));
      assert.equal(await preference(bed), 'sms');
      assert.deepEqual(audited(bed), [['devices.disable', 'success', 'device Pixel 8'], ['securityinfo.default', 'success', 'sms'], ['securityinfo.remove', 'success', 'microsoftAuthenticator Pixel 8']]);
    });

    it('without a new default when one is required: keeps the Authenticator and the default, still disables the device', async function () {
      const bed = testBed();
      const report = await bed.useCases.lostDevice.carryOut(annaActor, { deviceId: 'dev-anna-phone', signOut: false, removeAuthenticator: { verified: true } });
      assert.equal(report.authenticator, 'kept');
      assert.equal(report.newDefault, undefined);
      assert.equal(report.disabled?.id, 'dev-anna-phone');
      assert.ok((await methodIds(bed)).includes('anna-authenticator'));
      assert.equal(await preference(bed), 'push');
      assert.equal(await enabled(bed, 'user-anna', 'dev-anna-phone'), false);
      assert.deepEqual(audited(bed), [['devices.disable', 'success', 'device Pixel 8']]);
    });

    it('without a passed check: keeps the Authenticator and the default, even with a new default chosen', async function () {
      const bed = testBed();
      const report = await bed.useCases.lostDevice.carryOut(annaActor, { deviceId: 'dev-anna-phone', signOut: false, removeAuthenticator: { verified: false, newDefault: 'sms' } });
      assert.equal(report.authenticator, 'kept');
      assert.ok((await methodIds(bed)).includes('anna-authenticator'));
      assert.equal(await preference(bed), 'push');
      assert.equal(await enabled(bed, 'user-anna', 'dev-anna-phone'), false);
      assert.deepEqual(audited(bed), [['devices.disable', 'success', 'device Pixel 8']]);
    });

    it('removes the Authenticator without a new default when the default did not rely on it', async function () {
      const bed = testBed({ users: [anna({ preference: 'sms' })] });
      const report = await bed.useCases.lostDevice.carryOut(annaActor, { deviceId: 'dev-anna-phone', signOut: false, removeAuthenticator: { verified: true } });
      assert.equal(report.authenticator, 'removed');
      assert.equal(await preference(bed), 'sms');
    });

    it('signs out everywhere only when asked', async function () {
      const asked = testBed();
      const report = await asked.useCases.lostDevice.carryOut(annaActor, { deviceId: 'dev-anna-laptop', signOut: true });
      assert.deepEqual([report.disabled?.id, report.signedOut, report.authenticator], ['dev-anna-laptop', true, undefined]);
      assert.equal((await asked.ports.directory.findUserById('user-anna'))?.signInSessionsValidFromDateTime, asked.clock.now().toISOString());
      assert.deepEqual(audited(asked), [['devices.disable', 'success', 'device CON-LT-0142'], ['signout.everywhere', 'success', undefined]]);

      const notAsked = testBed();
      const quiet = await notAsked.useCases.lostDevice.carryOut(annaActor, { deviceId: 'dev-anna-laptop', signOut: false });
      assert.equal(quiet.signedOut, undefined);
      assert.equal((await notAsked.ports.directory.findUserById('user-anna'))?.signInSessionsValidFromDateTime, undefined);
    });

    it('disables nothing for a device id that is not the user\'s, and audits the refusal', async function () {
      const bed = testBed();
      const report = await bed.useCases.lostDevice.carryOut(annaActor, { deviceId: 'dev-bert-phone', signOut: false, removeAuthenticator: { verified: true, newDefault: 'sms' } });
      assert.equal(report.disabled, undefined);
      assert.equal(report.authenticator, 'kept');
      assert.equal(await enabled(bed, 'user-bert', 'dev-bert-phone'), true);
      assert.deepEqual((await bed.ports.directory.listDevices('user-anna')).map((d) => d.accountEnabled), [true, true]);
      assert.deepEqual(await methodIds(bed), ['anna-mobile', 'anna-email', 'anna-authenticator', 'anna-office', 'anna-fido2']);
      assert.deepEqual(audited(bed), [['devices.disable', 'refused', 'notFound']]);
    });

    it('keeps an Authenticator that is the user\'s last method, asked or not', async function () {
      const bed = testBed({ users: [anna({ methods: [authenticatorApp('anna-authenticator', 'Pixel 8')], preference: 'push' })] });
      const report = await bed.useCases.lostDevice.carryOut(annaActor, { deviceId: 'dev-anna-phone', signOut: false, removeAuthenticator: { verified: true } });
      assert.equal(report.authenticator, 'kept');
      assert.deepEqual(await methodIds(bed), ['anna-authenticator']);
      assert.equal(report.disabled?.id, 'dev-anna-phone');
    });

    it('removes only the Authenticator on that device, not another one', async function () {
      const bed = testBed({ users: [anna({ methods: [emailMethod('anna-email', 'anna.private@example.net'), authenticatorApp('anna-authenticator', 'Pixel 8'), authenticatorApp('anna-ipad', 'iPad')] })] });
      const report = await bed.useCases.lostDevice.carryOut(annaActor, { deviceId: 'dev-anna-phone', signOut: false, removeAuthenticator: { verified: true } });
      assert.equal(report.authenticator, 'removed', 'the iPad still serves the push default');
      assert.deepEqual(await methodIds(bed), ['anna-email', 'anna-ipad']);
      assert.equal(await preference(bed), 'push');
    });
  });
});

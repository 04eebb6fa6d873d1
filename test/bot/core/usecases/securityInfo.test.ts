// SecurityInfo: removing a method (never the last; a new default when the default relied on it),
// adding one (no duplicates; the first that can be a default becomes it), changing the default,
// and what the user may still add. Changes are audited and announced on the other channels.
import assert from 'node:assert/strict';
import { methodSummary } from '../../../../bot/core/i18n/methodNames.js';
import { graphCapabilities, portalPages } from '../../../../bot/core/capabilities.js';
import { anna, authenticatorApp, bert, emailMethod, mobilePhone, officePhone, sven } from '../../../fakes/memoryDirectory.js';
import { actorFor, testBed, type TestBed } from '../../../fakes/testBed.js';
import { DirectoryError } from '../../../../bot/core/ports/directory.js';

const annaActor = actorFor('user-anna');
const bertActor = actorFor('user-bert', { locale: 'nl' });
const svenActor = actorFor('user-sven', { locale: 'sv' });

const methodIds = async (bed: TestBed, userId: string): Promise<string[]> => (await bed.ports.directory.listAuthenticationMethods(userId)).map((m) => m.id);
const preference = async (bed: TestBed, userId: string): Promise<string | undefined> =>
  (await bed.ports.directory.getSignInPreferences(userId))?.userPreferredMethodForSecondaryAuthentication;
const audited = (bed: TestBed): [string, string, string | undefined][] => bed.ports.audit.entries.map((e) => [e.action, e.result, e.target ?? e.reason]);

describe('SecurityInfo', function () {
  describe('remove', function () {
    it('never removes the last method', async function () {
      const bed = testBed();
      assert.deepEqual(await bed.useCases.securityInfo.removalPlan('user-bert', 'bert-mobile'), { ok: false, error: 'lastMethod' });
      assert.deepEqual(await bed.useCases.securityInfo.remove(bertActor, 'bert-mobile', 'none'), { ok: false, error: 'lastMethod' });
      assert.deepEqual(await methodIds(bed, 'user-bert'), ['bert-mobile']);
      assert.deepEqual(bed.ports.notifier.sent, []);
    });

    it('removing what the default relies on needs a new default, one the other methods allow; nothing changes until then', async function () {
      const bed = testBed();
      const { securityInfo } = bed.useCases;
      assert.deepEqual(await securityInfo.remove(annaActor, 'anna-authenticator'), { ok: false, error: 'newDefaultRequired' });
      assert.deepEqual(await securityInfo.remove(annaActor, 'anna-authenticator', 'push'), { ok: false, error: 'invalidDefault' }, 'the method being removed');
      assert.deepEqual(await securityInfo.remove(annaActor, 'anna-authenticator', 'voiceAlternateMobile'), { ok: false, error: 'invalidDefault' }, 'no alternate mobile');
      assert.deepEqual(await securityInfo.remove(annaActor, 'anna-authenticator', 'none'), { ok: false, error: 'invalidDefault' });
      assert.ok((await methodIds(bed, 'user-anna')).includes('anna-authenticator'));
      assert.equal(await preference(bed, 'user-anna'), 'push');
      assert.deepEqual(bed.ports.notifier.sent, []);
    });

    it('with an allowed new default: removes the method, saves the default, audits and announces it', async function () {
      const bed = testBed();
      const removed = await bed.useCases.securityInfo.remove(annaActor, 'anna-authenticator', 'voiceOffice');
      assert.equal(removed.ok && removed.value.id, 'anna-authenticator');
      assert.deepEqual(await methodIds(bed, 'user-anna'), ['anna-mobile', 'anna-email', 'anna-office', 'anna-fido2']);
      assert.equal(await preference(bed, 'user-anna'), 'voiceOffice');
      // The new default has its own entry, made before the removal: were the removal to fail, it is not lost.
      assert.deepEqual(audited(bed), [['securityinfo.default', 'success', 'voiceOffice'], ['securityinfo.remove', 'success', 'microsoftAuthenticator Pixel 8']]);
      assert.deepEqual(bed.ports.notifier.sent.map((n) => n.to), ['anna.lindqvist@contoso.com', '+46 70 123 45 67', 'anna.private@example.net']);
    });

    it('a removal Microsoft refuses after the default was moved off the method (a fresh sign-in wanted) puts the default back: nothing changed, as the user hears', async function () {
      const bed = testBed();
      const directory = bed.ports.directory;
      directory.removeAuthenticationMethod = () => Promise.reject(new DirectoryError('freshMfaRequired'));
      await assert.rejects(bed.useCases.securityInfo.remove(annaActor, 'anna-authenticator', 'voiceOffice'), (e: unknown) => e instanceof DirectoryError && e.failure === 'freshMfaRequired');
      assert.equal(await preference(bed, 'user-anna'), 'push', 'the default is what it was');
      assert.ok((await methodIds(bed, 'user-anna')).includes('anna-authenticator'));
      assert.deepEqual(audited(bed), [
        ['securityinfo.default', 'success', 'voiceOffice'], ['securityinfo.remove', 'failure', 'directory.freshMfaRequired'], ['securityinfo.default', 'success', 'push'],
      ]);
    });

    it('after a removal whose outcome is unknown, the new default stays (the method may be gone)', async function () {
      const bed = testBed();
      bed.ports.directory.removeAuthenticationMethod = () => Promise.reject(new DirectoryError('outcomeUnknown'));
      await assert.rejects(bed.useCases.securityInfo.remove(annaActor, 'anna-authenticator', 'voiceOffice'));
      assert.equal(await preference(bed, 'user-anna'), 'voiceOffice');
    });

    it('a method the default does not rely on goes without a new default, and the default stays', async function () {
      const bed = testBed();
      const removed = await bed.useCases.securityInfo.remove(annaActor, 'anna-mobile');
      assert.ok(removed.ok);
      assert.equal(await preference(bed, 'user-anna'), 'push');
      assert.deepEqual(audited(bed), [['securityinfo.remove', 'success', 'phone +46 70 *** ** 67']]);
      // The removed phone is told too: if someone else removed it, its owner hears of it there.
      assert.deepEqual(bed.ports.notifier.sent.map((n) => n.to), ['anna.lindqvist@contoso.com', '+46 70 123 45 67', 'anna.private@example.net']);
    });

    it('when no other method can be a default, the default becomes none without asking', async function () {
      const bed = testBed({ users: [bert({ methods: [mobilePhone('bert-mobile', '+31 6 12345678'), emailMethod('bert-email', 'bert@example.nl')], preference: 'sms' })] });
      assert.deepEqual(await bed.useCases.securityInfo.removalPlan('user-bert', 'bert-mobile').then((p) => p.ok && p.value.newDefaultChoices), []);
      assert.ok((await bed.useCases.securityInfo.remove(bertActor, 'bert-mobile')).ok);
      assert.equal(await preference(bed, 'user-bert'), 'none');
      assert.deepEqual(await methodIds(bed, 'user-bert'), ['bert-email']);
    });

    it('another user\'s method is notFound, and the refusal is audited', async function () {
      const bed = testBed();
      assert.deepEqual(await bed.useCases.securityInfo.removalPlan('user-anna', 'bert-mobile'), { ok: false, error: 'notFound' });
      assert.deepEqual(await bed.useCases.securityInfo.remove(annaActor, 'bert-mobile'), { ok: false, error: 'notFound' });
      assert.deepEqual(await methodIds(bed, 'user-bert'), ['bert-mobile']);
      assert.deepEqual(audited(bed), [['securityinfo.remove', 'refused', 'notFound']]);
    });
  });

  describe('removalPlan', function () {
    it('offers the defaults the remaining methods allow when the default relies on the method', async function () {
      const plan = await testBed().useCases.securityInfo.removalPlan('user-anna', 'anna-authenticator');
      assert.ok(plan.ok);
      assert.equal(plan.value.method.id, 'anna-authenticator');
      assert.deepEqual(plan.value.newDefaultChoices.map((c) => [c.preference, c.method.id]), [['sms', 'anna-mobile'], ['voiceMobile', 'anna-mobile'], ['voiceOffice', 'anna-office']]);
    });

    it('offers none when the default does not rely on the method, or another method serves it too', async function () {
      const { useCases: { securityInfo } } = testBed({ users: [anna({ methods: [authenticatorApp('anna-authenticator', 'Pixel 8'), authenticatorApp('anna-ipad', 'iPad'), emailMethod('anna-email', 'anna.private@example.net')] })] });
      const email = await securityInfo.removalPlan('user-anna', 'anna-email');
      assert.deepEqual(email.ok && email.value.newDefaultChoices, []);
      const onePhoneOfTwo = await securityInfo.removalPlan('user-anna', 'anna-authenticator');
      assert.deepEqual(onePhoneOfTwo.ok && onePhoneOfTwo.value.newDefaultChoices, []);
    });
  });

  describe('add', function () {
    it('refuses a phone or e-mail the user already has (spaces and case ignored)', async function () {
      const bed = testBed();
      const { securityInfo } = bed.useCases;
      assert.deepEqual(await securityInfo.add(annaActor, { kind: 'phone', phoneNumber: '+46701234567', phoneType: 'alternateMobile' }), { ok: false, error: 'duplicate' });
      assert.deepEqual(await securityInfo.add(annaActor, { kind: 'email', emailAddress: 'Anna.Private@Example.NET' }), { ok: false, error: 'duplicate' });
      assert.equal((await methodIds(bed, 'user-anna')).length, 5);
      assert.deepEqual(bed.ports.audit.entries, []);
      assert.deepEqual(bed.ports.notifier.sent, []);
    });

    it('makes the first method that can be a default the default when there was none', async function () {
      const bed = testBed();
      assert.equal(await preference(bed, 'user-sven'), 'none');
      const added = await bed.useCases.securityInfo.add(svenActor, { kind: 'phone', phoneNumber: '+46 70 999 88 77', phoneType: 'mobile' });
      assert.ok(added.ok);
      assert.equal(added.value.phoneNumber, '+46 70 999 88 77');
      assert.equal(await preference(bed, 'user-sven'), 'sms');
      assert.deepEqual(audited(bed).map(([action, result]) => `${action} ${result}`).sort(), ['securityinfo.add success', 'securityinfo.default success'], 'the default it was given is in the log');

      const app = testBed();
      assert.ok((await app.useCases.securityInfo.add(svenActor, { kind: 'microsoftAuthenticator', displayName: 'Sven iPhone' })).ok);
      assert.equal(await preference(app, 'user-sven'), 'push');
    });

    it('leaves "none" as it was when a method the user had could already be the default (they chose none)', async function () {
      const bed = testBed({ users: [sven({ methods: [mobilePhone('sven-mobile', '+46 70 111 22 33')], preference: 'none' })] });
      assert.ok((await bed.useCases.securityInfo.add(svenActor, { kind: 'phone', phoneNumber: '+46 70 999 88 77', phoneType: 'alternateMobile' })).ok);
      assert.equal(await preference(bed, 'user-sven'), 'none');
      assert.deepEqual(audited(bed).map(([action]) => action), ['securityinfo.add']);
    });

    it('leaves the default as it was when there was one, or when the new method cannot be one', async function () {
      const bed = testBed({ users: [bert(), sven({ methods: [officePhone('sven-office', '+46 8 555 020 00')], preference: 'none' })] });
      assert.ok((await bed.useCases.securityInfo.add(bertActor, { kind: 'microsoftAuthenticator', displayName: 'Bert iPhone' })).ok);
      assert.equal(await preference(bed, 'user-bert'), 'sms');
      assert.ok((await bed.useCases.securityInfo.add(svenActor, { kind: 'email', emailAddress: 'sven@example.se' })).ok);
      assert.equal(await preference(bed, 'user-sven'), 'none');
    });

    it('audits the addition, masked, and tells the channels the user had before', async function () {
      const bed = testBed();
      assert.ok((await bed.useCases.securityInfo.add(bertActor, { kind: 'email', emailAddress: 'bert.private@example.nl' })).ok);
      assert.deepEqual(audited(bed), [['securityinfo.add', 'success', 'email b***@example.nl']]);
      assert.deepEqual(bed.ports.notifier.sent.map((n) => [n.channel, n.to]), [['email', 'bert.jansen@contoso.com'], ['sms', '+31 6 12345678']]);
    });
  });

  describe('setDefault', function () {
    it('refuses a setting no method of the user serves, audited, and keeps the default', async function () {
      const bed = testBed();
      assert.deepEqual(await bed.useCases.securityInfo.setDefault(bertActor, 'push'), { ok: false, error: 'notEligible' });
      assert.deepEqual(await bed.useCases.securityInfo.setDefault(bertActor, 'voiceOffice'), { ok: false, error: 'notEligible' });
      assert.equal(await preference(bed, 'user-bert'), 'sms');
      assert.deepEqual(audited(bed), [['securityinfo.default', 'refused', 'notEligible'], ['securityinfo.default', 'refused', 'notEligible']]);
      assert.deepEqual(bed.ports.notifier.sent, []);
    });

    it('saves a setting a method serves, audits and announces it', async function () {
      const bed = testBed();
      const set = await bed.useCases.securityInfo.setDefault(annaActor, 'voiceOffice');
      assert.deepEqual(set.ok && [set.value.preference, set.value.method.id], ['voiceOffice', 'anna-office']);
      assert.equal(await preference(bed, 'user-anna'), 'voiceOffice');
      assert.deepEqual(audited(bed), [['securityinfo.default', 'success', 'voiceOffice']]);
      const office = (await bed.ports.directory.listAuthenticationMethods('user-anna')).find((m) => m.id === 'anna-office');
      assert.ok(office);
      assert.deepEqual(bed.ports.audit.entries[0]?.subject, { type: 'preference', preference: 'voiceOffice', method: methodSummary(office) }, 'with the (masked) number it calls');
      assert.equal(bed.ports.notifier.sent.length, 3);
    });
  });

  describe('replacedByDefault', function () {
    it('names the method the current default relies on when the new setting is served by another one', async function () {
      const { useCases: { securityInfo } } = testBed();
      assert.deepEqual(await securityInfo.replacedByDefault('user-anna', 'sms'), ['anna-authenticator']);
      assert.deepEqual(await securityInfo.replacedByDefault('user-anna', 'voiceOffice'), ['anna-authenticator']);
    });

    it('names none when the same method serves the new setting, or when there was no default', async function () {
      const { useCases: { securityInfo } } = testBed();
      assert.deepEqual(await securityInfo.replacedByDefault('user-anna', 'oath'), [], 'push to oath: the same Authenticator');
      assert.deepEqual(await securityInfo.replacedByDefault('user-anna', 'push'), []);
      assert.deepEqual(await securityInfo.replacedByDefault('user-bert', 'voiceMobile'), [], 'texts to calls: the same phone');
      assert.deepEqual(await securityInfo.replacedByDefault('user-sven', 'sms'), [], 'no default before');
    });
  });

  describe('addable', function () {
    const cases: [string, Parameters<typeof anna>[0], { kinds: string[]; phoneType?: string }][] = [
      ['no methods: everything, the phone as the mobile', { methods: [] }, { kinds: ['phone', 'email', 'authenticator'], phoneType: 'mobile' }],
      ['a mobile: the next phone as the alternate mobile', { methods: [mobilePhone('m', '+46 70 123 45 67')] }, { kinds: ['phone', 'email', 'authenticator'], phoneType: 'alternateMobile' }],
      ['an office line takes no mobile slot', { methods: [officePhone('o', '+46 8 555 010 00')] }, { kinds: ['phone', 'email', 'authenticator'], phoneType: 'mobile' }],
      ['an e-mail: no second one', { methods: [emailMethod('e', 'anna.private@example.net')] }, { kinds: ['phone', 'authenticator'], phoneType: 'mobile' }],
      ['both mobiles and an e-mail: only Authenticators', { methods: [mobilePhone('m', '+46 70 123 45 67'), mobilePhone('a', '+46 70 765 43 21', 'alternateMobile'), emailMethod('e', 'anna.private@example.net')] }, { kinds: ['authenticator'], phoneType: undefined }],
      ['Authenticators already: any number more', { methods: [authenticatorApp('a1', 'Pixel 8'), authenticatorApp('a2', 'iPad')] }, { kinds: ['phone', 'email', 'authenticator'], phoneType: 'mobile' }],
    ];
    for (const [what, overrides, expected] of cases) {
      it(what, async function () {
        const { useCases: { securityInfo } } = testBed({ users: [anna(overrides)] });
        assert.deepEqual(await securityInfo.addable('user-anna'), expected);
      });
    }

    it('where the directory cannot pair the Authenticator (Graph): not offered, Microsoft\'s page for it instead', async function () {
      const bed = testBed({ users: [anna({ methods: [] })] });
      bed.ports.directory.capabilities = () => graphCapabilities(new Set(['securityinfo.add']));
      assert.deepEqual(await bed.useCases.securityInfo.addable('user-anna'), { kinds: ['phone', 'email'], phoneType: 'mobile', authenticatorPage: portalPages['securityinfo.add'] });
    });
  });

  it('overview: the methods, the default and the method it relies on', async function () {
    const overview = await testBed().useCases.securityInfo.overview('user-anna');
    assert.equal(overview.preference, 'push');
    assert.equal(overview.current?.method.id, 'anna-authenticator');
    assert.deepEqual(overview.defaultMethodIds, ['anna-authenticator']);
    assert.deepEqual(overview.options.map((o) => o.preference), ['push', 'oath', 'sms', 'voiceMobile', 'voiceOffice']);
  });
});

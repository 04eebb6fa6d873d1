// Passwords: change (current password checked and throttled, policy and history, sessions and
// step-ups voided, notices, audit), reset (unlocks), readiness for self-service reset, sign-out
// everywhere; and no password ever reaches the audit log, a notice or the verification store.
import assert from 'node:assert/strict';
import { translator } from '../../../../bot/core/i18n/i18n.js';
import { anna, bert, fido2Key, officePhone, tenant } from '../../../fakes/memoryDirectory.js';
import { minutes } from '../../../fakes/memoryPorts.js';
import { actorFor, testBed, type TestBed } from '../../../fakes/testBed.js';

const current = 'Winter-Morning-42';
const next = 'Quiet-Orchard-Lamp-58';
const annaActor = actorFor('user-anna');

const change = (bed: TestBed, currentPassword: string, nextPassword = next, confirmation = nextPassword) =>
  bed.useCases.passwords.change(annaActor, { current: currentPassword, next: nextPassword, confirmation });

const passwordEntries = (bed: TestBed) => bed.ports.audit.entries.filter((e) => e.action === 'password.change' || e.action === 'password.reset');

describe('Passwords', function () {
  describe('change', function () {
    it('refuses a wrong current password, audits it as refused (wrongPassword) and changes nothing', async function () {
      const bed = testBed();
      assert.deepEqual(await change(bed, 'Not-My-Password-1'), { ok: false, error: 'wrongCurrent' });
      assert.deepEqual(bed.ports.audit.entries, [{
        userId: 'user-anna', actorId: 'user-anna', action: 'password.change', target: undefined, channel: 'msteams',
        result: 'refused', reason: 'wrongPassword', correlationId: 'correlation-user-anna', at: bed.clock.now().toISOString(),
      }]);
      assert.equal(await bed.ports.directory.verifyPassword('user-anna', current), true);
      assert.deepEqual(bed.ports.notifier.sent, []);
    });

    it('five wrong current passwords in 15 minutes lock it with until; even the right one is refused until the lock ends', async function () {
      const bed = testBed();
      for (let i = 1; i <= 4; i += 1) {
        assert.deepEqual(await change(bed, `Wrong-Guess-${i}`), { ok: false, error: 'wrongCurrent' });
        bed.clock.advance(minutes(1));
      }
      const until = new Date(bed.clock.now().getTime() + minutes(15));
      assert.deepEqual(await change(bed, 'Wrong-Guess-5'), { ok: false, error: 'locked', until });
      assert.equal(passwordEntries(bed).at(-1)?.reason, 'lockedOut');
      assert.deepEqual(await bed.useCases.passwords.changeLockedUntil('user-anna'), until);

      bed.clock.advance(minutes(15) - 1000);
      assert.deepEqual(await change(bed, current), { ok: false, error: 'locked', until });
      assert.equal(await bed.ports.directory.verifyPassword('user-anna', current), true, 'password unchanged while locked');

      bed.clock.advance(1000);
      assert.deepEqual(await change(bed, current), { ok: true, value: { signedOut: true } });
    });

    it('wrong current passwords spread over more than 15 minutes do not lock', async function () {
      const bed = testBed();
      for (let i = 1; i <= 5; i += 1) {
        assert.deepEqual(await change(bed, `Wrong-Guess-${i}`), { ok: false, error: 'wrongCurrent' }, `attempt ${i}`);
        bed.clock.advance(minutes(4));
      }
      assert.equal(await bed.useCases.passwords.changeLockedUntil('user-anna'), undefined);
    });

    it('a success starts the count of wrong current passwords again', async function () {
      const bed = testBed();
      for (let i = 1; i <= 4; i += 1) await change(bed, `Wrong-Guess-${i}`);
      assert.ok((await change(bed, current)).ok);
      for (let i = 1; i <= 4; i += 1) assert.deepEqual(await change(bed, `Wrong-Again-${i}`, 'Another-Fresh-Lamp-77'), { ok: false, error: 'wrongCurrent' });
    });

    it('names the policy rules that fail and changes nothing', async function () {
      const bed = testBed();
      const result = await change(bed, current, 'contoso');
      assert.ok(!result.ok && result.error === 'policy');
      assert.deepEqual(result.failures.map((f) => f.rule), ['minLength', 'characterClasses', 'bannedWord']);
      assert.deepEqual(passwordEntries(bed).map((e) => [e.result, e.reason]), [['refused', 'policy.minLength,characterClasses,bannedWord']]);
      assert.equal(await bed.ports.directory.verifyPassword('user-anna', current), true);
      const user = await bed.ports.directory.findUserById('user-anna');
      assert.equal(user?.lastPasswordChangeDateTime, undefined);
      assert.equal(user?.signInSessionsValidFromDateTime, undefined);
      assert.deepEqual(bed.ports.notifier.sent, []);
    });

    it('the current password again is sameAsCurrent; a recent one is history', async function () {
      const bed = testBed();
      const same = await change(bed, current, current);
      assert.deepEqual(same, { ok: false, error: 'policy', failures: [{ rule: 'sameAsCurrent', params: {} }] });
      const recent = await change(bed, current, 'Autumn-Leaves-Fall-7');
      assert.deepEqual(recent, { ok: false, error: 'policy', failures: [{ rule: 'history', params: { count: 3 } }] });
      assert.equal(await bed.ports.directory.verifyPassword('user-anna', current), true);
    });

    it('the same password typed as current and new is sameAsCurrent before the directory hears it, even a wrong one: never counted toward the lock-out', async function () {
      // Graph refuses it without saying why, which would be heard and counted as a wrong current password.
      const bed = testBed();
      for (let i = 1; i <= 5; i += 1) {
        assert.deepEqual(await change(bed, next, next), { ok: false, error: 'policy', failures: [{ rule: 'sameAsCurrent', params: {} }] });
      }
      assert.equal(await bed.useCases.passwords.changeLockedUntil('user-anna'), undefined);
      assert.deepEqual((await change(bed, current)).ok, true);
    });

    it('the current password is refused even when the tenant keeps no history', async function () {
      const bed = testBed({ tenant: tenant({ policy: { password: { historyCount: 0 } } }) });
      const result = await change(bed, current, current);
      assert.deepEqual(result, { ok: false, error: 'policy', failures: [{ rule: 'sameAsCurrent', params: {} }] });
    });

    it('on success: sets the password, revokes sessions, voids step-ups, audits and tells the other channels in the user\'s language', async function () {
      const bed = testBed();
      await bed.useCases.stepUp.grant('user-anna', 'conversation-1');
      bed.clock.advance(minutes(1));
      const now = bed.clock.now();
      assert.deepEqual(await bed.useCases.passwords.change({ ...annaActor, locale: 'sv' }, { current, next, confirmation: next }), { ok: true, value: { signedOut: true } });

      assert.equal(await bed.ports.directory.verifyPassword('user-anna', next), true);
      assert.equal(await bed.ports.directory.verifyPassword('user-anna', current), false);
      const user = await bed.ports.directory.findUserById('user-anna');
      assert.equal(user?.lastPasswordChangeDateTime, now.toISOString());
      assert.equal(user?.signInSessionsValidFromDateTime, now.toISOString());
      assert.equal(await bed.useCases.stepUp.isFresh('user-anna', 'conversation-1'), false);
      assert.equal(await bed.ports.verificationStore.read('stepUps', 'user-anna'), undefined);
      assert.deepEqual(passwordEntries(bed).map((e) => [e.action, e.result, e.userId, e.actorId]), [['password.change', 'success', 'user-anna', 'user-anna']]);

      // The work mailbox, the other e-mail and the mobile; not the office line nor the Authenticator.
      const t = translator('sv');
      const text = t.t('notice.passwordChanged', { organization: 'Contoso', when: t.dateTime(now), detail: '', helpdesk: 'Contoso IT Helpdesk' });
      assert.deepEqual(bed.ports.notifier.sent, [
        { userId: 'user-anna', channel: 'email', to: 'anna.lindqvist@contoso.com', text },
        { userId: 'user-anna', channel: 'sms', to: '+46 70 123 45 67', text },
        { userId: 'user-anna', channel: 'email', to: 'anna.private@example.net', text },
      ]);
    });
  });

  describe('reset', function () {
    it('unlocks a locked-out account and says so', async function () {
      const bed = testBed({ users: [anna({ lockedOut: true })] });
      assert.deepEqual(await bed.useCases.passwords.reset(annaActor, { next, confirmation: next }), { ok: true, value: { unlocked: true } });
      const user = await bed.ports.directory.findUserById('user-anna');
      assert.equal(user?.lockedOut, false);
      assert.equal(user?.lastPasswordChangeDateTime, bed.clock.now().toISOString());
      assert.equal(await bed.ports.directory.verifyPassword('user-anna', next), true);
      assert.deepEqual(passwordEntries(bed).map((e) => [e.action, e.result, e.target]), [['password.reset', 'success', 'unlocked']]);
      const t = translator('en');
      assert.ok(bed.ports.notifier.sent.length > 0 && bed.ports.notifier.sent.every((n) => n.text === t.t('notice.passwordReset', { organization: 'Contoso', when: t.dateTime(bed.clock.now()), detail: '', helpdesk: 'Contoso IT Helpdesk' })));
    });

    it('says unlocked: false when the account was not locked out', async function () {
      const bed = testBed();
      assert.deepEqual(await bed.useCases.passwords.reset(annaActor, { next, confirmation: next }), { ok: true, value: { unlocked: false } });
      assert.equal(passwordEntries(bed)[0]?.target, undefined);
    });

    it('voids step-ups', async function () {
      const bed = testBed();
      await bed.useCases.stepUp.grant('user-anna', 'conversation-1');
      bed.clock.advance(minutes(1));
      assert.ok((await bed.useCases.passwords.reset(annaActor, { next, confirmation: next })).ok);
      assert.equal(await bed.useCases.stepUp.isFresh('user-anna', 'conversation-1'), false);
      assert.equal(await bed.ports.verificationStore.read('stepUps', 'user-anna'), undefined);
    });

    it('refuses a password the policy or the history refuses, leaving the account locked', async function () {
      const bed = testBed({ users: [anna({ lockedOut: true })] });
      const result = await bed.useCases.passwords.reset(annaActor, { next: 'Autumn-Leaves-Fall-7', confirmation: 'Autumn-Leaves-Fall-7' });
      assert.deepEqual(result, { ok: false, error: 'policy', failures: [{ rule: 'history', params: { count: 3 } }] });
      assert.deepEqual(passwordEntries(bed).map((e) => [e.action, e.result, e.reason]), [['password.reset', 'refused', 'policy.history']]);
      assert.equal((await bed.ports.directory.findUserById('user-anna'))?.lockedOut, true);
      assert.equal(await bed.ports.directory.verifyPassword('user-anna', current), true);
      assert.deepEqual(bed.ports.notifier.sent, []);
    });
  });

  it('no password reaches the audit log, a notice or the verification store', async function () {
    const bed = testBed({ users: [anna({ lockedOut: true }), bert()] });
    const typed = ['Not-My-Password-1', 'Short-Secret-9', 'Brand-New-Secret-77', 'Reset-Secret-Lamp-31'];
    await change(bed, typed[0] ?? '');
    await change(bed, current, 'Short-Secret-9', 'Short-Secret-8');
    await change(bed, current, 'Brand-New-Secret-77');
    await bed.useCases.passwords.reset(actorFor('user-bert'), { next: 'Reset-Secret-Lamp-31', confirmation: 'Reset-Secret-Lamp-31' });
    assert.ok(await bed.ports.directory.verifyPassword('user-anna', 'Brand-New-Secret-77'), 'the changes were made');
    assert.ok(await bed.ports.directory.verifyPassword('user-bert', 'Reset-Secret-Lamp-31'));
    const everything = JSON.stringify([bed.ports.audit.entries, bed.ports.notifier.sent, bed.ports.records.writes]);
    for (const secret of [...typed, 'Short-Secret-8', current]) assert.ok(!everything.includes(secret), `${secret} leaked`);
  });

  describe('readiness', function () {
    it('is disabled when the tenant has self-service reset off, whoever asks', async function () {
      const { useCases: { passwords } } = testBed({ tenant: tenant({ policy: { selfServicePasswordReset: { enabled: false } } }) });
      assert.deepEqual(await passwords.readiness('user-anna'), { ok: false, error: 'disabled' });
      assert.deepEqual(await passwords.readiness(undefined), { ok: false, error: 'disabled' });
    });

    it('is ok for anyone not signed in when the tenant has it on', async function () {
      const { useCases: { passwords } } = testBed();
      assert.deepEqual(await passwords.readiness(undefined), { ok: true, value: undefined });
    });

    it('is notRegistered for a user who never registered (or is unknown)', async function () {
      const { useCases: { passwords } } = testBed({ users: [anna({ selfServicePasswordResetRegistered: false })] });
      assert.deepEqual(await passwords.readiness('user-anna'), { ok: false, error: 'notRegistered' });
      assert.deepEqual(await passwords.readiness('user-gone'), { ok: false, error: 'notRegistered' });
    });

    it('is noMethods when fewer methods than the gates can receive a code', async function () {
      const onlyOffice = testBed({ users: [anna({ methods: [officePhone('anna-office', '+46 8 555 010 00'), fido2Key('anna-fido2', 'YubiKey 5 NFC')] })] });
      assert.deepEqual(await onlyOffice.useCases.passwords.readiness('user-anna'), { ok: false, error: 'noMethods' });
      const twoGates = testBed({ tenant: tenant({ policy: { selfServicePasswordReset: { gates: 2 } } }) });
      assert.deepEqual(await twoGates.useCases.passwords.readiness('user-bert'), { ok: false, error: 'noMethods' }, 'one mobile for two gates');
      assert.deepEqual(await twoGates.useCases.passwords.readiness('user-anna'), { ok: true, value: undefined });
    });

    it('is ok for a registered user with a method that can receive a code', async function () {
      const { useCases: { passwords } } = testBed();
      assert.deepEqual(await passwords.readiness('user-bert'), { ok: true, value: undefined });
    });
  });

  it('signOutEverywhere revokes sessions, voids step-ups and is audited', async function () {
    const bed = testBed();
    await bed.useCases.stepUp.grant('user-anna', 'conversation-1');
    bed.clock.advance(minutes(1));
    assert.deepEqual(await bed.useCases.passwords.signOutEverywhere(annaActor), { ok: true, value: undefined });
    assert.equal((await bed.ports.directory.findUserById('user-anna'))?.signInSessionsValidFromDateTime, bed.clock.now().toISOString());
    assert.equal(await bed.useCases.stepUp.isFresh('user-anna', 'conversation-1'), false);
    assert.deepEqual(bed.ports.audit.entries.map((e) => [e.action, e.result]), [['signout.everywhere', 'success']]);
    assert.deepEqual(await bed.useCases.passwords.signOutEverywhere(actorFor('user-gone')), { ok: false, error: 'notFound' });
  });
});

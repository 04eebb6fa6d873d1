// StepUp (and the step-up windows Verification keeps): a grant is fresh only for its user, in its
// conversation, for stepUpMinutes, and until a password change or sign-out everywhere; and which
// methods may prove it's the user for a step-up or a password reset.
import assert from 'node:assert/strict';
import { anna, authenticatorApp, bert, emailMethod, mobilePhone, tenant } from '../../../fakes/memoryDirectory.js';
import { minutes } from '../../../fakes/memoryPorts.js';
import { testBed } from '../../../fakes/testBed.js';

describe('StepUp', function () {
  describe('isFresh', function () {
    it('is true right after a grant, for that user in that conversation', async function () {
      const { useCases: { stepUp } } = testBed();
      assert.equal(await stepUp.isFresh('user-anna', 'conversation-1'), false, 'nothing granted yet');
      await stepUp.grant('user-anna', 'conversation-1');
      assert.equal(await stepUp.isFresh('user-anna', 'conversation-1'), true);
    });

    it('lasts stepUpMinutes and no longer', async function () {
      const { useCases: { stepUp }, clock } = testBed();
      await stepUp.grant('user-anna', 'conversation-1');
      clock.advance(minutes(10) - 1000);
      assert.equal(await stepUp.isFresh('user-anna', 'conversation-1'), true);
      clock.advance(1000);
      assert.equal(await stepUp.isFresh('user-anna', 'conversation-1'), false);
    });

    it('follows the tenant\'s stepUpMinutes', async function () {
      const { useCases: { stepUp }, clock } = testBed({ tenant: tenant({ policy: { stepUpMinutes: 2 } }) });
      await stepUp.grant('user-anna', 'conversation-1');
      clock.advance(minutes(2));
      assert.equal(await stepUp.isFresh('user-anna', 'conversation-1'), false);
    });

    it('a new grant starts the window again', async function () {
      const { useCases: { stepUp }, clock } = testBed();
      await stepUp.grant('user-anna', 'conversation-1');
      clock.advance(minutes(8));
      await stepUp.grant('user-anna', 'conversation-1');
      clock.advance(minutes(8));
      assert.equal(await stepUp.isFresh('user-anna', 'conversation-1'), true);
    });

    it('is false in another conversation', async function () {
      const { useCases: { stepUp } } = testBed();
      await stepUp.grant('user-anna', 'conversation-1');
      assert.equal(await stepUp.isFresh('user-anna', 'conversation-2'), false);
    });

    it('is false for another user in the same conversation, and for someone the directory does not know', async function () {
      const { useCases: { stepUp } } = testBed();
      await stepUp.grant('user-anna', 'conversation-1');
      assert.equal(await stepUp.isFresh('user-bert', 'conversation-1'), false);
      await stepUp.grant('user-gone', 'conversation-1');
      assert.equal(await stepUp.isFresh('user-gone', 'conversation-1'), false);
    });

    it('is void after a password change later than the grant, not after one before it', async function () {
      const { ports: { directory }, useCases: { stepUp }, clock } = testBed({ users: [anna({ lastPasswordChangeDateTime: '2025-03-01T12:00:00.000Z' })] });
      await stepUp.grant('user-anna', 'conversation-1');
      assert.equal(await stepUp.isFresh('user-anna', 'conversation-1'), true, 'an older change does not void it');
      clock.advance(minutes(1));
      await directory.setPassword('user-anna', 'Quiet-Orchard-Lamp-58', { unlock: false, at: clock.now() });
      assert.equal(await stepUp.isFresh('user-anna', 'conversation-1'), false);
    });

    it('is void after a sign-out everywhere later than the grant', async function () {
      const { ports: { directory }, useCases: { stepUp }, clock } = testBed({ users: [anna({ signInSessionsValidFromDateTime: '2025-03-01T12:00:00.000Z' })] });
      await stepUp.grant('user-anna', 'conversation-1');
      assert.equal(await stepUp.isFresh('user-anna', 'conversation-1'), true, 'an older sign-out does not void it');
      clock.advance(minutes(1));
      await directory.revokeSignInSessions('user-anna', clock.now());
      assert.equal(await stepUp.isFresh('user-anna', 'conversation-1'), false);
    });

    it('is void after revokeStepUps for that user only', async function () {
      const { useCases: { stepUp, verification } } = testBed();
      await stepUp.grant('user-anna', 'conversation-1');
      await stepUp.grant('user-anna', 'conversation-2');
      await stepUp.grant('user-bert', 'conversation-3');
      await verification.revokeStepUps('user-anna');
      assert.equal(await stepUp.isFresh('user-anna', 'conversation-1'), false);
      assert.equal(await stepUp.isFresh('user-anna', 'conversation-2'), false);
      assert.equal(await stepUp.isFresh('user-bert', 'conversation-3'), true);
    });
  });

  describe('a change to a method (remove, replace)', function () {
    it('a grant proved with that very method does not count; one proved with another method does', async function () {
      const { useCases: { stepUp } } = testBed();
      await stepUp.grant('user-anna', 'conversation-1', 'anna-mobile');
      assert.equal(await stepUp.isFresh('user-anna', 'conversation-1', ['anna-mobile']), false, 'removing the phone it was proved with');
      assert.equal(await stepUp.isFresh('user-anna', 'conversation-1', ['anna-authenticator']), true, 'removing another method');
      await stepUp.grant('user-anna', 'conversation-1', 'anna-email');
      assert.equal(await stepUp.isFresh('user-anna', 'conversation-1', ['anna-mobile']), true, 'proved again with the e-mail');
    });

    it('however recent the grant', async function () {
      const { useCases: { stepUp } } = testBed();
      await stepUp.grant('user-anna', 'conversation-1', 'anna-authenticator');
      assert.equal(await stepUp.isFresh('user-anna', 'conversation-1', ['anna-mobile', 'anna-authenticator']), false);
    });

    it('a grant that does not say which method proved it counts for no change to a method', async function () {
      const { useCases: { stepUp } } = testBed();
      await stepUp.grant('user-anna', 'conversation-1');
      assert.equal(await stepUp.isFresh('user-anna', 'conversation-1', ['anna-mobile']), false);
      assert.equal(await stepUp.isFresh('user-anna', 'conversation-1'), true, 'still fine for a change that targets no method');
    });

    it('a change that targets no method (adding one) still reuses the grant, whatever proved it', async function () {
      const { useCases: { stepUp } } = testBed();
      await stepUp.grant('user-anna', 'conversation-1', 'anna-mobile');
      assert.equal(await stepUp.isFresh('user-anna', 'conversation-1'), true);
      assert.equal(await stepUp.isFresh('user-anna', 'conversation-1', []), true);
    });
  });

  describe('methods', function () {
    it('for a step-up: only methods that can receive a code in the chat (no office phone, no FIDO2 key)', async function () {
      const { useCases: { stepUp } } = testBed();
      assert.deepEqual((await stepUp.methods('user-anna', 'stepUp')).map((m) => m.id), ['anna-mobile', 'anna-email', 'anna-authenticator']);
    });

    it('leaves out the excluded methods (the one that just failed, the one being removed)', async function () {
      const { useCases: { stepUp } } = testBed();
      assert.deepEqual((await stepUp.methods('user-anna', 'stepUp', ['anna-mobile', 'anna-authenticator'])).map((m) => m.id), ['anna-email']);
      assert.deepEqual((await stepUp.methods('user-anna', 'reset', ['anna-authenticator'])).map((m) => m.id), ['anna-mobile', 'anna-email']);
    });

    it('for a reset: only the kinds the tenant allows for self-service reset', async function () {
      const phones = testBed({ tenant: tenant({ policy: { selfServicePasswordReset: { methods: ['mobilePhone'] } } }) });
      assert.deepEqual((await phones.useCases.stepUp.methods('user-anna', 'reset')).map((m) => m.id), ['anna-mobile']);
      const mail = testBed({ tenant: tenant({ policy: { selfServicePasswordReset: { methods: ['email'] } } }) });
      assert.deepEqual((await mail.useCases.stepUp.methods('user-anna', 'reset')).map((m) => m.id), ['anna-email']);
    });

    it('for a reset: the default method first', async function () {
      const push = testBed({ users: [anna({ preference: 'push' })] });
      assert.deepEqual((await push.useCases.stepUp.methods('user-anna', 'reset')).map((m) => m.id), ['anna-authenticator', 'anna-mobile', 'anna-email']);
      const texts = testBed({ users: [anna({ preference: 'sms', methods: [emailMethod('anna-email', 'anna.private@example.net'), authenticatorApp('anna-authenticator', 'Pixel 8'), mobilePhone('anna-mobile', '+46 70 123 45 67')] })] });
      assert.deepEqual((await texts.useCases.stepUp.methods('user-anna', 'reset')).map((m) => m.id), ['anna-mobile', 'anna-email', 'anna-authenticator']);
    });

    it('for a reset: the default method first, also the alternate mobile or the Authenticator\'s codes', async function () {
      const alternate = testBed({ users: [bert({ preference: 'voiceAlternateMobile', methods: [mobilePhone('bert-mobile', '+31 6 12345678'), mobilePhone('bert-alternate', '+31 6 87654321', 'alternateMobile')] })] });
      assert.deepEqual((await alternate.useCases.stepUp.methods('user-bert', 'reset')).map((m) => m.id), ['bert-alternate', 'bert-mobile'], 'voiceAlternateMobile');
      const oath = testBed({ users: [anna({ preference: 'oath' })] });
      assert.deepEqual((await oath.useCases.stepUp.methods('user-anna', 'reset')).map((m) => m.id), ['anna-authenticator', 'anna-mobile', 'anna-email'], 'oath');
    });

    it('none for someone the directory does not know', async function () {
      const { useCases: { stepUp } } = testBed();
      assert.deepEqual(await stepUp.methods('user-gone', 'stepUp'), []);
    });
  });

  it('lockedUntil reports the verification lock-out of the user', async function () {
    const { useCases: { stepUp, verification }, clock } = testBed();
    assert.equal(await stepUp.lockedUntil('user-anna'), undefined);
    const until = await verification.recordFailure('user:user-anna', { limit: 1, windowMinutes: 60, lockMinutes: 30 });
    assert.deepEqual(until, new Date(clock.now().getTime() + minutes(30)));
    assert.deepEqual(await stepUp.lockedUntil('user-anna'), until);
    assert.equal(await stepUp.lockedUntil('user-bert'), undefined);
  });
});

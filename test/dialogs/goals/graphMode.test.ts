// Every account goal with DIRECTORY=graph, as transcripts over a Graph-shaped fake: what Graph lets
// a user do works with their own token; what an admin opted into works with the assistant's
// identity; everything else gives Microsoft's page for it and offers the helpdesk.
import assert from 'node:assert/strict';
import { accountCapabilities, graphCapabilities, privilegedCapabilities, type AccountCapability } from '../../../bot/core/capabilities.js';
import { translator } from '../../../bot/core/i18n/i18n.js';
import { directoryErrorIn } from '../../../bot/channel/cloudAdapter.js';
import { codeIn, demoUserNamed } from '../../helpers.js';
import { cardOf, cardTexts, createHarness, textOf, type Chat, type Harness } from '../harness.js';
import { phrases } from '../testData/phrases.js';

const say = phrases.en;
const t = translator('en');

/** What a person types to start each goal. */
const asks: Record<AccountCapability, string> = {
  'profile.view': say.profile, 'password.change': say.passwordChange, 'password.reset': say.passwordReset,
  'securityinfo.view': say.securityView, 'securityinfo.add': say.securityAdd, 'securityinfo.remove': say.securityRemove,
  'securityinfo.default': say.securityDefault, 'devices.view': say.devices, 'devices.disable': say.deviceLost,
  'organizations.view': say.organizations, 'organizations.leave': say.organizationsLeave, 'termsofuse.review': say.termsOfUse,
  'signout.everywhere': say.signOut, 'signins.view': say.signIns,
};

async function stepUp(harness: Harness, chat: Chat, userId: string): Promise<void> {
  const methods = await harness.directory.listAuthenticationMethods(userId);
  const method = methods.find((m) => (m.kind === 'email' || m.kind === 'phone') && JSON.stringify(chat.card()).includes(m.id));
  assert.ok(method, 'a method to verify with is offered');
  await chat.submit('choose', {}, { methodId: method.id });
  await chat.say(codeIn((await harness.notifier.messagesFor(userId)).at(-1)?.text ?? ''));
}

for (const privileged of [[], privilegedCapabilities] as const) {
  describe(`Graph mode, ${privileged.length === 0 ? 'nothing' : 'everything'} privileged`, function () {
    let harness: Harness;
    beforeEach(async () => (harness = await createHarness({ graph: { privileged } })));
    afterEach(() => harness.close());
    const plans = graphCapabilities(new Set(privileged));

    for (const capability of accountCapabilities.filter((c) => plans.find((p) => p.capability === c)?.mode === 'portal')) {
      it(`${capability}: portal only — Microsoft's page, nothing changed, and the helpdesk offered`, async function () {
        const anna = await demoUserNamed('anna');
        const plan = plans.find((p) => p.capability === capability);
        const chat = harness.chat(capability === 'password.reset' ? undefined : anna.id, say.tag);
        const replies = await chat.say(asks[capability]);
        const text = replies.map(textOf).join('\n');
        // BOT: I can't do "Leave an organization" for you here, but … https://myaccount.microsoft.com/organizations
        assert.ok(text.includes(t.t('portal.heading', { goal: t.t(`goal.${capability}.title`), url: plan?.portal ?? '-' })), text);
        assert.ok(text.includes(t.t('portal.explain')), text);
        if (capability !== 'password.reset') assert.ok(JSON.stringify(chat.card()).includes('"ticket"'), 'a ticket is offered');
        assert.ok(harness.graph, 'the fake Graph');
        assert.ok(!harness.graph.requests.some((r) => r.method !== 'GET'), 'nothing was changed in the directory');
      });
    }

    it('the menu: goals done here start in the chat; the others are links to Microsoft\'s page, said so', async function () {
      const anna = await demoUserNamed('anna');
      const replies = await harness.chat(anna.id, say.tag).say(say.help);
      const card = replies.map((r) => cardOf(r)).find((c) => cardTexts(c).includes(t.t('menu.title')));
      const menu = JSON.stringify(card);
      for (const plan of plans) {
        const link = `"type":"Action.OpenUrl","title":${JSON.stringify(t.t(`goal.${plan.capability}.title`))},"url":${JSON.stringify(plan.portal)}`;
        assert.equal(menu.includes(link), plan.mode === 'portal', plan.capability);
        assert.equal(menu.includes(`"goal":"${plan.capability}"`), plan.mode !== 'portal', plan.capability);
      }
      assert.equal(cardTexts(card).some((text) => text.endsWith(t.t('menu.onMicrosoftPage'))), plans.some((p) => p.mode === 'portal'));
    });

    it('profile.view: the user\'s own profile, read with their token', async function () {
      const anna = await demoUserNamed('anna');
      const replies = await harness.chat(anna.id, say.tag).say(say.profile);
      assert.ok(replies.some((r) => cardTexts(cardOf(r)).includes(String(anna.displayName))));
      assert.ok(harness.graph?.requests.some((r) => r.auth === 'user' && r.path.startsWith('/v1.0/me?')));
    });

    it('securityinfo.view and devices.view: the user\'s methods and devices', async function () {
      const erik = await demoUserNamed('erik');
      const chat = harness.chat(erik.id, say.tag);
      await chat.say(say.securityView);
      assert.ok(cardTexts(chat.card()).includes(t.t('securityInfo.heading')));
      await chat.say(say.devices);
      const devices = cardTexts(chat.card());
      for (const d of erik.devices as { displayName: string; accountEnabled: boolean }[]) if (d.accountEnabled) assert.ok(devices.includes(d.displayName), d.displayName);
    });

    it('securityinfo.remove: after a check, the method is removed in the directory with the user\'s token', async function () {
      const anna = await demoUserNamed('anna');
      const chat = harness.chat(anna.id, say.tag);
      const methods = await harness.directory.listAuthenticationMethods(anna.id);
      const email = methods.find((m) => m.kind === 'email');
      assert.ok(email);
      await chat.say(say.securityRemove);
      await chat.submit('choose', {}, { methodId: email.id });
      await stepUp(harness, chat, anna.id);
      await chat.submit('remove');
      assert.ok(!(await harness.directory.listAuthenticationMethods(anna.id)).some((m) => m.id === email.id));
      assert.ok(harness.graph?.requests.some((r) => r.method === 'DELETE' && r.auth === 'user' && r.path.includes('/me/authentication/emailMethods/')));
    });

    it('password.change: the directory checks the current password; a refusal is said as it is and counts, the right one changes it', async function () {
      const anna = await demoUserNamed('anna');
      const chat = harness.chat(anna.id, say.tag);
      await chat.say(say.passwordChange);
      await chat.submit('submit', { currentPassword: 'not-it', newPassword: 'Quiet-Orchard-Lamp-58', confirmPassword: 'Quiet-Orchard-Lamp-58' });
      // Graph does not say which it was: both are said, and the try counts toward the lock-out.
      assert.ok(cardTexts(chat.card()).includes(t.t('passwordChange.wrongCurrentOrRefused')));
      const [refused] = await harness.audit.listForUser(anna.id, 1);
      assert.deepEqual([refused?.action, refused?.result, refused?.reason], ['password.change', 'refused', 'wrongPasswordOrRefused']);
      const replies = await chat.submit('submit', { currentPassword: anna.password, newPassword: 'Quiet-Orchard-Lamp-58', confirmPassword: 'Quiet-Orchard-Lamp-58' });
      assert.equal(replies[0]?.text, t.t('passwordChange.done'));
      assert.equal(harness.graph?.users.get(anna.id)?.password, 'Quiet-Orchard-Lamp-58');
    });

    it('signout.everywhere: Yes revokes every session in the directory', async function () {
      const claire = await demoUserNamed('claire');
      const before = harness.graph?.users.get(claire.id)?.signInSessionsValidFromDateTime;
      const chat = harness.chat(claire.id, say.tag);
      await chat.say(say.signOut);
      assert.equal((await chat.submit('yes'))[0]?.text, t.t('signout.done'));
      assert.notEqual(harness.graph?.users.get(claire.id)?.signInSessionsValidFromDateTime, before);
    });

    if (privileged.length > 0) {
      it('signins.view (the assistant\'s identity): the user\'s own sign-ins, reasons in words', async function () {
        const emily = await demoUserNamed('emily');
        const chat = harness.chat(emily.id, say.tag);
        await chat.say(say.signIns);
        const texts = cardTexts(chat.card()).join('\n');
        assert.ok(texts.includes(t.t('signins.failure', { reason: t.t('signins.reason.50126') })), texts);
        assert.ok(harness.graph?.requests.some((r) => r.auth === 'app' && r.path.includes('/auditLogs/signIns') && r.path.includes(emily.id)));
      });

      it('securityinfo.add (the assistant\'s identity, after a check): a phone proved by a code is added in the directory', async function () {
        const claire = await demoUserNamed('claire');
        const chat = harness.chat(claire.id, say.tag);
        await chat.say(say.securityAdd);
        await stepUp(harness, chat, claire.id);
        // The Authenticator registers in its app, on Microsoft's page: with Graph only a phone or an e-mail is offered.
        assert.ok(!JSON.stringify(chat.card()).includes('"authenticator"'));
        await chat.submit('phone');
        await chat.submit('submit', { phone: '+33 7 81 23 45 67' });
        const sms = (await harness.notifier.messagesFor(claire.id)).at(-1);
        const replies = await chat.submit('verify', { code: codeIn(sms?.text ?? '') });
        assert.match(replies[0]?.text ?? '', /^Done: I added/);
        assert.ok(harness.graph?.users.get(claire.id)?.methods.some((m) => String(m.phoneNumber).replace(/\s/g, '') === '+33781234567'));
      });

      it('password.reset for someone who cannot sign in: verified by a code, reset with the assistant\'s identity', async function () {
        const anna = await demoUserNamed('anna');
        const chat = harness.chat(undefined, say.tag);
        await chat.say(say.passwordReset);
        await chat.submit('submit', { account: anna.userPrincipalName });
        await chat.say(codeIn((await harness.notifier.messagesFor(anna.id)).at(-1)?.text ?? ''));
        await chat.submit('submit', { newPassword: 'Reset-Secret-Lamp-31', confirmPassword: 'Reset-Secret-Lamp-31' });
        assert.equal(harness.graph?.users.get(anna.id)?.password, 'Reset-Secret-Lamp-31');
      });
    }
  });
}

describe('Graph mode, when Graph fails halfway', function () {
  let harness: Harness;
  beforeEach(async () => (harness = await createHarness({ graph: { privileged: [] } })));
  afterEach(() => harness.close());

  it('the password is changed but the sign-out fails: the user hears both, truthfully', async function () {
    const anna = await demoUserNamed('anna');
    harness.graph?.failNext({ method: 'POST', path: /revokeSignInSessions/ }, { status: 503, code: 'ServiceUnavailable', retryAfter: 1 }, 3);
    const chat = harness.chat(anna.id, say.tag);
    await chat.say(say.passwordChange);
    const replies = await chat.submit('submit', { currentPassword: anna.password, newPassword: 'Quiet-Orchard-Lamp-58', confirmPassword: 'Quiet-Orchard-Lamp-58' });
    assert.equal(replies[0]?.text, t.t('passwordChange.doneNotSignedOut'));
    assert.equal(harness.graph?.users.get(anna.id)?.password, 'Quiet-Orchard-Lamp-58');
    assert.equal((await harness.audit.listForUser(anna.id, 1))[0]?.result, 'success');
  });

  it('no answer to the removal itself: the attempt is audited with an unknown outcome and the turn says it may or may not be done', async function () {
    const anna = await demoUserNamed('anna');
    const email = (await harness.directory.listAuthenticationMethods(anna.id)).find((m) => m.kind === 'email');
    assert.ok(email);
    const chat = harness.chat(anna.id, say.tag);
    await chat.say(say.securityRemove);
    await chat.submit('choose', {}, { methodId: email.id });
    await stepUp(harness, chat, anna.id);
    harness.graph?.failNext({ method: 'DELETE', path: /emailMethods/ }, { status: 503, code: 'ServiceUnavailable', retryAfter: 1 }, 3);
    await assert.rejects(chat.submit('remove'), (error: Error) => directoryErrorIn(error)?.failure === 'outcomeUnknown');
    assert.equal(harness.graph?.requests.filter((r) => r.method === 'DELETE').length, 1, 'a write is not sent twice');
    const [entry] = await harness.audit.listForUser(anna.id, 1);
    assert.deepEqual([entry?.action, entry?.result, entry?.reason], ['securityinfo.remove', 'failure', 'directory.outcomeUnknown']);
  });
});

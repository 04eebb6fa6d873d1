// password.change and password.reset as transcripts, in every language: happy and unhappy paths.
// Expected text comes from the locale files.
import assert from 'node:assert/strict';
import { supportedLocales, translator } from '../../../bot/core/i18n/i18n.js';
import { codeIn, demoUser, demoUserNamed } from '../../helpers.js';
import { cardOf, cardTexts, createHarness, modeOf, textOf, type Chat, type Harness } from '../harness.js';
import { phrases } from '../testData/phrases.js';

const newPassword = 'Quiet-Orchard-Lamp-58';

/** The inputs of the last card, as id → style. */
function inputsOf(chat: Chat): Record<string, string> {
  const json = JSON.stringify(chat.card());
  return Object.fromEntries<string>([...json.matchAll(/"type":"Input\.Text","id":"(\w+)","label":"[^"]*","style":"(\w+)"/g)].map((m) => [m[1] ?? '', m[2] ?? '']));
}

describe('password dialogs', function () {
  for (const locale of supportedLocales) {
    const t = translator(locale);
    const say = phrases[locale];

    describe(`in ${locale}`, function () {
      let harness: Harness;
      beforeEach(async () => (harness = await createHarness()));
      afterEach(() => harness.close());

      it('password.change: a card with password inputs only; success revokes sessions, notifies, audits and clears the card', async function () {
        const anna = await demoUserNamed('anna');
        const chat = harness.chat(anna.id, say.tag);
        await chat.say(say.passwordChange);
        assert.ok(cardTexts(chat.card()).includes(t.t('passwordChange.heading')));
        assert.deepEqual(inputsOf(chat), { currentPassword: 'password', newPassword: 'password', confirmPassword: 'password' });
        const before = Date.parse((await harness.directory.findUserById(anna.id))?.signInSessionsValidFromDateTime ?? '1970-01-01');
        const replies = await chat.submit('submit', { currentPassword: anna.password, newPassword, confirmPassword: newPassword });
        assert.equal(replies[0]?.text, t.t('passwordChange.done'));
        assert.ok(await harness.hasPassword(anna.id, newPassword));
        const user = await harness.directory.findUserById(anna.id);
        assert.ok(Date.parse(user?.signInSessionsValidFromDateTime ?? '') > before, 'other sessions revoked');
        assert.equal(chat.updated.length, 1, 'the answered card was replaced');
        assert.deepEqual(cardTexts(cardOf(chat.updated[0] ?? {})).slice(1), [t.t('card.received')]);
        const notices = await harness.notifier.messagesFor(anna.id);
        assert.ok(notices.some((n) => n.text.startsWith(t.t('notice.passwordChanged', { organization: 'Contoso', when: '', detail: '', helpdesk: '' }).slice(0, 12))));
        assert.deepEqual((await harness.audit.listForUser(anna.id, 1)).map((e) => [e.action, e.result]), [['password.change', 'success']]);
      });

      it('password.change: wrong current password is refused and counts; five lock password change and say until when', async function () {
        const anna = await demoUserNamed('anna');
        const chat = harness.chat(anna.id, say.tag);
        await chat.say(say.passwordChange);
        // Graph does not say whether the current password was wrong or the new one refused: both are said, and it counts the same.
        const wrongCurrent = modeOf(harness, 'password.change') === 'embedded' ? 'passwordChange.wrongCurrent' : 'passwordChange.wrongCurrentOrRefused';
        for (let i = 1; i <= 4; i += 1) {
          await chat.submit('submit', { currentPassword: `wrong-${i}`, newPassword, confirmPassword: newPassword });
          assert.ok(cardTexts(chat.card()).includes(t.t(wrongCurrent)));
        }
        const replies = await chat.submit('submit', { currentPassword: 'wrong-5', newPassword, confirmPassword: newPassword });
        const lockedUntil = await harness.services.verification.lockedUntil(`password:${anna.id}`);
        assert.ok(lockedUntil);
        // The time is Anna's, in her office's time zone: "until 14:35".
        const annaT = await harness.translatorFor(anna.id, say.tag);
        const until = annaT.moment(lockedUntil, harness.clock.now());
        assert.equal(replies[0]?.text, t.t('passwordChange.locked', { until }));
        assert.ok(await harness.hasPassword(anna.id, anna.password), 'password unchanged');
        // Even the right password is refused while locked.
        assert.equal(textOf((await chat.say(say.passwordChange))[0]), t.t('passwordChange.locked', { until }));
      });

      it('password.change: each policy rule is named; history and the user\'s own name are refused', async function () {
        const anna = await demoUserNamed('anna');
        const chat = harness.chat(anna.id, say.tag);
        await chat.say(say.passwordChange);
        const attempt = async (next: string, confirm = next): Promise<string[]> => {
          await chat.submit('submit', { currentPassword: anna.password, newPassword: next, confirmPassword: confirm });
          return cardTexts(chat.card());
        };
        assert.ok((await attempt('short1A')).includes(t.t('password.rule.minLength', { min: 12 })));
        assert.ok((await attempt('alllowercaseletters')).includes(t.t('password.rule.characterClasses', { classes: 3 })));
        assert.ok((await attempt('Contoso-Rocks-2026!')).includes(t.t('password.rule.bannedWord', { word: 'contoso' })));
        assert.ok((await attempt('Anna-Rules-The-World-1')).includes(t.t('password.rule.personalName')));
        assert.ok((await attempt(newPassword, `${newPassword}x`)).includes(t.t('password.rule.mismatch')));
        assert.ok((await attempt(anna.password)).includes(t.t('password.rule.sameAsCurrent')));
        assert.ok(await harness.hasPassword(anna.id, anna.password), 'nothing changed');
      });

      it('password.change: a password typed as a chat message is not echoed; cancel leaves the account unchanged', async function () {
        const anna = await demoUserNamed('anna');
        const chat = harness.chat(anna.id, say.tag);
        await chat.say(say.passwordChange);
        const replies = await chat.say(newPassword);
        assert.equal(replies[0]?.text, t.t('card.useCardForSecrets'));
        assert.ok(!JSON.stringify(replies).includes(newPassword));
        assert.equal((await chat.submit('cancel'))[0]?.text, t.t('cancel.done'));
        assert.ok(await harness.hasPassword(anna.id, anna.password));
        assert.deepEqual(await harness.audit.listForUser(anna.id, 5), []);
      });

      it('password.change: with the card open, a message that also asks for a goal is masked before anything reads it; a bare cancel still works', async function () {
        const anna = await demoUserNamed('anna');
        const chat = harness.chat(anna.id, say.tag);
        await chat.say(say.passwordChange);
        const typed = `${say.passwordChange} ${newPassword}`;
        const replies = await chat.say(typed);
        assert.equal(replies[0]?.text, t.t('card.useCardForSecrets'), 'the goal switch did not run: the card still waits');
        // MemoryStorage keeps every item, serialized, in its `memory` field.
        const stored = JSON.stringify((harness.storage as unknown as { memory: unknown }).memory);
        assert.ok(stored.includes('dialogState'), 'the store was read');
        assert.ok(!stored.includes(newPassword), 'the password is nowhere in conversation or user state');
        assert.equal((await chat.say(say.cancel))[0]?.text, t.t('cancel.done'));
        await chat.say(say.helpdesk);
        await chat.submit('submit', { category: 'password', description: 'It does not accept my new password' });
        await chat.submit('send');
        const [ticket] = await harness.services.tickets.listForUser(anna.id);
        assert.ok(ticket, 'a ticket was opened');
        assert.ok(!JSON.stringify(ticket).includes(newPassword), 'nor in the ticket\'s transcript');
        assert.ok(await harness.hasPassword(anna.id, anna.password));
      });

      it('password.change: with the card open, a request in plain words leaves the card for that request, and stays out of the transcript', async function () {
        const anna = await demoUserNamed('anna');
        const chat = harness.chat(anna.id, say.tag);
        await chat.say(say.passwordChange);
        await chat.say(say.devices);
        assert.ok(cardTexts(chat.card()).includes(t.t('devices.heading')), 'the devices, not "type passwords only into the card"');
        await chat.say(say.passwordChange);
        await chat.say(say.helpdesk);
        assert.ok(JSON.stringify(chat.card()).includes(t.t('helpdesk.descriptionLabel')), 'the helpdesk form');
        await chat.submit('submit', { category: 'password', description: 'Questions about my password' });
        await chat.submit('send');
        const [ticket] = await harness.services.tickets.listForUser(anna.id);
        assert.ok(ticket && !ticket.transcript.some((l) => l.text === say.devices || l.text === say.helpdesk), 'what was typed at the password card is not in the transcript');
        assert.ok(await harness.hasPassword(anna.id, anna.password));
      });

      it('password.change: the reading of a short message is kept, but never of what is typed at the card: a passphrase is read each time it comes', async function () {
        const read: string[] = [];
        const spied = await createHarness({
          recognizer: (shared) => ({
            recognize: (text, hint) => {
              read.push(text);
              return shared.recognize(text, hint);
            },
          }),
        });
        try {
          const anna = await demoUserNamed('anna');
          const chat = spied.chat(anna.id, say.tag);
          // The first message settles the conversation's language, the hint every later reading is kept under.
          await chat.say(say.devices);
          await chat.say(say.profile);
          await chat.say(say.profile);
          assert.equal(read.filter((text) => text === say.profile).length, 1, 'a request typed twice is read once');
          await chat.say(say.passwordChange);
          const passphrase = 'Purple giraffe kettle';
          assert.equal((await chat.say(passphrase))[0]?.text, t.t('card.useCardForSecrets'));
          assert.equal((await chat.say(passphrase))[0]?.text, t.t('card.useCardForSecrets'));
          assert.equal(read.filter((text) => text === passphrase).length, 2, 'read afresh each time: not kept');
        } finally {
          await spied.close();
        }
      });

      it('password.reset, anonymous: a locked-out user verifies with a code, sets a password, is unlocked, and signs out everywhere', async function () {
        const margaux = await demoUser((u) => u.lockedOut === true);
        const chat = harness.chat(undefined, say.tag);
        await chat.say(say.passwordReset);
        assert.ok(cardTexts(chat.card()).includes(t.t('passwordReset.askAccount')));
        const sent = await chat.submit('submit', { account: margaux.userPrincipalName });
        assert.equal(sent[0]?.text, t.t('passwordReset.codeSentIfExists', { account: margaux.userPrincipalName }));
        const code = codeIn((await harness.notifier.messagesFor(margaux.id)).at(-1)?.text ?? '');
        await chat.say(code);
        assert.deepEqual(inputsOf(chat), { newPassword: 'password', confirmPassword: 'password' });
        const done = await chat.submit('submit', { newPassword, confirmPassword: newPassword });
        // Graph tells nobody of a lock-out (the reset lifts it all the same): only the embedded tenant can say it did.
        assert.equal(done[0]?.text, t.t(modeOf(harness, 'password.reset') === 'embedded' ? 'passwordReset.doneUnlocked' : 'passwordReset.done'));
        const user = await harness.directory.findUserById(margaux.id);
        assert.equal(user?.lockedOut, false);
        assert.ok(await harness.hasPassword(margaux.id, newPassword));
        assert.ok(cardTexts(chat.card()).includes(t.t('signout.offerHeading')));
        assert.equal((await chat.submit('yes'))[0]?.text, t.t('signout.done'));
        assert.deepEqual((await harness.audit.listForUser(margaux.id, 2)).map((e) => e.action), ['signout.everywhere', 'password.reset']);
      });

      it('password.reset, anonymous: an unknown account gets exactly the same answers, and no code ever works', async function () {
        const known = await demoUserNamed('anna');
        const unknownName = `nobody.${locale}@contoso.example`;
        const transcript = async (name: string): Promise<string[]> => {
          const chat = harness.chat(undefined, say.tag);
          const lines = [(await chat.say(say.passwordReset)).map(textOf).join('|')];
          lines.push((await chat.submit('submit', { account: name })).map(textOf).join('|').replaceAll(name, '<name>'));
          lines.push((await chat.say('000000')).map(textOf).join('|'));
          return lines;
        };
        assert.deepEqual(await transcript(unknownName), await transcript(known.userPrincipalName));
        const unregistered = await demoUser((u) => u.selfServicePasswordResetRegistered === false);
        assert.deepEqual(await transcript(unregistered.userPrincipalName), await transcript(known.userPrincipalName));
        assert.deepEqual(await harness.notifier.messagesFor(unregistered.id), [], 'nothing is sent for an unregistered account');
      });

      it('password.reset: wrong codes exhaust the code, then lock verification and say until when', async function () {
        const anna = await demoUserNamed('anna');
        const chat = harness.chat(undefined, say.tag);
        await chat.say(say.passwordReset);
        await chat.submit('submit', { account: anna.userPrincipalName });
        await chat.say('111111');
        assert.ok(cardTexts(chat.card()).includes(t.t('code.wrong', { left: 2 })));
        await chat.say('111112');
        await chat.say('111113');
        assert.ok(cardTexts(chat.card()).includes(t.t('code.exhausted')));
        const code = codeIn((await harness.notifier.messagesFor(anna.id)).at(-1)?.text ?? '');
        await chat.say(code);
        assert.ok(cardTexts(chat.card()).includes(t.t('code.exhausted')), `the right code no longer works once exhausted: ${code} ${chat.transcript.map((a) => a.text ?? JSON.stringify(a.value ?? cardTexts(cardOf(a)))).join(' / ')}`);
        await chat.submit('resend');
        await chat.say('222221');
        await chat.say('222222');
        assert.equal(await harness.services.verification.lockedUntil(`name:${anna.userPrincipalName}`), undefined);
        // The sixth wrong code in an hour locks verification, and the reply says until when.
        const replies = await chat.say('222223');
        const until = await harness.services.verification.lockedUntil(`name:${anna.userPrincipalName}`);
        assert.ok(until);
        // Nobody is signed in: the time is in the organization's time zone.
        const at = (await harness.translatorFor(undefined, say.tag)).moment(until, harness.clock.now());
        assert.equal(replies[0]?.text, t.t('verify.locked', { until: at }));
        // Then the way to a person who can check it another way: the helpdesk's contacts (nobody is signed in to open a ticket for).
        assert.ok(cardTexts(cardOf(replies[1] ?? {})).includes(t.t('verify.lockedHelp')), replies.map((r) => r.text ?? cardTexts(cardOf(r)).join(' ')).join(' / '));
        // While locked, no new code is sent, even for a new attempt.
        const sent = (await harness.notifier.messagesFor(anna.id)).length;
        const again = harness.chat(undefined, say.tag);
        await again.say(say.passwordReset);
        assert.equal((await again.submit('submit', { account: anna.userPrincipalName }))[0]?.text, t.t('verify.locked', { until: at }));
        assert.equal((await harness.notifier.messagesFor(anna.id)).length, sent);
        assert.ok(await harness.hasPassword(anna.id, anna.password));
      });

      it('password.reset: codes are limited per account over all conversations; asking once too often keeps the last code good', async function () {
        const anna = await demoUserNamed('anna');
        const before = (key: string): string => t.t(key, { until: '\u0000' }).split('\u0000')[0] ?? '';
        const chat = harness.chat(undefined, say.tag);
        await chat.say(say.passwordReset);
        await chat.submit('submit', { account: anna.userPrincipalName });
        for (let i = 0; i < 4; i += 1) await chat.submit('resend');
        const lastCode = codeIn((await harness.notifier.messagesFor(anna.id)).at(-1)?.text ?? '');
        const replies = await chat.submit('resend');
        assert.ok(textOf(replies[0] ?? {}).startsWith(before('code.resendThrottled')), textOf(replies[0] ?? {}));
        assert.equal((await harness.notifier.messagesFor(anna.id)).length, 5, 'five codes per hour, no more');

        const other = harness.chat(undefined, say.tag);
        await other.say(say.passwordReset);
        const refused = await other.submit('submit', { account: anna.userPrincipalName.toUpperCase() });
        assert.ok(textOf(refused[0] ?? {}).startsWith(before('verify.throttled')), 'a new conversation gets no more codes for the account');
        assert.equal((await harness.notifier.messagesFor(anna.id)).length, 5);

        await chat.say(lastCode);
        assert.deepEqual(inputsOf(chat), { newPassword: 'password', confirmPassword: 'password' }, 'the last code sent still works');
      });

      it('password.reset, signed in but not registered: says so, points to registration, shows the helpdesk', async function () {
        const lucas = await demoUser((u) => u.selfServicePasswordResetRegistered === false);
        const chat = harness.chat(lucas.id, say.tag);
        const replies = await chat.say(say.passwordReset);
        const texts = cardTexts(cardOf(replies[0] ?? {}));
        // Graph keeps the registration in a report a user cannot read: there, the methods they have tell (Lucas has none).
        const registration = modeOf(harness, 'password.reset') === 'embedded' ? 'passwordReset.notRegistered' : 'passwordReset.noMethods';
        assert.ok(texts.includes(t.t(registration, { url: 'https://aka.ms/mysecurityinfo' })));
        assert.ok(texts.includes(t.t('passwordReset.helpdesk')));
        assert.ok(texts.includes('Contoso Service Desk'));
      });
    });
  }

  describe('tenant policies', function () {
    it('SSPR disabled: the reset is explained and the helpdesk shown', async function () {
      const harness = await createHarness({ seed: (s) => { ((s.tenant.policy as Record<string, Record<string, unknown>>).selfServicePasswordReset as Record<string, unknown>).enabled = false; } });
      try {
        const replies = await harness.chat(undefined, 'en-US').say(phrases.en.passwordReset);
        assert.ok(cardTexts(cardOf(replies[0] ?? {})).includes(translator('en').t('passwordReset.disabled', { url: 'https://aka.ms/mysecurityinfo' })));
      } finally {
        await harness.close();
      }
    });

    it('two gates: a second, different method is asked after the first code', async function () {
      const harness = await createHarness({ seed: (s) => { ((s.tenant.policy as Record<string, Record<string, unknown>>).selfServicePasswordReset as Record<string, unknown>).gates = 2; } });
      try {
        const t = translator('en');
        const anna = await demoUserNamed('anna');
        // Signed in, the two checks are said from the start.
        const signedIn = harness.chat(anna.id, 'en-US');
        await signedIn.say(phrases.en.passwordReset);
        assert.ok(cardTexts(signedIn.card()).includes(t.t('passwordReset.verifyReasonTwoGates')), cardTexts(signedIn.card()).join(' / '));
        await signedIn.say(phrases.en.cancel);
        const chat = harness.chat(undefined, 'en-US');
        await chat.say(phrases.en.passwordReset);
        await chat.submit('submit', { account: anna.userPrincipalName });
        const first = (await harness.notifier.messagesFor(anna.id)).at(-1);
        await chat.say(codeIn(first?.text ?? ''));
        const texts = cardTexts(chat.card());
        assert.ok(texts.includes(t.t('passwordReset.secondGate')));
        const offered = (await harness.directory.listAuthenticationMethods(anna.id)).filter((m) => JSON.stringify(chat.card()).includes(m.id));
        assert.ok(offered.length >= 1 && offered.every((m) => m.emailAddress !== first?.to && m.phoneNumber !== first?.to && m.displayName !== first?.to), 'the first method is not offered again');
        const second = offered[0];
        await chat.submit('choose', {}, { methodId: second?.id ?? '' });
        await chat.say(codeIn((await harness.notifier.messagesFor(anna.id)).at(-1)?.text ?? ''));
        assert.equal((await chat.submit('submit', { newPassword, confirmPassword: newPassword }))[0]?.text, t.t('passwordReset.done'));
      } finally {
        await harness.close();
      }
    });
  });
});

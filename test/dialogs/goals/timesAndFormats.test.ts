// Times in the user's own zone and format, and sign-ins in the user's language, as transcripts.
// Expected times are worked out here with Intl, independently of the bot's translator.
import assert from 'node:assert/strict';
import { stringTable, translator } from '../../../bot/core/i18n/i18n.js';
import { demoUserNamed } from '../../helpers.js';
import { cardOf, cardTexts, createHarness, textOf, type Chat, type Harness } from '../harness.js';
import { phrases } from '../testData/phrases.js';

const clock = (tag: string, timeZone: string, at: Date): string =>
  new Intl.DateTimeFormat(tag, { hour: '2-digit', minute: '2-digit', timeZone }).format(at);

const day = (timeZone: string, at: Date): string => new Intl.DateTimeFormat('en-CA', { timeZone }).format(at);

/** A moment later today is told by its time; one on another day (the lock-out may end after midnight) with its date. */
const momentIn = (tag: string, timeZone: string, at: Date, now: Date): string =>
  day(timeZone, at) === day(timeZone, now)
    ? clock(tag, timeZone, at)
    : new Intl.DateTimeFormat(tag, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone }).format(at);

const zoneName = (tag: string, timeZone: string): string =>
  new Intl.DateTimeFormat(tag, { timeZone, timeZoneName: 'longGeneric' }).formatToParts(new Date()).find((p) => p.type === 'timeZoneName')?.value ?? '';

async function lockPasswordChange(chat: Chat, say: string): Promise<string> {
  await chat.say(say);
  let reply = '';
  for (let i = 0; i < 5; i++) reply = textOf((await chat.submit('submit', { currentPassword: `wrong-${i}`, newPassword: 'Quiet-Orchard-Lamp-58', confirmPassword: 'Quiet-Orchard-Lamp-58' }))[0]);
  return reply;
}

describe('times and formats: the user\'s zone, region and language', function () {
  let harness: Harness;
  beforeEach(async () => (harness = await createHarness()));
  afterEach(() => harness.close());

  it('a Stockholm user is told the lock-out time in Stockholm time; a client that gives its zone is told in that zone', async function () {
    const erik = await demoUserNamed('erik');
    const sv = phrases.sv;
    const before = new Date();
    const reply = await lockPasswordChange(harness.chat(erik.id, sv.tag), sv.passwordChange);
    const after = new Date();
    const until = await harness.services.verification.lockedUntil(`password:${erik.id}`);
    assert.ok(until);
    // USER (Teams, no time zone; office Stockholm): five wrong current passwords
    // BOT: "… spärrat till 14:35 …" — Stockholm time, and no "UTC"
    // (midnight in Stockholm may pass during the turn: either side of it is right)
    const expected = [before, after].map((now) => translator('sv').t('passwordChange.locked', { until: momentIn('sv-SE', 'Europe/Stockholm', until, now) }));
    assert.ok(expected.includes(reply), `${reply}\n≠ ${expected[0]}`);
    assert.ok(!reply.includes('UTC'));

    // USER (a client in Tokyo): I want to change my password
    // BOT: the same lock-out, in Tokyo time (a different day there is shown with its date)
    const tokyo = textOf((await harness.chat(erik.id, sv.tag, 'msteams', { timeZone: 'Asia/Tokyo' }).say(sv.passwordChange))[0]);
    assert.ok(tokyo.includes(clock('sv-SE', 'Asia/Tokyo', until)), tokyo);
  });

  it('an en-GB user reads day-month dates on a 24-hour clock; an en-US client reads US dates', async function () {
    const oliver = await demoUserNamed('oliver');
    const gb = await harness.chat(oliver.id, 'en-GB').say(phrases.en.signIns);
    const lines = cardTexts(cardOf(gb.at(-1) ?? {})).join('\n');
    // e.g. "20 Nov 2026, 08:12 (4 days ago)"
    assert.match(lines, /\b\d{1,2} [A-Z][a-z]{2} 20\d\d, \d{2}:\d{2} \(/);
    assert.doesNotMatch(lines, /\b(AM|PM)\b/);
    assert.ok(lines.includes(translator('en').t('signins.footerZone', { zone: zoneName('en-GB', 'Europe/London') })), lines);

    const us = await harness.chat(oliver.id, 'en-US').say(phrases.en.signIns);
    const usLines = cardTexts(cardOf(us.at(-1) ?? {})).join('\n');
    // e.g. "Nov 20, 2026, 8:12 AM (4 days ago)"
    assert.match(usLines, /\b[A-Z][a-z]{2} \d{1,2}, 20\d\d, \d{1,2}:\d{2} (AM|PM) \(/);
  });

  it('a French user\'s sign-ins give the reasons of failures in French, never the directory\'s English', async function () {
    const margaux = await demoUserNamed('margaux');
    const fr = stringTable('fr');
    const replies = await harness.chat(margaux.id, 'fr-FR').say(phrases.fr.signIns);
    const lines = cardTexts(cardOf(replies.at(-1) ?? {})).join('\n');
    // "… · échec (nom d’utilisateur ou mot de passe incorrect)", "… · échec (compte verrouillé)"
    assert.ok(lines.includes(translator('fr').t('signins.failure', { reason: fr['signins.reason.50126'] ?? '?' })), lines);
    assert.ok(lines.includes(translator('fr').t('signins.failure', { reason: fr['signins.reason.50053'] ?? '?' })), lines);
    for (const english of ['Invalid username', 'Account is locked', 'Strong Authentication']) assert.ok(!lines.includes(english), english);
    // Lyon is in the Paris time zone; the footer names it in French.
    assert.ok(lines.includes(translator('fr').t('signins.footerZone', { zone: zoneName('fr-FR', 'Europe/Paris') })), lines);
  });
});

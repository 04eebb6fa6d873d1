// helpdesk.ticket and ticket.status as transcripts in every language: the ticket carries the user,
// channel, language, where the bot stopped and the last turns with every secret removed.
import assert from 'node:assert/strict';
import { supportedLocales, translator } from '../../../bot/core/i18n/i18n.js';
import { cardVerbs } from '../../../cards/cardVerbs.js';
import { demoUserNamed } from '../../helpers.js';
import { cardOf, cardTexts, createHarness, type Harness } from '../harness.js';
import { phrases } from '../testData/phrases.js';


describe('helpdesk dialogs', function () {
  let harness: Harness;
  beforeEach(async () => (harness = await createHarness()));
  afterEach(() => harness.close());

  for (const locale of supportedLocales) {
    const t = translator(locale);
    const say = phrases[locale];

    describe(`in ${locale}`, function () {
      it('helpdesk.ticket: category and description, a summary to confirm, then a numbered ticket with context; ticket.status lists it', async function () {
        const anna = await demoUserNamed('anna');
        const chat = harness.chat(anna.id, say.tag);
        await chat.say(say.passwordChange);
        await chat.say('Sup3r-Secret-Typed-99');
        await chat.say(say.cancel);
        await chat.say(say.helpdesk);
        assert.ok(cardTexts(chat.card()).includes(t.t('helpdesk.heading')));
        const submitted = await chat.submit('submit', { category: 'password', description: 'I keep getting locked out, code 493817 did not work' });
        assert.ok(submitted.some((r) => r.text === t.t('helpdesk.codeMasked')), 'the user is told the code was taken out');
        const summary = cardTexts(chat.card());
        assert.ok(summary.includes(t.t('ticket.category.password')));
        assert.ok(!summary.join(' ').includes('493817'), 'the code is not shown back, nor kept in the conversation until sent');
        const replies = await chat.submit('send');
        const tickets = await harness.services.tickets.listForUser(anna.id);
        assert.equal(tickets.length, 1);
        const ticket = tickets[0]!;
        assert.match(ticket.number, /^INC-\d{6}$/);
        assert.equal(replies[0]?.text, t.t('helpdesk.created', { number: ticket.number }));
        assert.ok(cardTexts(cardOf(replies[0] ?? {})).includes(t.t('ticket.heading', { number: ticket.number })));
        assert.equal(ticket.channel, 'msteams');
        assert.equal(ticket.locale, locale);
        assert.equal(ticket.category, 'password');
        assert.ok(ticket.transcript.some((l) => l.from === 'user' && l.text === say.passwordChange), 'earlier turns are attached');
        const all = JSON.stringify(ticket);
        assert.ok(!all.includes('Sup3r-Secret-Typed-99'), 'a password typed in the chat is not in the ticket');
        assert.ok(!all.includes('493817'), 'a code is not in the ticket');
        assert.equal((await harness.audit.listForUser(anna.id, 1))[0]?.action, 'ticket.create');
        // Teams refuses events: no hand-off event there.
        assert.deepEqual(chat.events, []);
        await chat.say(say.ticketStatus);
        const texts = cardTexts(chat.card());
        assert.ok(texts.some((x) => x.startsWith(ticket.number)));
        assert.ok(texts.includes(t.t('ticket.state.new')));
      });

      it('"report an error" on the profile opens a ticket about the profile with where we stopped', async function () {
        const anna = await demoUserNamed('anna');
        const chat = harness.chat(anna.id, say.tag);
        await chat.say(say.profile);
        await chat.send({ verb: cardVerbs.reportProfileError });
        await chat.submit('submit', { category: 'profile', description: 'Wrong office' });
        assert.ok(cardTexts(chat.card()).includes(t.t('goal.profile.view.title')));
        await chat.submit('send');
        const [ticket] = await harness.services.tickets.listForUser(anna.id);
        assert.equal(ticket?.category, 'profile');
        assert.equal(ticket?.context.goal, 'profile.view');
      });

      it('cancel at the summary opens nothing; an anonymous user gets the helpdesk contact', async function () {
        const anna = await demoUserNamed('anna');
        const chat = harness.chat(anna.id, say.tag);
        await chat.say(say.helpdesk);
        await chat.submit('submit', { category: 'other', description: 'Something' });
        assert.equal((await chat.submit('cancel'))[0]?.text, t.t('cancel.done'));
        assert.deepEqual(await harness.services.tickets.listForUser(anna.id), []);
        const anonymous = await harness.chat(undefined, say.tag).say(say.helpdesk);
        const texts = cardTexts(cardOf(anonymous[0] ?? {}));
        assert.ok(texts.includes(t.t('helpdesk.anonymous')));
        assert.ok(texts.includes('Contoso Service Desk'));
      });
    });
  }

  it('on the web chat the standard handoff.initiate event carries the redacted transcript', async function () {
    const claire = await demoUserNamed('claire');
    const chat = harness.chat(claire.id, 'en-US', 'directline');
    await chat.say('change my password');
    await chat.say('my code is 118822');
    await chat.say('cancel');
    await chat.say('I need a human');
    await chat.submit('submit', { category: 'other', description: 'Please call me' });
    await chat.submit('send');
    const [ticket] = await harness.services.tickets.listForUser(claire.id);
    assert.equal(ticket?.channel, 'directline');
    const event = chat.events.find((e) => e.name === 'handoff.initiate');
    assert.ok(event, 'handoff.initiate sent');
    assert.equal((event.value as { ticket?: string }).ticket, ticket?.number);
    const transcript = JSON.stringify(event.attachments);
    assert.ok(transcript.includes('change my password'));
    assert.ok(!transcript.includes('118822'));
  });

  it('ticket.status with no tickets says so', async function () {
    const erik = await demoUserNamed('erik');
    assert.equal((await harness.chat(erik.id, 'en-US').say(phrases.en.ticketStatus))[0]?.text, translator('en').t('ticket.none'));
  });
});

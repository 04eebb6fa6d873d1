import assert from 'node:assert/strict';
import { readTicketCommand, ticketNumberIn, type TicketCommand } from '../../../../bot/core/nlu/ticketCommands.js';

const read = (text: string): Omit<TicketCommand, 'locale'> | undefined => {
  const command = readTicketCommand(text);
  if (!command) return undefined;
  const { locale: _locale, ...rest } = command;
  return rest;
};

describe('typed ticket commands', function () {
  it('open or show a ticket by number, however the number is typed, in the four languages', function () {
    for (const text of [
      'open INC-000123', 'Open inc-000123', 'show me INC-000123', 'Please show ticket INC-000123', 'view inc 000123', 'pull up INC000123',
      'INC-000123', '  inc-123 ', 'ticket INC-000123', 'open #123', 'open ticket #000123',
      'ouvre INC-000123', 'Ouvrez le ticket INC-000123 svp', 'affiche INC-000123', 'montre-moi INC-000123',
      'toon INC-000123', 'laat INC-000123 zien', 'open ticket INC-000123', 'bekijk inc-000123',
      'öppna INC-000123', 'visa ärende INC-000123', 'Visa mig INC-000123',
      'Can you open INC-000123?', 'could you please show me the ticket INC-000123', 'open INC-000123, please', 'pouvez-vous ouvrir le ticket INC-000123 ?',
      'kun je INC-000123 openen?', 'kan du öppna INC-000123?',
    ]) {
      assert.deepEqual(read(text), { act: 'open', ticket: 'INC-000123' }, text);
    }
  });

  it('assign to me, with a number or about "it"', function () {
    for (const text of [
      'assign it to me', 'Assign this one to me please', "I'll take it", 'I’ll take it', 'i will take this ticket',
      'je le prends', 'assigne-le-moi', 'Attribuez-le-moi', 'je m’en occupe',
      'ik neem hem', 'ik neem het wel', 'wijs toe aan mij', 'wijs hem aan mij toe',
      'jag tar den', 'tilldela mig', 'Jag tar det här',
    ]) {
      assert.deepEqual(read(text), { act: 'assign' }, text);
    }
    assert.deepEqual(read('assign to me'), { act: 'assign' });
    for (const text of ['assign INC-000123 to me', "I'll take inc-123", 'je prends INC-000123', 'assigne-moi INC-000123', 'ik neem INC-000123', 'wijs INC-000123 toe aan mij', 'jag tar INC-000123', 'tilldela mig INC-000123', 'take INC-000123']) {
      assert.deepEqual(read(text), { act: 'assign', ticket: 'INC-000123' }, text);
    }
  });

  it('resolve with the comment after a colon or a dash, as typed', function () {
    assert.deepEqual(read('resolve it: password reset done'), { act: 'resolve', note: 'password reset done' });
    assert.deepEqual(read('Résous-le\u202f: mot de passe réinitialisé'), { act: 'resolve', note: 'mot de passe réinitialisé' });
    assert.deepEqual(read('los op: wachtwoord is hersteld'), { act: 'resolve', note: 'wachtwoord is hersteld' });
    assert.deepEqual(read('lös den: lösenordet är återställt'), { act: 'resolve', note: 'lösenordet är återställt' });
    assert.deepEqual(read('close INC-000123 – fixed'), { act: 'resolve', ticket: 'INC-000123', note: 'fixed' });
    assert.deepEqual(read('close inc-123 - fixed: the account was unlocked'), { act: 'resolve', ticket: 'INC-000123', note: 'fixed: the account was unlocked' });
    assert.deepEqual(read('mark it as resolved'), { act: 'resolve' });
    assert.deepEqual(read('sluit INC-000123'), { act: 'resolve', ticket: 'INC-000123' });
    assert.deepEqual(read('stäng INC-000123: klart'), { act: 'resolve', ticket: 'INC-000123', note: 'klart' });
    assert.deepEqual(read('resolve it'), { act: 'resolve' }, 'the form asks for the comment');
    assert.deepEqual(read('resolve it, please'), { act: 'resolve' });
    assert.deepEqual(read('resolve it, password reset done'), { act: 'resolve', note: 'password reset done' });
    assert.deepEqual(read('resolve INC-000123 with the comment: unlocked'), { act: 'resolve', ticket: 'INC-000123', note: 'unlocked' });
    assert.deepEqual(read('résous le ticket INC-000123 avec le commentaire : compte débloqué'), { act: 'resolve', ticket: 'INC-000123', note: 'compte débloqué' });
    assert.deepEqual(read('sluit het ticket INC-000123 met de opmerking: opgelost'), { act: 'resolve', ticket: 'INC-000123', note: 'opgelost' });
    assert.deepEqual(read('kan du stänga INC-000123 med kommentaren: klart'), { act: 'resolve', ticket: 'INC-000123', note: 'klart' });
    assert.deepEqual(read('close it: fixed'), { act: 'resolve', note: 'fixed' }, 'with a comment, "close it" is a resolve');
  });

  it('"close it", "take it", "stäng den": how people stop what is going on, a command only with a number or a comment', function () {
    for (const text of ['close it', 'close this', 'take it', 'ferme-le', 'sluit het af', 'stäng den', 'avsluta det']) {
      assert.equal(readTicketCommand(text), undefined, text);
    }
  });

  it('send back to the user', function () {
    for (const text of ['send it back', 'send it back to the user', 'renvoie-le', 'stuur hem terug', 'skicka tillbaka den']) {
      assert.deepEqual(read(text), { act: 'sendBack' }, text);
    }
    assert.deepEqual(read('send INC-000123 back: please add your phone'), { act: 'sendBack', ticket: 'INC-000123', note: 'please add your phone' });
  });

  it('says the language when only one language says it that way', function () {
    assert.equal(readTicketCommand('ouvre INC-000123')?.locale, 'fr');
    assert.equal(readTicketCommand('ik neem hem')?.locale, 'nl');
    assert.equal(readTicketCommand('lös den: klart')?.locale, 'sv');
    assert.equal(readTicketCommand('assign it to me')?.locale, 'en');
    assert.equal(readTicketCommand('open INC-000123')?.locale, undefined, '"open" is English and Dutch');
    assert.equal(readTicketCommand('INC-000123')?.locale, undefined);
  });

  it('sentences that merely contain the words, requests and loose numbers are not commands', function () {
    for (const text of [
      'reset my password', 'open', 'resolve', 'I want to open a ticket', 'how do I resolve this: my password expired', 'open the menu',
      'can you resolve my problem', 'close my session', 'show my devices', 'what is the status of my tickets?', 'I forgot my password, see INC-000123',
      'open INC-000123 and INC-000124', 'INC-000123 INC-000124', '#123', 'open INC-000123: the user called', 'send it', 'skicka den',
      'avsluta', 'take a look at my profile', "what's happening with INC-000104?", 'assign it to James', 'assigne-le', 'ik neem contact op',
      'jag tar bort telefonen', 'open it up for me to see the whole thing now please', 'x'.repeat(700),
      'ok, open INC-000123', 'open INC-000123, then reset my password', 'can you reset my password', 'kan du visa mina enheter',
    ]) {
      assert.equal(readTicketCommand(text), undefined, text);
    }
  });
});

describe('ticket numbers in a message', function () {
  it('the one number named, normalized', function () {
    assert.equal(ticketNumberIn("what's happening with INC-000104?"), 'INC-000104');
    assert.equal(ticketNumberIn('où en est inc-104 ?'), 'INC-000104');
    assert.equal(ticketNumberIn('hoe staat het met inc 000104'), 'INC-000104');
    assert.equal(ticketNumberIn('INC-1234567 please'), 'INC-1234567');
    assert.equal(ticketNumberIn('INC-000104, INC-104 again'), 'INC-000104', 'the same number twice is one');
    assert.equal(ticketNumberIn('any news on INC 104?'), 'INC-000104', 'the prefix in capitals');
  });

  it('none, two different ones, or numbers that are not tickets', function () {
    for (const text of ['what is the status of my tickets?', 'INC-000104 or INC-000105?', 'my code is 123456', 'ticket #104', 'PRINC-000104', 'INC-000104X', 'Contoso inc 2024', 'our inc 12 branch']) {
      assert.equal(ticketNumberIn(text), undefined, text);
    }
  });
});

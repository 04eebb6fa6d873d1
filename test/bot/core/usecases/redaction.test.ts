// Free text bound for a ticket or a transcript: password-like strings are masked, the words,
// names, ids, addresses and numbers people write about their problem are not.
import assert from 'node:assert/strict';
import { maskPasswords, redact } from '../../../../bot/core/usecases/redaction.js';

describe('redaction', function () {
  const masked: [text: string, secret: string][] = [
    ['my new password is Summer2026! but it does not work', 'Summer2026!'],
    ['I set it to Tr0ub4dor&3 yesterday', 'Tr0ub4dor&3'],
    ['mon mot de passe est Printemps#2026', 'Printemps#2026'],
    ['mijn wachtwoord is Zomer2026 en werkt niet', 'Zomer2026'],
    ['mitt lösenord är Sommar-2026', 'Sommar-2026'],
    ['password: hunter22', 'hunter22'],
    ['pwd=correct-Horse', 'correct-Horse'],
    ['change my password to Welcome123', 'Welcome123'],
  ];
  for (const [text, secret] of masked) {
    it(`masks the password in "${text}"`, function () {
      const result = maskPasswords(text);
      assert.equal(result.masked, true);
      // The text that is kept (a ticket, a transcript) no longer holds the password, not even in part.
      assert.ok(!result.text.includes(secret), `${secret} is gone from "${result.text}"`);
      assert.ok(!result.text.includes(secret.replace(/[^A-Za-z]/g, '')), `no letters of ${secret} are left in "${result.text}"`);
    });
  }

  const kept = [
    'Please disable CON-LT-0142, it was stolen',
    'write to anna.de-boer@contoso.example or call +31 20 555 0142',
    'my password is expired.',
    'I need to change my password, it is not working',
    'ik wil mijn wachtwoord wijzigen',
    'see https://aka.ms/mysecurityinfo for the steps',
    'ticket INC-000123 is still open',
    // The bot's own lines in a transcript name its cards' headings in brackets.
    '[Désactiver l’appareil iPhone de Sophie ?]',
    '[Contacter le support informatique]',
    // Words joined by an apostrophe or a hyphen.
    "D'accord, je vous réponds désormais en français.",
    'Reconnectez-vous dans vos applications',
    "OK, j'abandonne ce que nous étions en train de faire",
  ];
  for (const text of kept) {
    it(`keeps "${text}" as written`, function () {
      assert.deepEqual(maskPasswords(text), { text, masked: false });
    });
  }

  it('still removes codes and long tokens', function () {
    assert.equal(redact('the code 493817 did not work'), 'the code […] did not work');
    assert.match(redact('token eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9abc'), /token \[…\]/);
    assert.equal(redact('le code ４９３８１７ ne marche pas'), 'le code […] ne marche pas', 'full-width digits');
    assert.equal(redact('mitt nummer är ０７０－１２３ ４５ ６７'), 'mitt nummer är […]');
    assert.equal(redact('room 12, floor 3'), 'room 12, floor 3', 'short numbers stay');
  });
});

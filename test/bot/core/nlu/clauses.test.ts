import assert from 'node:assert/strict';
import { clauseParts, splitClauses } from '../../../../bot/core/nlu/clauses.js';

describe('clauses of a message', function () {
  it('cuts at "and", "then" and a sentence end, in the four languages', function () {
    assert.deepEqual(splitClauses('en', 'reset my password and sign me out everywhere'), ['reset my password', 'sign me out everywhere']);
    assert.deepEqual(splitClauses('en', 'change my password, then show my security info'), ['change my password', 'show my security info']);
    assert.deepEqual(splitClauses('fr', 'réinitialise mon mot de passe et puis déconnecte-moi partout'), ['réinitialise mon mot de passe', 'déconnecte-moi partout']);
    assert.deepEqual(splitClauses('fr', 'montre mes appareils. Ensuite je veux quitter Fabrikam'), ['montre mes appareils.', 'je veux quitter Fabrikam']);
    assert.deepEqual(splitClauses('nl', 'reset mijn wachtwoord en dan meld me overal af'), ['reset mijn wachtwoord', 'meld me overal af']);
    assert.deepEqual(splitClauses('sv', 'återställ mitt lösenord samt logga ut mig överallt'), ['återställ mitt lösenord', 'logga ut mig överallt']);
  });

  it('cuts at "also" only where it opens a clause, and keeps it inside one', function () {
    assert.deepEqual(splitClauses('en', 'show my devices. Also, I want to leave Fabrikam'), ['show my devices.', 'I want to leave Fabrikam']);
    assert.deepEqual(splitClauses('nl', 'toon mijn apparaten. Ik wil ook Fabrikam verlaten'), ['toon mijn apparaten.', 'Ik wil ook Fabrikam verlaten']);
    assert.deepEqual(splitClauses('sv', 'byt mitt lösenord och visa sedan mina inloggningar'), ['byt mitt lösenord', 'visa sedan mina inloggningar']);
    assert.deepEqual(splitClauses('fr', 'montre mes appareils, aussi je veux quitter Fabrikam'), ['montre mes appareils', 'je veux quitter Fabrikam']);
  });

  it('leaves out a clause of one word, and does not cut inside words', function () {
    assert.deepEqual(splitClauses('en', 'change my password and PIN'), ['change my password']);
    assert.deepEqual(splitClauses('en', 'show my android devices'), ['show my android devices']);
    assert.deepEqual(splitClauses('nl', 'mijn aanmeldingen van vanochtend'), ['mijn aanmeldingen van vanochtend']);
    assert.deepEqual(splitClauses('sv', 'visa mina inloggningar'), ['visa mina inloggningar']);
    assert.deepEqual(splitClauses('en', 'devices'), []);
  });

  it('cuts parts also at commas and at a reason or a contrast, one word kept', function () {
    assert.deepEqual(clauseParts('en', 'delete the sms number, I only use the app now'), ['delete the sms number', 'I only use the app now']);
    assert.deepEqual(clauseParts('en', 'remove my phone and email'), ['remove my phone', 'email']);
    assert.deepEqual(clauseParts('fr', 'supprime le numéro parce que j’utilise l’appli'), ['supprime le numéro', 'j’utilise l’appli']);
    assert.deepEqual(clauseParts('nl', 'verwijder mijn nummer want ik gebruik de app'), ['verwijder mijn nummer', 'ik gebruik de app']);
    assert.deepEqual(clauseParts('sv', 'behåll appen men ta bort numret'), ['behåll appen', 'ta bort numret']);
    assert.deepEqual(clauseParts('en', 'show my sessions'), ['show my sessions']);
  });
});

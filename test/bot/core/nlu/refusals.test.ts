import assert from 'node:assert/strict';
import { withoutRefusals } from '../../../../bot/core/nlu/refusals.js';

describe('what a message does not want', function () {
  it('takes out the part that refuses, in the four languages, and keeps the request', function () {
    const cases: [string, string][] = [
      ["I don't want to change my password, I want to see my profile", 'I want to see my profile'],
      ['dont want to reset it, just change my password', 'just change my password'],
      ['show my devices; I do not need a new password', 'show my devices'],
      ['not my password but my phone number', 'my phone number'],
      ['je ne veux pas changer mon mot de passe, je veux voir mon profil', 'je veux voir mon profil'],
      ["j'veux pas réinitialiser, juste voir mes appareils", 'juste voir mes appareils'],
      ['pas mon mot de passe mais mon numéro de téléphone', 'mon numéro de téléphone'],
      ['ik wil mijn wachtwoord niet wijzigen, ik wil mijn profiel zien', 'ik wil mijn profiel zien'],
      ['ik wil niet uitloggen maar mijn apparaten zien', 'mijn apparaten zien'],
      ['jag vill inte byta lösenord, jag vill se min profil', 'jag vill se min profil'],
      ['jag vill inte logga ut överallt utan se mina enheter', 'se mina enheter'],
      ['behöver inte nytt lösenord. Visa mina inloggningar', 'Visa mina inloggningar'],
      ['je veux rien désactiver, juste voir mes appareils', 'juste voir mes appareils'],
      ['niks uitschakelen, ik wil alleen mijn apparaten zien', 'ik wil alleen mijn apparaten zien'],
      ['not disable anything, I just want to see my devices', 'I just want to see my devices'],
    ];
    for (const [text, wanted] of cases) assert.equal(withoutRefusals(text)?.wanted, wanted, text);
  });

  it('leaves a message alone when nothing in it is refused, or everything is', function () {
    for (const text of [
      'show my profile',
      "I don't remember my password",
      "I can't sign in, my account is locked",
      'not sure which phone gets my codes, can you show me',
      "I don't want to sign out everywhere",
      'je ne veux pas me déconnecter partout',
      'change my password but keep me signed in here',
    ]) assert.equal(withoutRefusals(text), undefined, text);
  });

  it('reads "anymore" as a request for a change, not a refusal', function () {
    assert.equal(withoutRefusals("I don't want my old phone to get codes anymore, remove it"), undefined);
    assert.equal(withoutRefusals('ik wil geen sms meer, verwijder mijn telefoon'), undefined);
    assert.equal(withoutRefusals('jag vill inte få sms längre, ta bort telefonen'), undefined);
    assert.equal(withoutRefusals('je ne veux plus de SMS, supprime mon téléphone'), undefined);
  });
});

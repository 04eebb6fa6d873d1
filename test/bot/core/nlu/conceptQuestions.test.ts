import assert from 'node:assert/strict';
import { readConceptQuestion, type Concept } from '../../../../bot/core/nlu/conceptQuestions.js';

describe('concept questions', function () {
  const cases: readonly [string, Concept][] = [
    ['what is an authenticator?', 'authenticator'],
    ["what's the Microsoft Authenticator app", 'authenticator'],
    ['whats an authentcator', 'authenticator'],
    ["c'est quoi une application authenticator ?", 'authenticator'],
    ["qu'est-ce que l'application d'authentification ?", 'authenticator'],
    ['wat is een authenticator eigenlijk?', 'authenticator'],
    ['wat is eigenlijk een autenticator app', 'authenticator'],
    ['vad är authenticator-appen?', 'authenticator'],
    ['what is step-up verification?', 'verificationCode'],
    ['what is a verification code', 'verificationCode'],
    ['cest quoi un code de verification', 'verificationCode'],
    ['wat is een verificatiecode?', 'verificationCode'],
    ['vad ar en verifieringskod', 'verificationCode'],
    ['what is MFA?', 'multiFactor'],
    ['what does two-step verification mean?', 'multiFactor'],
    ['so what is 2 step verification', 'multiFactor'],
    ["qu'est-ce que l'authentification multifacteur ?", 'multiFactor'],
    ["c'est quoi la 2FA", 'multiFactor'],
    ['wat is tweestapsverificatie?', 'multiFactor'],
    ['vad är tvåstegsverifiering?', 'multiFactor'],
    ['what is the default sign-in method?', 'defaultMethod'],
    ["c'est quoi la méthode de connexion par défaut ?", 'defaultMethod'],
    ['wat is een standaardaanmeldingsmethode?', 'defaultMethod'],
    ['vad är standardinloggningsmetod?', 'defaultMethod'],
    ['what is self-service password reset?', 'passwordReset'],
    ["qu'est-ce que la réinitialisation de mot de passe en libre-service ?", 'passwordReset'],
    ['wat is selfservice wachtwoordherstel?', 'passwordReset'],
    ['vad är SSPR?', 'passwordReset'],
  ];
  for (const [text, concept] of cases) {
    it(`"${text}" → ${concept}`, function () {
      assert.equal(readConceptQuestion(text), concept);
    });
  }

  for (const text of ['what is my default sign-in method?', 'add the authenticator app', 'remove my authenticator', 'quelle est ma méthode par défaut ?', "what's the weather like tomorrow?", 'why?', 'wat is er veranderd?', 'I never got the verification code',
    'what MFA do I have', "what's registered for multi-factor authentication", "qu'est-ce qui est enregistré pour l'authentification multifacteur",
    'wat is er geregistreerd voor meervoudige verificatie', 'vad är registrerat för multifaktorautentisering', 'what 2fa stuff have I got registered']) {
    it(`"${text}" is no question about a concept`, function () {
      assert.equal(readConceptQuestion(text), undefined);
    });
  }
});

// What a message names among the user's own objects: devices and organizations by name, methods by
// kind, number or address, and the kind to add or the default asked for, in the four languages.
import assert from 'node:assert/strict';
import type { Locale } from '../../../../bot/core/i18n/i18n.js';
import type { AuthenticationMethod, PreferredSecondaryMethod } from '../../../../bot/core/ports/directory.js';
import { addableKindSaid, emailAddressesIn, methodsNamed, objectsNamed, phoneNumbersIn, preferenceSaid, removalAndRest } from '../../../../bot/core/nlu/entities.js';

const devices = ['CON-LT-0142', 'CON-LT-0311', 'CON-WS-0312', "Claire's iPhone 15", 'Pixel 8', 'Eriks iPad', 'Galaxy S23'];
const organizations = ['Contoso', 'Fabrikam Ltd', 'Northwind Traders', 'Adventure Works', 'Tailspin Toys', 'Société Générale'];
const named = (text: string, names: readonly string[]): string[] => objectsNamed(text, names, (n) => n, { leadingWord: names === organizations });

const phone = (id: string, phoneNumber: string, phoneType: 'mobile' | 'alternateMobile' | 'office'): AuthenticationMethod =>
  ({ id, '@odata.type': '#microsoft.graph.phoneAuthenticationMethod', kind: 'phone', phoneNumber, phoneType });
const methods: AuthenticationMethod[] = [
  phone('mobile', '+46 70 123 45 67', 'mobile'),
  phone('alternate', '+46 73 987 65 43', 'alternateMobile'),
  phone('office', '+46 8 555 012 31', 'office'),
  { id: 'email', '@odata.type': '#microsoft.graph.emailAuthenticationMethod', kind: 'email', emailAddress: 'erik.johansson@example.net' },
  { id: 'app', '@odata.type': '#microsoft.graph.microsoftAuthenticatorAuthenticationMethod', kind: 'microsoftAuthenticator', displayName: 'Pixel 8' },
  { id: 'key', '@odata.type': '#microsoft.graph.fido2AuthenticationMethod', kind: 'fido2', displayName: 'YubiKey 5C NFC' },
];
const methodIds = (text: string, locale: Locale, of: readonly AuthenticationMethod[] = methods): string[] => methodsNamed(text, locale, of).map((m) => m.id);

describe('entities: what a message names', function () {
  describe('devices and organizations by name', function () {
    const cases: [Locale, string, string[], readonly string[]][] = [
      ['en', 'disable CON-LT-0142', ['CON-LT-0142'], devices],
      ['en', 'please block con-lt-0142 it was stolen', ['CON-LT-0142'], devices],
      ['en', 'disable 0142', ['CON-LT-0142'], devices],
      ['fr', 'désactive le 0311 svp', ['CON-LT-0311'], devices],
      ['nl', 'schakel conlt0142 uit', ['CON-LT-0142'], devices],
      ['en', 'my iphone was stolen', ["Claire's iPhone 15"], devices],
      ['fr', "j'ai perdu l'iphone de Claire", ["Claire's iPhone 15"], devices],
      ['nl', 'mijn pixel8 is kwijt', ['Pixel 8'], devices],
      ['sv', 'inaktivera eriks ipad', ['Eriks iPad'], devices],
      ['sv', "spärra Erik's iPad", ['Eriks iPad'], devices],
      ['en', 'disable my galxy s23', ['Galaxy S23'], devices],
      ['en', 'leave fabrikam', ['Fabrikam Ltd'], organizations],
      ['fr', 'je veux quitter FABRIKAM', ['Fabrikam Ltd'], organizations],
      ['fr', 'quitter societe generale', ['Société Générale'], organizations],
      ['nl', 'ik wil Northwind verlaten', ['Northwind Traders'], organizations],
      ['nl', 'verlaat fabrikma', ['Fabrikam Ltd'], organizations],
      ['sv', 'jag vill lämna adventure works', ['Adventure Works'], organizations],
      ['sv', 'lämna contoso', ['Contoso'], organizations],
    ];
    for (const [locale, text, expected, names] of cases) {
      it(`${locale}: "${text}" names ${expected.join(', ')}`, function () {
        assert.deepEqual(named(text, names), expected);
      });
    }

    it('several that fit equally are all returned (the card then asks)', function () {
      assert.deepEqual(named('disable the CON-LT one', devices).sort(), ['CON-LT-0142', 'CON-LT-0311']);
      assert.deepEqual(named('disable my eriks', ['Eriks iPad', 'Eriks iPhone']).sort(), ['Eriks iPad', 'Eriks iPhone']);
      assert.deepEqual(named("disable erik's iphone", ['Eriks iPad', 'Eriks iPhone']), ['Eriks iPhone']);
    });

    const nothing: [string, readonly string[]][] = [
      ['disable my phone', devices],
      ['disable my laptop', devices],
      ['désactiver mon téléphone', ['iPhone van Pieter', 'CON-LT-0007']],
      ['leave the bank', ['Contoso', 'Woodgrove Bank']],
      ['I want to leave an organization', organizations],
      ['leave the fabric team', organizations],
      ['lämna Northwest', organizations],
      ['disable 0143', devices],
      ['disable 42', devices],
      ['leave Woodgrove Bank', organizations],
      ['disable CON-MB-0210', devices],
      ['withdraw from Wingtip Toys', organizations],
      ['leave wingtip toys', organizations],
      ['leave the Tailwind Traders organization', organizations],
      ['I no longer work with Fourth Coffee, leave their org', organizations],
      ["disable Anna's iPhone", devices],
      ["désactiver l'iPhone de Pieter", devices],
      ['', devices],
    ];
    for (const [text, names] of nothing) {
      it(`"${text}" names none of the user's own`, function () {
        assert.deepEqual(named(text, names), []);
      });
    }
  });

  describe('sign-in methods', function () {
    const cases: [Locale, string, string[]][] = [
      ['en', 'remove the number ending in 67', ['mobile']],
      ['en', 'delete my phone that ends with 4543', []],
      ['en', 'remove +46 73 987 65 43', ['alternate']],
      ['en', 'remove 073-987 65 43 from my account', ['alternate']],
      ['en', 'remove my office phone', ['office']],
      ['en', 'remove my alternate phone', ['alternate']],
      ['en', 'remove my phone number', ['mobile', 'alternate', 'office']],
      ['en', 'remove the authenticator app on my pixel', ['app']],
      ['en', 'remove my security key', ['key']],
      ['en', 'remove erik.johansson@example.net', ['email']],
      ['fr', 'supprimer le numéro qui finit par 31', ['office']],
      ['fr', 'supprime mon adresse courriel', ['email']],
      ['fr', "retire l'application Authenticator", ['app']],
      ['fr', 'supprimer ma clé de sécurité', ['key']],
      ['fr', 'supprimer mon téléphone fixe', ['office']],
      ['nl', 'verwijder het nummer dat eindigt op 43', ['alternate']],
      ['nl', 'verwijder mijn e-mailadres', ['email']],
      ['nl', 'haal de beveiligingssleutel weg', ['key']],
      ['nl', 'verwijder de app', ['app']],
      ['nl', 'verwijder mijn gsm-nummer', ['mobile', 'alternate', 'office']],
      ['sv', 'ta bort numret som slutar på 67', ['mobile']],
      ['sv', 'ta bort min e-post', ['email']],
      ['sv', 'ta bort appen från min telefon', ['app']],
      ['sv', 'ta bort säkerhetsnyckeln', ['key']],
      ['sv', 'ta bort mitt jobbnummer', ['office']],
      ['sv', 'ta bort YubiKeyn', ['key']],
    ];
    for (const [locale, text, expected] of cases) {
      it(`${locale}: "${text}" names ${expected.join(', ') || 'none'}`, function () {
        assert.deepEqual(methodIds(text, locale), expected);
      });
    }

    it('nothing said about a method, or an address that is not the user\'s, names none', function () {
      assert.deepEqual(methodIds('remove a sign-in method', 'en'), []);
      assert.deepEqual(methodIds('supprimer une méthode de connexion', 'fr'), []);
      assert.deepEqual(methodIds("supprimer une méthode d'authentification", 'fr'), []);
      assert.deepEqual(methodIds('remove an authentication method', 'en'), []);
      assert.deepEqual(methodIds('verwijder een authenticatiemethode', 'nl'), []);
      assert.deepEqual(methodIds('remove app password', 'en'), []);
      assert.deepEqual(methodIds("supprimer le mot de passe d'application", 'fr'), []);
      assert.deepEqual(methodIds('app-wachtwoord verwijderen', 'nl'), []);
      assert.deepEqual(methodIds('ta bort app-lösenordet', 'sv'), []);
      assert.deepEqual(methodIds('remove someone.else@example.net', 'en'), []);
      assert.deepEqual(methodIds('remove the number ending in 99', 'en'), []);
      assert.deepEqual(methodIds('remove my e-mail', 'en', methods.filter((m) => m.kind !== 'email')), []);
    });

    it('in a removal with another request, only the removal\'s words say which method; the rest is kept apart', function () {
      const cases: [Locale, string, string[], string][] = [
        ['en', 'remove my office phone and make the app my default', ['office'], 'make the app my default'],
        ['en', 'delete the office number, I only use the app now', ['office'], 'I only use the app now'],
        ['en', 'I only use the app now, so delete my office phone', ['office'], 'I only use the app now'],
        ['fr', 'supprime mon téléphone fixe et mets l’application par défaut', ['office'], 'mets l’application par défaut'],
        ['nl', 'verwijder mijn vaste nummer en maak de app standaard', ['office'], 'maak de app standaard'],
        ['nl', 'haal de app weg, ik gebruik alleen nog sms', ['app'], 'ik gebruik alleen nog sms'],
        ['sv', 'ta bort mitt jobbnummer eftersom jag använder appen', ['office'], 'jag använder appen'],
      ];
      for (const [locale, text, expected, rest] of cases) {
        const parts = removalAndRest(text, locale, methods);
        assert.deepEqual(methodsNamed(parts.removal, locale, methods).map((m) => m.id), expected, text);
        assert.equal(parts.rest, rest, text);
      }
    });

    it('a part that only names methods belongs to the removal; a message without a removal word is all removal', function () {
      assert.deepEqual(removalAndRest('remove my office phone and my e-mail', 'en', methods), { removal: 'remove my office phone, my e-mail', rest: '' });
      assert.deepEqual(removalAndRest('ta bort appen och säkerhetsnyckeln också', 'sv', methods), { removal: 'ta bort appen, säkerhetsnyckeln också', rest: '' });
      assert.deepEqual(removalAndRest('the app on my Pixel 8', 'en', methods), { removal: 'the app on my Pixel 8', rest: '' });
    });

    it('finds typed addresses and numbers', function () {
      assert.deepEqual(emailAddressesIn('add Anna.Private@example.net please'), ['Anna.Private@example.net']);
      assert.deepEqual(phoneNumbersIn('add +31 6 1234 5678 as my phone'), ['+31 6 1234 5678']);
      assert.deepEqual(phoneNumbersIn('add the phone ending in 34'), []);
    });
  });

  describe('the kind to add', function () {
    const all = ['phone', 'email', 'authenticator'] as const;
    const cases: [Locale, string, string | undefined][] = [
      ['en', 'add a phone number for verification', 'phone'],
      ['en', 'add my mobile +44 7700 900123', 'phone'],
      ['en', 'add an alternate email', 'email'],
      ['en', 'set up the authenticator app on my new phone', 'authenticator'],
      ['en', 'add a sign-in method', undefined],
      ['en', 'add a security key', undefined],
      ['fr', 'ajouter un numéro de téléphone', 'phone'],
      ['fr', 'ajouter une adresse courriel', 'email'],
      ['fr', "installer l'appli Authenticator", 'authenticator'],
      ['nl', 'voeg een telefoonnummer toe', 'phone'],
      ['nl', 'ik wil mijn gsm toevoegen', 'phone'],
      ['nl', 'voeg een e-mailadres toe', 'email'],
      ['nl', 'de authenticator app instellen', 'authenticator'],
      ['sv', 'lägg till ett telefonnummer', 'phone'],
      ['sv', 'lägg till min e-postadress', 'email'],
      ['sv', 'lägg till appen', 'authenticator'],
      ['sv', 'lägg till mobilnummer', 'phone'],
    ];
    for (const [locale, text, expected] of cases) {
      it(`${locale}: "${text}" → ${expected ?? 'ask'}`, function () {
        assert.equal(addableKindSaid(text, locale, all), expected);
      });
    }

    it('a kind the user cannot add any more is not taken', function () {
      assert.equal(addableKindSaid('add a phone number', 'en', ['email', 'authenticator']), undefined);
    });
  });

  describe('the default asked for', function () {
    const offered: PreferredSecondaryMethod[] = ['push', 'oath', 'sms', 'voiceMobile', 'voiceOffice'];
    const cases: [Locale, string, PreferredSecondaryMethod | undefined][] = [
      ['en', 'make the app my default', 'push'],
      ['en', 'I want notifications in the authenticator by default', 'push'],
      ['en', 'use the code from the authenticator app as default', 'oath'],
      ['en', 'make text messages my default method', 'sms'],
      ['en', 'I prefer a phone call by default', 'voiceMobile'],
      ['en', 'call my office phone by default', 'voiceOffice'],
      ['en', 'change my default sign-in method', undefined],
      ['en', 'make my phone the default', undefined],
      ['fr', "je préfère l'application par défaut", 'push'],
      ['fr', 'par défaut par SMS', 'sms'],
      ['fr', 'un appel par défaut', 'voiceMobile'],
      ['nl', 'maak de app mijn standaard', 'push'],
      ['nl', 'standaard via sms', 'sms'],
      ['nl', 'ik wil standaard gebeld worden', 'voiceMobile'],
      ['sv', 'gör appen till standard', 'push'],
      ['sv', 'ändra standardmetoden till sms', 'sms'],
      ['sv', 'ändra min standardmetod för inloggning', undefined],
      ['en', 'stop using phone call as default', undefined],
      ['fr', "je ne veux plus d'appel par défaut", undefined],
      ['nl', 'niet meer standaard bellen', undefined],
      ['sv', 'sluta använda samtal som standard', undefined],
      ['fr', "changer ma méthode d'authentification par défaut", undefined],
    ];
    for (const [locale, text, expected] of cases) {
      it(`${locale}: "${text}" → ${expected ?? 'as now'}`, function () {
        assert.equal(preferenceSaid(text, locale, offered), expected);
      });
    }

    it('only a setting the user\'s methods allow is taken; a phone alone is the one of the two its methods allow', function () {
      assert.equal(preferenceSaid('make the app my default', 'en', ['sms', 'voiceMobile']), undefined);
      assert.equal(preferenceSaid('make my phone the default', 'en', ['push', 'sms']), 'sms');
    });
  });
});

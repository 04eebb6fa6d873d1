// "Answer in X" in the user's own words, in the four languages, and the messages that only mention a
// language (a colleague, an office, a translation, a request written about something else).
import assert from 'node:assert/strict';
import { languageSwitchRequest } from '../../../../bot/core/nlu/languageSwitch.js';

type Case = readonly [text: string, expected: 'en' | 'fr' | 'nl' | 'sv' | undefined];

const requests: Record<string, readonly Case[]> = {
  en: [
    ['switch to Swedish', 'sv'],
    ['can you speak French please', 'fr'],
    ['English please', 'en'],
    ['could you reply in French from now on', 'fr'],
    ["I'd prefer Dutch", 'nl'],
    ['can we do this in Swedish?', 'sv'],
    ['can we continue in English?', 'en'],
    ["I'd rather talk in Dutch if that's ok", 'nl'],
    ['please answer in english from now on', 'en'],
    ['do you speak Swedish?', 'sv'],
    ["my French isn't great, can we use English?", 'en'],
    ["sorry my Dutch is not very good", 'en'],
    ['English instead of French please', 'en'],
    ['pls englsh', 'en'],
    ['can u talk frnech', 'fr'],
    ['answer in sweedish', 'sv'],
    ['I am more comfortable in English', 'en'],
    ['set my language to Dutch', 'nl'],
    ['Flemish please', 'nl'],
    ["I don't speak French", 'en'],
    ['back to french please', 'fr'],
    ['can you speak Swedish again', 'sv'],
    ["let's switch to English, it's easier for me", 'en'],
  ],
  fr: [
    ['on peut repasser en français ?', 'fr'],
    ['parle à nouveau en anglais stp', 'en'],
    ['en français svp', 'fr'],
    ['parle anglais', 'en'],
    ["mon anglais n'est pas top, on peut continuer en français ?", 'fr'],
    ["je préfère qu'on parle néerlandais", 'nl'],
    ['vous pouvez répondre en anglais désormais ?', 'en'],
    ['on peut passer en suédois ?', 'sv'],
    ["est-ce qu'on peut parler français s'il vous plaît", 'fr'],
    ["je ne parle pas bien anglais", 'fr'],
    ["j'aimerais mieux continuer en anglais", 'en'],
    ['en flamand stp', 'nl'],
    ['répondez-moi en néerlandais à partir de maintenant', 'nl'],
    ["c'est possible en francais ?", 'fr'],
    ["plutôt en anglais, merci", 'en'],
    ["en anglais plutôt qu'en français", 'en'],
    ['tu peux écrire en anglais ?', 'en'],
    ['parlez-vous suédois ?', 'sv'],
    ['je comprends mieux l’anglais', 'en'],
    ['francais stp', 'fr'],
    ['en anglai svp', 'en'],
    ['on continue en english ?', 'en'],
    ['est-ce possible de passer au français ?', 'fr'],
    ['on peut faire ça en anglais ?', 'en'],
  ],
  nl: [
    ['kun je weer Nederlands praten', 'nl'],
    ['terug naar het Engels aub', 'en'],
    ['spreek Nederlands alsjeblieft', 'nl'],
    ['kun je in het Engels antwoorden', 'en'],
    ['kunnen we verder in het Engels?', 'en'],
    ['liever in het Frans aub', 'fr'],
    ['ik heb liever Nederlands', 'nl'],
    ['mag het in het Zweeds?', 'sv'],
    ['kan het ook in het Engels?', 'en'],
    ['schakel over naar het Frans', 'fr'],
    ['graag verder in het Nederlands', 'nl'],
    ['ik spreek geen Frans', 'nl'],
    ['mijn Engels is niet zo goed, kan het in het Nederlands?', 'nl'],
    ['kan je voortaan in het Engels antwoorden?', 'en'],
    ['in het vlaams aub', 'nl'],
    ['Engels graag', 'en'],
    ['kun je Zweeds praten?', 'sv'],
    ['in het Engels in plaats van Frans', 'en'],
    ['ik versta beter Engels', 'en'],
    ['nederlans pls', 'nl'],
    ['kunnen we overschakelen naar english?', 'en'],
    ['antwoord maar in het frans', 'fr'],
    ['doe maar Engels', 'en'],
    ['verander de taal naar Engels', 'en'],
  ],
  sv: [
    ['kan du prata svenska igen', 'sv'],
    ['tillbaka till engelska tack', 'en'],
    ['byt till svenska', 'sv'],
    ['kan du prata engelska', 'en'],
    ['kan du svara på engelska i stället?', 'en'],
    ['jag föredrar svenska', 'sv'],
    ['på engelska tack', 'en'],
    ['kan vi ta det på svenska?', 'sv'],
    ['skriv hellre på franska', 'fr'],
    ['jag förstår inte franska så bra', 'sv'],
    ['kan vi köra på engelska istället', 'en'],
    ['byt språk till nederländska', 'nl'],
    ['jag är mer bekväm med engelska', 'en'],
    ['svara på svenska i fortsättningen', 'sv'],
    ['talar du franska?', 'fr'],
    ['på engelska istället för franska', 'en'],
    ['min engelska är inte så bra, kan vi ta det på svenska', 'sv'],
    ['fransk tack', 'fr'],
    ['svenka tack', 'sv'],
    ['kan du skriva på holländska?', 'nl'],
    ['kan vi switcha till english?', 'en'],
    ['engelska', 'en'],
    ['jag vill ha engelska', 'en'],
    ['ändra språk till engelska', 'en'],
  ],
};

/** Messages that mention a language but do not ask to change the conversation's. */
const mentions: readonly string[] = [
  'show the profile of my French colleague',
  "my French colleague can't sign in",
  'how do you say password in Swedish',
  "I'm in the Dutch office",
  "reset my password, I'm Swedish",
  'translate this to English',
  'english or french',
  'is this in English?',
  "I'm Swedish",
  'I need to change my password but the page is in Dutch and I cannot read the instructions',
  'the sign-in page shows up in French since yesterday, can you check my devices',
  'mon collègue suédois ne peut pas se connecter',
  'comment dit-on mot de passe en anglais ?',
  'traduis ça en anglais',
  'je travaille au bureau néerlandais',
  'réinitialise mon mot de passe, je suis suédois',
  'mijn Franse collega kan niet inloggen',
  'vertaal dit naar het Engels',
  'hoe zeg je wachtwoord in het Zweeds?',
  'ik zit op het Nederlandse kantoor',
  'min franska kollega kan inte logga in',
  'översätt det här till engelska',
  'vad heter lösenord på engelska?',
  'jag jobbar på det holländska kontoret',
  'I forgot my password',
  'change my profile language to French',
  'my manager is French',
  'do you have the terms in French',
  'is my profile in English?',
  'what languages do you speak?',
  '',
];

describe('language switch requests', function () {
  for (const [language, cases] of Object.entries(requests)) {
    describe(`written in ${language}`, function () {
      for (const [text, expected] of cases) {
        it(`"${text}" → ${expected}`, function () {
          assert.equal(languageSwitchRequest(text), expected);
        });
      }
    });
  }

  describe('a message that only mentions a language is not one', function () {
    for (const text of mentions) {
      it(`"${text}"`, function () {
        assert.equal(languageSwitchRequest(text), undefined);
      });
    }
  });
});

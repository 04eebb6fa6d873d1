// What a user says, per language, in the conversation tests. The bot's answers come from the
// locale files, never from this table.
import type { Locale } from '../../../bot/core/i18n/i18n.js';

export interface Phrases {
  readonly tag: string;
  readonly help: string;
  readonly profile: string;
  readonly outOfScope: string;
  readonly cancel: string;
  readonly devices: string;
  readonly switchHere: string;
  readonly passwordChange: string;
  readonly passwordReset: string;
  readonly securityView: string;
  /** Asks to add a method without saying which kind. */
  readonly securityAdd: string;
  /** Asks to add a phone number. */
  readonly securityAddPhone: string;
  readonly securityRemove: string;
  readonly securityDefault: string;
  readonly auditView: string;
  readonly deviceLost: string;
  readonly organizations: string;
  readonly organizationsLeave: string;
  readonly termsOfUse: string;
  readonly signOut: string;
  readonly signIns: string;
  readonly helpdesk: string;
  readonly ticketStatus: string;
  /** Asking for a goal and naming its object in the same message. */
  readonly disableNamed: (device: string) => string;
  readonly leaveNamed: (organization: string) => string;
  readonly removeEnding: (digits: string) => string;
  readonly addPhoneNumber: (number: string) => string;
  readonly removePhone: string;
  readonly defaultSms: string;
}

export const phrases: Record<Locale, Phrases> = {
  en: { tag: 'en-US', help: 'what can you do?', profile: 'show my profile', outOfScope: "what's the weather like tomorrow?", cancel: 'cancel', devices: 'show my devices', switchHere: 'can you speak English please',
    passwordChange: 'I want to change my password', passwordReset: 'I forgot my password', securityView: 'show my sign-in methods',
    securityAdd: 'add a sign-in method', securityAddPhone: 'add a phone number for verification', securityRemove: 'remove a sign-in method', securityDefault: 'change my default sign-in method',
    auditView: 'what did you change on my account?', deviceLost: 'my phone was stolen', organizations: 'show my organizations',
    organizationsLeave: 'I want to leave an organization', termsOfUse: 'review the terms of use', signOut: 'sign me out everywhere', signIns: 'show my recent sign-ins',
    helpdesk: 'I want to talk to a person', ticketStatus: 'what is the status of my tickets?',
    disableNamed: (device) => `disable the device ${device}`, leaveNamed: (organization) => `I want to leave the organization ${organization}`,
    removeEnding: (digits) => `remove the phone number ending in ${digits}`, removePhone: 'remove my phone number', addPhoneNumber: (number) => `add the phone number ${number} for verification`, defaultSms: 'make text messages my default sign-in method' },
  fr: { tag: 'fr-FR', help: 'que peux-tu faire ?', profile: 'affiche mon profil', outOfScope: 'quel temps fera-t-il demain ?', cancel: 'annuler', devices: 'montre-moi mes appareils', switchHere: 'parle français stp',
    passwordChange: 'je veux changer mon mot de passe', passwordReset: "j'ai oublié mon mot de passe", securityView: 'affiche mes méthodes de connexion',
    securityAdd: 'ajouter une méthode de connexion', securityAddPhone: 'ajouter un numéro de téléphone', securityRemove: 'supprimer une méthode de connexion', securityDefault: 'changer ma méthode de connexion par défaut',
    auditView: "qu'as-tu modifié sur mon compte ?", deviceLost: "on m'a volé mon téléphone", organizations: 'affiche mes organisations',
    organizationsLeave: 'je veux quitter une organisation', termsOfUse: "voir les conditions d'utilisation", signOut: 'déconnecte-moi partout', signIns: 'montre mes connexions récentes',
    helpdesk: "je veux parler à quelqu'un du support", ticketStatus: 'où en sont mes tickets ?',
    disableNamed: (device) => `désactiver l'appareil ${device}`, leaveNamed: (organization) => `je veux quitter l'organisation ${organization}`,
    removeEnding: (digits) => `supprimer le numéro de téléphone qui finit par ${digits}`, removePhone: 'supprimer mon numéro de téléphone', addPhoneNumber: (number) => `ajouter le numéro de téléphone ${number}`, defaultSms: 'je veux les SMS comme méthode de connexion par défaut' },
  nl: { tag: 'nl-NL', help: 'wat kun je allemaal?', profile: 'toon mijn profiel', outOfScope: 'wat voor weer wordt het morgen?', cancel: 'annuleren', devices: 'laat mijn apparaten zien', switchHere: 'spreek Nederlands alsjeblieft',
    passwordChange: 'ik wil mijn wachtwoord wijzigen', passwordReset: 'ik ben mijn wachtwoord vergeten', securityView: 'welke verificatiemethoden staan er op mijn account?',
    securityAdd: 'ik wil een aanmeldingsmethode toevoegen', securityAddPhone: 'voeg een telefoonnummer toe', securityRemove: 'verwijder een aanmeldingsmethode', securityDefault: 'wijzig mijn standaard aanmeldingsmethode',
    auditView: 'wat heb je aan mijn account veranderd?', deviceLost: 'mijn telefoon is gestolen', organizations: 'toon mijn organisaties',
    organizationsLeave: 'ik wil een organisatie verlaten', termsOfUse: 'bekijk de gebruiksvoorwaarden', signOut: 'meld me overal af', signIns: 'toon mijn recente aanmeldingen',
    helpdesk: 'ik wil iemand van de helpdesk spreken', ticketStatus: 'wat is de status van mijn tickets?',
    disableNamed: (device) => `schakel het apparaat ${device} uit`, leaveNamed: (organization) => `ik wil de organisatie ${organization} verlaten`,
    removeEnding: (digits) => `verwijder het telefoonnummer dat eindigt op ${digits}`, removePhone: 'verwijder mijn telefoonnummer', addPhoneNumber: (number) => `voeg het telefoonnummer ${number} toe`, defaultSms: 'maak sms mijn standaard aanmeldingsmethode' },
  sv: { tag: 'sv-SE', help: 'vad kan du hjälpa till med?', profile: 'visa min profil', outOfScope: 'hur blir vädret i morgon?', cancel: 'avbryt', devices: 'visa mina enheter', switchHere: 'byt till svenska',
    passwordChange: 'jag vill byta lösenord', passwordReset: 'jag har glömt mitt lösenord', securityView: 'visa mina inloggningsmetoder',
    securityAdd: 'lägg till en inloggningsmetod', securityAddPhone: 'lägg till ett telefonnummer', securityRemove: 'ta bort en inloggningsmetod', securityDefault: 'ändra min standardmetod för inloggning',
    auditView: 'vad har du ändrat på mitt konto?', deviceLost: 'min telefon har blivit stulen', organizations: 'visa mina organisationer',
    organizationsLeave: 'jag vill lämna en organisation', termsOfUse: 'visa användarvillkoren', signOut: 'logga ut mig överallt', signIns: 'visa mina senaste inloggningar',
    helpdesk: 'jag vill prata med supporten', ticketStatus: 'vad är status på mina ärenden?',
    disableNamed: (device) => `inaktivera enheten ${device}`, leaveNamed: (organization) => `jag vill lämna organisationen ${organization}`,
    removeEnding: (digits) => `ta bort telefonnumret som slutar på ${digits}`, removePhone: 'ta bort mitt telefonnummer', addPhoneNumber: (number) => `lägg till telefonnumret ${number}`, defaultSms: 'gör sms till min standardmetod för inloggning' },
};

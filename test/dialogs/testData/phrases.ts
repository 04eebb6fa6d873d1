// What a user says, per language, in the conversation tests. The bot's answers come from the
// locale files, never from this table.
import type { Locale } from '../../../bot/i18n/i18n.js';

export interface Phrases {
  readonly tag: string;
  readonly help: string;
  readonly profile: string;
  readonly outOfScope: string;
  readonly cancel: string;
  readonly devices: string;
  readonly switchHere: string;
}

export const phrases: Record<Locale, Phrases> = {
  en: { tag: 'en-US', help: 'what can you do?', profile: 'show my profile', outOfScope: "what's the weather like tomorrow?", cancel: 'cancel', devices: 'show my devices', switchHere: 'can you speak English please' },
  fr: { tag: 'fr-FR', help: 'que peux-tu faire ?', profile: 'affiche mon profil', outOfScope: 'quel temps fera-t-il demain ?', cancel: 'annuler', devices: 'montre-moi mes appareils', switchHere: 'parle français stp' },
  nl: { tag: 'nl-NL', help: 'wat kun je allemaal?', profile: 'toon mijn profiel', outOfScope: 'wat voor weer wordt het morgen?', cancel: 'annuleren', devices: 'laat mijn apparaten zien', switchHere: 'spreek Nederlands alsjeblieft' },
  sv: { tag: 'sv-SE', help: 'vad kan du hjälpa till med?', profile: 'visa min profil', outOfScope: 'hur blir vädret i morgon?', cancel: 'avbryt', devices: 'visa mina enheter', switchHere: 'byt till svenska' },
};

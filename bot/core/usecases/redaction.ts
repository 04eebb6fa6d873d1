// What may go into a transcript or a ticket a person will read: codes, long tokens and strings
// that look like passwords are removed; anything typed while a password card was open is never
// recorded at all.
const redactedMark = '[…]';

/** Words after which whatever follows is taken for a password, in the four languages. */
const passwordCue = /\b(pass(?:word)?|pwd|pw|mot de passe|mdp|wachtwoord|ww|lösenord|lösen)(\s*(?:=|:)\s*|\s+(?:is|was|est|était|är|var|blev|wordt|moet zijn|ska vara)\s+)(["'«“]?)(\S{4,})/giu;

/** True for a word with a lower-case letter and two more kinds of character (upper case, digits, symbols): how passwords look, not how words, names or ids do. */
function looksLikePassword(word: string): boolean {
  if (word.length < 8 || word.length > 128) return false;
  if (/^(https?:\/\/|www\.)/i.test(word) || /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(word)) return false;
  // A word as written in a sentence: the brackets, quotes and punctuation around it are not part of it ("[Désactiver", "(Bonjour!)").
  const core = word.replace(/^[[("'«“]+|[\])"'»”.,;:!?]+$/gu, '');
  if (!/\p{Ll}/u.test(core)) return false;
  // Words joined by an apostrophe or a hyphen are words ("D'accord", "Reconnectez-vous", "j'abandonne").
  if (/^\p{L}+(?:['’-]\p{L}+)*$/u.test(core)) return false;
  const kinds = [/\p{Lu}/u, /\d/, /[^\p{L}\d]/u].filter((kind) => kind.test(core)).length;
  return kinds >= 2;
}

/** Masks password-like strings in free text; says whether it masked anything. */
export function maskPasswords(text: string): { readonly text: string; readonly masked: boolean } {
  let masked = false;
  const cued = text.replace(passwordCue, (all: string, cue: string, joiner: string, quote: string, value: string) => {
    // "password is Summer2026" but not "password is expired".
    if (!/[\d\p{P}\p{S}]|.\p{Lu}/u.test(value.replace(/[)"'»”.,;:!?]+$/u, ''))) return all;
    masked = true;
    return `${cue}${joiner}${quote}${redactedMark}`;
  });
  const out = cued.replace(/\S+/g, (word) => {
    if (!looksLikePassword(word)) return word;
    masked = true;
    return redactedMark;
  });
  return { text: out, masked };
}

/**
 * Removes password-like strings, digit runs of four or more (codes, phone and card numbers, in any
 * script's digits: full-width ones too) and long token-like strings.
 */
export function redact(text: string): string {
  return maskPasswords(text).text
    .replace(/\b[A-Za-z0-9_\-+/=.]{24,}\b/g, redactedMark)
    .replace(/\p{Nd}[\p{Nd}\s\-\uFF0D]{2,}\p{Nd}/gu, (run) => ((run.match(/\p{Nd}/gu) ?? []).length >= 4 ? redactedMark : run))
    .slice(0, 500);
}

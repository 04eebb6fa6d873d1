// The tenant's password rules, checked one by one so the user hears exactly which one failed.
import type { DirectoryUser, PasswordPolicy } from '../ports/directory.js';

export type PasswordRule =
  | 'mismatch' | 'empty' | 'tooLong' | 'minLength' | 'characterClasses' | 'bannedWord' | 'personalName' | 'sameAsCurrent' | 'history' | 'directoryPolicy';

export interface PolicyFailure {
  readonly rule: PasswordRule;
  /** Values the message needs ({min}, {classes}); never the password itself. */
  readonly params: Readonly<Record<string, string | number>>;
}

/** Longest password accepted (Entra allows 256 characters). */
export const maxPasswordLength = 256;

const characterClasses: readonly RegExp[] = [/\p{Ll}/u, /\p{Lu}/u, /\p{Nd}/u, /[^\p{L}\p{Nd}]/u];

/** Lower-cased, with common look-alike substitutions undone, to catch "C0nt0so" as "contoso". */
function unleet(text: string): string {
  const map: Record<string, string> = { '0': 'o', '1': 'l', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', '$': 's', '!': 'i' };
  return text.toLowerCase().replace(/[013457@$!]/g, (c) => map[c] ?? c);
}

/** The parts of the user's own names a password must not contain (three letters or more). */
function personalWords(user: DirectoryUser): string[] {
  const sources = [user.givenName, user.surname, user.displayName, user.userPrincipalName.split('@')[0], user.mail?.split('@')[0]];
  const words = sources.flatMap((s) => (s ?? '').toLowerCase().split(/[^\p{L}\p{Nd}]+/u));
  return [...new Set(words.filter((w) => w.length >= 3))];
}

/** The rules that the new password breaks, in the order the user should fix them (history is checked separately). */
export function checkPasswordRules(password: string, confirmation: string, policy: PasswordPolicy, user: DirectoryUser): PolicyFailure[] {
  if (password === '') return [{ rule: 'empty', params: {} }];
  if (password !== confirmation) return [{ rule: 'mismatch', params: {} }];
  const failures: PolicyFailure[] = [];
  if ([...password].length > maxPasswordLength) failures.push({ rule: 'tooLong', params: { max: maxPasswordLength } });
  if ([...password].length < policy.minLength) failures.push({ rule: 'minLength', params: { min: policy.minLength } });
  const classes = characterClasses.filter((re) => re.test(password)).length;
  if (classes < policy.requiredCharacterClasses) failures.push({ rule: 'characterClasses', params: { classes: policy.requiredCharacterClasses } });
  const plain = password.toLowerCase();
  const folded = unleet(password);
  const banned = policy.bannedWords.find((w) => w.length > 0 && (plain.includes(w.toLowerCase()) || folded.includes(w.toLowerCase())));
  if (banned) failures.push({ rule: 'bannedWord', params: { word: banned } });
  const own = personalWords(user).find((w) => plain.includes(w) || folded.includes(w));
  if (own) failures.push({ rule: 'personalName', params: {} });
  return failures;
}

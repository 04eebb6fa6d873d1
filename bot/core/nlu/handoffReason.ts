// What is wrong, in a message that asks for a person ("ik wil een mens spreken, de codes werken niet",
// "I need a human because my phone was stolen"): the parts that do not ask for one, to start the
// helpdesk form's description with. Read by rule, in the four languages.
import { foldWords } from './normalize.js';

/** Where a message turns from asking for a person to saying why: punctuation, "because", "but". */
const turns = /[,.;:!?]+|\s+(?:but|because|since|mais|car|parce que|puisque|maar|want|omdat|men|eftersom|for att)\s+/iu;

/** Words of asking for a person (folded: no accents, apostrophes as spaces). */
const askingForPerson = /\b(?:person|human|someone|somebody|agent|helpdesk|help desk|service desk|support|technician|quelqu un|humain|personne|conseiller|technicien|mens|iemand|medewerker|servicedesk|manniska|nagon|supporten|it avdelningen|tekniker)\b/u;

/** The shortest reason worth keeping, in words. */
const minWords = 3;

/** The reason given with a request for a person, in the user's words; undefined when none is given. */
export function problemIn(text: string): string | undefined {
  const parts = text.split(turns).map((p) => p.trim()).filter((p) => foldWords(p) !== '');
  if (parts.length < 2) return undefined;
  const rest = parts.filter((p) => !askingForPerson.test(foldWords(p)));
  if (rest.length === 0 || rest.length === parts.length) return undefined;
  const problem = rest.join(', ');
  return problem.split(/\s+/).length >= minWords ? problem : undefined;
}

// Clean-up of chat text before recognition: Teams mentions, markup and extra space go.
/** Longest text the recognizer looks at; longer input is cut (the bot refuses far longer input earlier). */
const maxRecognizedLength = 500;

export function normalizeUtterance(text: string): string {
  return text
    .replace(/<at\b[^>]*>[\s\S]*?<\/at>/gi, ' ')
    .replace(/<[^>]{1,200}>/g, ' ')
    .replace(/&nbsp;/gi, ' ')
    .replace(/[\u200b-\u200d\ufeff]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, maxRecognizedLength);
}

/**
 * Text as the rule-based readers compare it: lower case, no accents, apostrophes and punctuation as
 * spaces, single spaces ("Résous-le : c’est fait" → "resous le c est fait").
 */
export function foldWords(text: string): string {
  return text.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').replace(/[’'`]/g, ' ')
    .replace(/[^\p{L}\p{N} ]+/gu, ' ').replace(/\s+/g, ' ').trim();
}

/** Whether the text is all ASCII: it then has no accents to take off (its NFD form is itself). */
export function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

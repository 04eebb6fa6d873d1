// What may go into a transcript a person will read: codes, long tokens and anything typed while a
// password card was open are removed.
const redactedMark = '[…]';

/** Removes digit runs of four or more (codes, phone and card numbers) and long token-like strings. */
export function redact(text: string): string {
  return text
    .replace(/\b[A-Za-z0-9_\-+/=.]{24,}\b/g, redactedMark)
    .replace(/\d[\d\s-]{2,}\d/g, (run) => (run.replace(/\D/g, '').length >= 4 ? redactedMark : run))
    .slice(0, 500);
}

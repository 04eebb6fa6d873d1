// The readings of the messages people type most: "help", "yes", "show my profile", a menu's words.
// Reading a message is a pure function of its text and the language hint, and costs more than the
// rest of an ordinary turn's own work together (the models score it in four languages), so the
// reading of a short text is kept and given again when the same text comes with the same hint.
// Long messages are seldom typed twice and are not kept. Every caller gets the same reading,
// frozen. Nothing of one user is given to another that the other did not type word for word.
// What a user types while a password card is open must never be kept: that reading goes to the
// recognizer itself (see turnPreparation.ts).
import { BoundedCache } from '../boundedCache.js';
import { freezeJson } from '../json.js';
import type { IntentRecognizer, Recognition } from './recognizer.js';

/** Longest text whose reading is kept. */
export const longestRemembered = 120;

export class RememberingRecognizer implements IntentRecognizer {
  private readonly readings: BoundedCache<Promise<Recognition>>;

  constructor(private readonly recognizer: IntentRecognizer, size = 2000) {
    this.readings = new BoundedCache(size);
  }

  recognize(text: string, hint?: string): Promise<Recognition> {
    if (text.length > longestRemembered) return this.recognizer.recognize(text, hint);
    const key = `${hint ?? ''}\n${text}`;
    const reading = this.readings.get(key, () => this.recognizer.recognize(text, hint).then((r) => freezeJson(r)));
    // A reading that failed is not kept: the next message tries again.
    reading.catch(() => this.readings.forget(key, reading));
    return reading;
  }

  /** How many readings are kept. */
  get count(): number {
    return this.readings.count;
  }
}

/**
 * A reader of typed text (a yes or no, small talk, a ticket command…) that keeps what it read in
 * short texts, as the recognizer's readings are kept: the same text always reads the same. Its
 * readings are frozen. Never for what is typed at a password card.
 */
export function rememberedReader<T>(read: (text: string) => T, size = 2000): (text: string) => T {
  const readings = new BoundedCache<T>(size);
  const readFrozen = (text: string): T => freezeJson(read(text));
  return (text) => (text.length > longestRemembered ? read(text) : readings.get(text, readFrozen));
}

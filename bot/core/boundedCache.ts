// Answers worked out once and kept, for work that gives the same answer every time it is asked
// (an Intl check, a card that is the same for everyone with the same language). Keys may come from
// clients, so at most `size` answers are kept: when full, the oldest goes. Keep only answers that
// hold nothing of one user that another could be given, and immutable values (strings, booleans):
// whoever needs an object makes a fresh one from the kept answer.
export class BoundedCache<T extends string | number | boolean | null> {
  private readonly answers = new Map<string, T>();

  constructor(private readonly size: number) {}

  /** The kept answer for `key`, or `work(key)`, kept from now on. */
  get(key: string, work: (key: string) => T): T {
    const kept = this.answers.get(key);
    if (kept !== undefined) return kept;
    const answer = work(key);
    if (this.answers.size >= this.size) this.answers.delete(this.answers.keys().next().value as string);
    this.answers.set(key, answer);
    return answer;
  }

  /** How many answers are kept. */
  get count(): number {
    return this.answers.size;
  }
}

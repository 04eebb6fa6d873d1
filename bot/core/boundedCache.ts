// Answers worked out once and kept, for work that gives the same answer every time it is asked
// (an Intl check, a card that is the same for everyone with the same language, a client that
// carries only the bot's own credentials). Keys may come from clients, so at most `size` answers
// are kept: when full, the oldest goes. Keep only answers that hold nothing of one user that
// another could be given. A kept object is handed to every caller: keep immutable values, or
// objects nobody changes (whoever needs to change one makes a copy).
export class BoundedCache<T> {
  private readonly answers = new Map<string, T>();

  constructor(private readonly size: number) {}

  /** The kept answer for `key`, or `work(key)`, kept from now on. */
  get(key: string, work: (key: string) => T): T {
    if (this.answers.has(key)) return this.answers.get(key) as T;
    const answer = work(key);
    if (this.answers.size >= this.size) this.answers.delete(this.answers.keys().next().value as string);
    this.answers.set(key, answer);
    return answer;
  }

  /** Drops the answer kept for `key` if it is still `answer` (one found to be wrong: a promise that failed). */
  forget(key: string, answer: T): void {
    if (this.answers.get(key) === answer) this.answers.delete(key);
  }

  /** How many answers are kept. */
  get count(): number {
    return this.answers.size;
  }
}

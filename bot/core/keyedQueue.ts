// Work on one key runs one piece after the other, work on different keys side by side: the turns
// of one conversation, the writes of one stored record.
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<void>>();

  /** Runs `work` once every earlier piece of `key` has finished; work without a key runs at once. */
  run<T>(key: string | undefined, work: () => Promise<T>): Promise<T> {
    if (!key) return work();
    const previous = this.tails.get(key) ?? Promise.resolve();
    const current = previous.then(work, work);
    const tail = current.then(() => undefined, () => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return current;
  }
}

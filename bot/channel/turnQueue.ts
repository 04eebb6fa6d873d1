// Turns of one conversation run one after the other on this instance: a double-clicked card, a
// message sent twice or two tabs of one chat each see the state the previous turn left. (Across
// instances the eTag-checked saves and the nonce ledger keep the same promise.)
export class TurnQueue {
  private readonly tails = new Map<string, Promise<void>>();

  /** Runs `turn` once every earlier turn of `key` has finished; turns without a key run at once. */
  run(key: string | undefined, turn: () => Promise<void>): Promise<void> {
    if (!key) return turn();
    const previous = this.tails.get(key) ?? Promise.resolve();
    const current = previous.then(turn, turn);
    const tail = current.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return current;
  }
}

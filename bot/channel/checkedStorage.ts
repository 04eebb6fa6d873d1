// Conversation and user state saved with the eTag it was read with. botbuilder's BotState writes
// with eTag "*" (last writer wins), so two turns that read the same state could both act and the
// later save would silently undo the earlier one. Through this wrapper the later save fails with a
// StateConflictError instead; the turn error handler tells the user and keeps the winner's state.
import type { Storage, StoreItem, StoreItems } from 'botbuilder';

/** A save found the item changed by another turn since this turn read it. */
export class StateConflictError extends Error {
  constructor(key: string) {
    super(`Storage: "${key}" was changed by another turn since it was read.`);
    this.name = 'StateConflictError';
  }
}

/** How the stores say "precondition failed": ours, botbuilder's MemoryStorage, Azure Storage (412). */
function isConflict(error: unknown): boolean {
  if (error instanceof StateConflictError) return true;
  const { message, statusCode, code } = (error ?? {}) as { message?: unknown; statusCode?: unknown; code?: unknown };
  return statusCode === 412 || code === 'ConditionNotMet' || (typeof message === 'string' && /eTag conflict/i.test(message));
}

/** The eTag an item had when this turn read it; invisible to JSON (and so to BotState's change hash). */
const eTagAsRead = Symbol('eTagAsRead');
type Tracked = StoreItem & { [eTagAsRead]?: string };

export class ConcurrencyCheckedStorage implements Storage {
  constructor(private readonly inner: Storage) {}

  async read(keys: string[]): Promise<StoreItems> {
    const items = await this.inner.read(keys);
    for (const item of Object.values(items) as Tracked[]) {
      if (item && typeof item.eTag === 'string' && item.eTag !== '*') item[eTagAsRead] = item.eTag;
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    const checked: StoreItems = {};
    for (const [key, change] of Object.entries(changes) as [string, Tracked][]) {
      const asRead = change[eTagAsRead];
      checked[key] = asRead !== undefined && (change.eTag === '*' || change.eTag === undefined) ? { ...change, eTag: asRead } : change;
    }
    try {
      await this.inner.write(checked);
    } catch (error) {
      throw isConflict(error) ? new StateConflictError(Object.keys(changes).join(', ')) : error;
    }
    // The stored eTag is new now; a second save in the same turn (the error handler's) overwrites.
    for (const change of Object.values(changes) as Tracked[]) delete change[eTagAsRead];
  }

  delete(keys: string[]): Promise<void> {
    return this.inner.delete(keys);
  }
}

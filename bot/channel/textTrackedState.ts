// Conversation and user state that tell whether a turn changed them by comparing the state's JSON
// text with the text it had when it was loaded. botbuilder's BotState does the same with a SHA-256
// of a cycle-safe serialization, made on every load and on every save: about 3 % of a turn here.
// The state is stored as JSON anyway (a state that is not JSON could not be saved), so its text is
// the fingerprint, and comparing two strings costs less than hashing one. Everything else is as in
// BotState: the same storage keys, the same caching within a turn, "*" as the eTag of a save.
import { ConversationState, UserState, type BotState, type Storage, type StoreItem, type TurnContext } from 'botbuilder';

type State = Record<string, unknown> & StoreItem;

/**
 * The JSON text of a state item without its eTag (what textOf makes), as a Storage that keeps the
 * text (RecordStorage) gives it beside an item it reads: the text a turn's state is loaded with,
 * made once a turn, for the change check, and not again.
 */
export const readText = Symbol('readText');

/**
 * The same text, made by the change check of a save, beside the item only while the write is
 * handed it: a Storage that keeps the text stores it as it is, rather than making it again. (Two
 * symbols: an item read by other code, such as botbuilder's own BotState, and written back after a
 * change still carries the text it was read with, which must never be stored.)
 */
export const writeText = Symbol('writeText');

export type WithStateText = StoreItem & { [readText]?: string; [writeText]?: string };

/** A turn's state, its text as loaded ('' after a clear: the next save writes whatever it holds), and its storage key. */
interface Loaded {
  readonly state: State;
  readonly text: string;
  readonly key?: string;
}

/** The text a change is told by: the eTag (which a save sets) and symbol keys do not count. */
function textOf(state: State): string {
  const { eTag: _eTag, ...rest } = state;
  return JSON.stringify(rest);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a mixin's constructor passes its base's arguments on
type StateClass = abstract new (...args: any[]) => BotState;

/** `Base` (ConversationState, UserState) with its change check made on the state's text. */
function trackedByText<C extends StateClass>(Base: C) {
  abstract class TextTracked extends Base {
    // The turn's state is kept in the turn state under this object itself: one entry per state.
    override async load(context: TurnContext, force = false): Promise<State> {
      const loaded = context.turnState.get<Loaded | undefined>(this);
      if (loaded && !force) return loaded.state;
      const key = await this.storageKey(context);
      const state = ((await this.storage.read([key]))[key] ?? {}) as State & WithStateText;
      // The item's text as the storage gave it, else made here; the item no longer carries it.
      const text = state[readText] ?? textOf(state);
      delete state[readText];
      context.turnState.set(this, { state, text, key } satisfies Loaded);
      return state;
    }

    override async saveChanges(context: TurnContext, force = false): Promise<void> {
      const loaded = context.turnState.get<Loaded | undefined>(this);
      if (!force && !loaded) return;
      const key = loaded?.key ?? (await this.storageKey(context));
      // The text and the write with it without an await between: the text is the state's as written.
      const state: State & WithStateText = loaded?.state ?? {};
      const text = textOf(state);
      if (!force && text === loaded?.text) return;
      state.eTag = '*';
      state[writeText] = text;
      try {
        await this.storage.write({ [key]: state });
      } finally {
        delete state[writeText];
      }
      context.turnState.set(this, { state, text, key } satisfies Loaded);
    }

    override clear(context: TurnContext): Promise<void> {
      context.turnState.set(this, { state: {}, text: '' } satisfies Loaded);
      return Promise.resolve();
    }

    override async delete(context: TurnContext): Promise<void> {
      context.turnState.delete(this);
      await this.storage.delete([await this.storageKey(context)]);
    }

    override get(context: TurnContext): State | undefined {
      return (context.turnState.get<Loaded | undefined>(this))?.state;
    }
  }
  return TextTracked;
}

export class TextTrackedConversationState extends trackedByText(ConversationState) {
  constructor(storage: Storage) {
    super(storage);
  }
}

export class TextTrackedUserState extends trackedByText(UserState) {
  constructor(storage: Storage) {
    super(storage);
  }
}

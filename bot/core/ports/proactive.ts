// Reaching a person outside their own turn: the helpdesk agents when a ticket arrives, the user when
// their ticket moves. Conversation references are kept per user so this survives a restart.
/** Where a conversation lives (the channel's conversation reference), kept as data. */
export type ConversationAddress = Readonly<Record<string, unknown>>;

export interface ConversationReferences {
  /** The latest conversation the user talked to the bot in. */
  get(userId: string): Promise<ConversationAddress | undefined>;
  save(userId: string, reference: ConversationAddress): Promise<void>;
  /** Drops the user's reference if it is this conversation (the app was removed there); true when one was dropped. */
  forget(userId: string, conversationId: string): Promise<boolean>;
}

/** One message (or several) sent into a stored conversation. */
export interface OutgoingMessage {
  readonly text?: string;
  /** The language it is written in, as a tag ("sv-SE"): what screen readers and translators go by. */
  readonly locale?: string;
  readonly attachment?: { readonly contentType: string; readonly content: unknown };
}

export interface Proactive {
  /** Sends into the user's latest conversation; false when there is none or the channel refused. */
  send(userId: string, messages: readonly OutgoingMessage[]): Promise<boolean>;
  /** The language the assistant last spoke with the user in (their own choice, if they made one); undefined when unknown. */
  languageOf(userId: string): Promise<string | undefined>;
}

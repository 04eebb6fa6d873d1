// Conversation references in DATA_DIR/references.json: where each user last talked to the bot.
import path from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import type { ConversationAddress, ConversationReferences } from '../../core/ports/proactive.js';

interface ReferencesFile {
  byUser: Record<string, ConversationAddress>;
}

export class EmbeddedConversationReferences implements ConversationReferences {
  private constructor(private readonly db: Low<ReferencesFile>) {}

  static async open(dataDir: string): Promise<EmbeddedConversationReferences> {
    const db = new Low<ReferencesFile>(new JSONFile<ReferencesFile>(path.join(dataDir, 'references.json')), { byUser: {} });
    await db.read();
    db.data.byUser ??= {};
    return new EmbeddedConversationReferences(db);
  }

  get(userId: string): Promise<ConversationAddress | undefined> {
    return Promise.resolve(this.db.data.byUser[userId]);
  }

  async save(userId: string, reference: ConversationAddress): Promise<void> {
    const current = this.db.data.byUser[userId];
    if (current && JSON.stringify(current) === JSON.stringify(reference)) return;
    this.db.data.byUser[userId] = reference;
    await this.db.write();
  }
}

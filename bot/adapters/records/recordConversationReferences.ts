// Where each user last talked to the bot, over a RecordStore: one record a user
// (references/<userId>), written only when the conversation changed, which is rarely.
import { updateRecord, VersionConflictError, type RecordStore } from '../../core/ports/recordStore.js';
import type { ConversationAddress, ConversationReferences } from '../../core/ports/proactive.js';

const partition = 'references';
const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

export class RecordConversationReferences implements ConversationReferences {
  constructor(private readonly records: RecordStore) {}

  async get(userId: string): Promise<ConversationAddress | undefined> {
    return (await this.records.get<ConversationAddress>(partition, userId))?.value;
  }

  async save(userId: string, reference: ConversationAddress): Promise<void> {
    // Every turn saves, and the reference seldom changes: a look without a copy settles most turns.
    const stored = await this.records.view<ConversationAddress>(partition, userId);
    if (stored && same(stored.value, reference)) return;
    await updateRecord<ConversationAddress>(this.records, partition, userId, (current) => (current && same(current, reference) ? undefined : reference));
  }

  async forget(userId: string, conversationId: string): Promise<boolean> {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const current = await this.records.get<ConversationAddress>(partition, userId);
      if (!current || (current.value.conversation as { id?: unknown } | undefined)?.id !== conversationId) return false;
      try {
        return await this.records.remove(partition, userId, { version: current.version });
      } catch (error) {
        // Saved again meanwhile: look again.
        if (!(error instanceof VersionConflictError)) throw error;
      }
    }
    return false;
  }

  /** Takes over references kept elsewhere before (references.json of earlier versions); a newer one here stays. */
  async importAll(byUser: Readonly<Record<string, ConversationAddress>>): Promise<number> {
    let imported = 0;
    for (const [userId, reference] of Object.entries(byUser)) {
      try {
        await this.records.put<ConversationAddress>(partition, userId, reference, { absent: true });
        imported += 1;
      } catch (error) {
        if (!(error instanceof VersionConflictError)) throw error;
      }
    }
    return imported;
  }
}

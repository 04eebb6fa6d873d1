// The embedded Notifier: what would go out by SMS, e-mail or Authenticator lands in a demo outbox,
// which the demo page shows as the user's phone and mailbox (local mode only). One record a user
// (outbox/<userId>), the user's messages oldest first, changed with updateRecord: every instance on
// one DATA_DIR or Azure Storage account lists what any of them sent, and two sends at once both
// stay. The outbox.json of earlier versions is taken over once (legacyFiles.ts).
import { updateRecord, type RecordStore } from '../../core/ports/recordStore.js';
import type { Clock } from '../../core/ports/clock.js';
import type { Notification, NotificationChannel, Notifier, SentNotification } from '../../core/ports/notifier.js';

const partition = 'outbox';
/** Keeps at most this many messages per user, the oldest dropped first. */
export const outboxLimit = 200;

interface UserOutbox {
  readonly messages: readonly SentNotification[];
}

const channels: readonly NotificationChannel[] = ['sms', 'email', 'authenticator'];

/** A message as the old file held it, if it is one; anything else is left out. */
function sentNotification(item: unknown): SentNotification | undefined {
  const { to, channel, text, sentAt } = (typeof item === 'object' && item !== null ? item : {}) as Partial<Record<keyof SentNotification, unknown>>;
  if (typeof to !== 'string' || typeof text !== 'string' || typeof sentAt !== 'string' || !channels.includes(channel as NotificationChannel)) return undefined;
  return { to, channel: channel as NotificationChannel, text, sentAt };
}

export class RecordOutbox implements Notifier {
  constructor(private readonly records: RecordStore, private readonly clock: Clock) {}

  async send(notification: Notification): Promise<void> {
    const sent: SentNotification = { to: notification.to, channel: notification.channel, text: notification.text, sentAt: this.clock.now().toISOString() };
    await updateRecord<UserOutbox>(this.records, partition, notification.userId, (current) => ({ messages: [...(current?.messages ?? []), sent].slice(-outboxLimit) }));
  }

  /** Oldest first. */
  async messagesFor(userId: string): Promise<readonly SentNotification[]> {
    return (await this.records.view<UserOutbox>(partition, userId))?.value.messages ?? [];
  }

  /**
   * Takes over messages kept elsewhere before (outbox.json of earlier versions, by user id), each
   * before what is here already unless it is here already: safe to run again after a crash half way.
   */
  async importMessages(byUser: Readonly<Record<string, unknown>>): Promise<number> {
    let imported = 0;
    for (const [userId, list] of Object.entries(byUser)) {
      const earlier = (Array.isArray(list) ? list : []).map(sentNotification).filter((m): m is SentNotification => m !== undefined);
      if (earlier.length === 0) continue;
      let added = 0;
      await updateRecord<UserOutbox>(this.records, partition, userId, (current) => {
        const kept = new Set((current?.messages ?? []).map((m) => JSON.stringify(m)));
        const missing = earlier.filter((m) => !kept.has(JSON.stringify(m)));
        added = missing.length;
        return missing.length === 0 ? undefined : { messages: [...missing, ...(current?.messages ?? [])].slice(-outboxLimit) };
      });
      imported += added;
    }
    return imported;
  }
}

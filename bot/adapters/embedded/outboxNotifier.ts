// The embedded Notifier: what would go out by SMS, e-mail or Authenticator lands in a demo outbox
// in DATA_DIR, which the demo page shows as the user's phone and mailbox (local mode only).
import path from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import type { Clock } from '../../core/ports/clock.js';
import type { Notification, Notifier, SentNotification } from '../../core/ports/notifier.js';

interface OutboxFile {
  messages: Record<string, SentNotification[]>;
}

/** Keeps at most this many messages per user, the oldest dropped first. */
const perUserLimit = 200;

export class OutboxNotifier implements Notifier {
  private constructor(private readonly db: Low<OutboxFile>, private readonly clock: Clock) {}

  static async open(dataDir: string, clock: Clock): Promise<OutboxNotifier> {
    const db = new Low<OutboxFile>(new JSONFile<OutboxFile>(path.join(dataDir, 'outbox.json')), { messages: {} });
    await db.read();
    db.data.messages ??= {};
    return new OutboxNotifier(db, clock);
  }

  async send(notification: Notification): Promise<void> {
    const list = (this.db.data.messages[notification.userId] ??= []);
    list.push({ to: notification.to, channel: notification.channel, text: notification.text, sentAt: this.clock.now().toISOString() });
    if (list.length > perUserLimit) list.splice(0, list.length - perUserLimit);
    await this.db.write();
  }

  /** Oldest first. */
  messagesFor(userId: string): readonly SentNotification[] {
    return this.db.data.messages[userId] ?? [];
  }
}

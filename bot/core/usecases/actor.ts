// Who is asking, where, and under which correlation id: what every change is recorded with.
import type { Locale } from '../i18n/i18n.js';

export interface Actor {
  readonly userId: string;
  readonly channel: string;
  readonly conversationId: string;
  readonly correlationId: string;
  readonly locale: Locale;
}

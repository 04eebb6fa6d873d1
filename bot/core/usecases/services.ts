// What the use cases act through: the ports, bundled once by the composition root.
import type { Locale } from '../i18n/i18n.js';
import type { Audit, AuditAction, AuditResult } from '../ports/audit.js';
import type { Clock } from '../ports/clock.js';
import type { Directory } from '../ports/directory.js';
import type { Notifier } from '../ports/notifier.js';
import type { Proactive } from '../ports/proactive.js';
import type { Tickets } from '../ports/tickets.js';
import type { Verification } from './verification.js';

export interface AccountServices {
  readonly directory: Directory;
  readonly verification: Verification;
  readonly notifier: Notifier;
  readonly audit: Audit;
  readonly tickets: Tickets;
  readonly clock: Clock;
  /** Messages to people outside their own turn (agents, users whose ticket moved). */
  readonly proactive: Proactive;
}

/** Who is asking, where, and under which correlation id: what every change is recorded with. */
export interface Actor {
  readonly userId: string;
  readonly channel: string;
  readonly conversationId: string;
  readonly correlationId: string;
  readonly locale: Locale;
}

export async function audit(
  services: AccountServices, actor: Actor, action: AuditAction, result: AuditResult, details: { target?: string; reason?: string } = {},
): Promise<void> {
  await services.audit.record({
    userId: actor.userId,
    actorId: actor.userId,
    action,
    target: details.target,
    channel: actor.channel,
    result,
    reason: details.reason,
    correlationId: actor.correlationId,
    at: services.clock.now().toISOString(),
  });
}

// The audit log as the use cases write and read it: every change (or refusal) on an account, with
// the actor, the channel and the correlation id, never a secret.
import type { Audit, AuditAction, AuditEntry, AuditResult, AuditSubject } from '../ports/audit.js';
import type { Clock } from '../ports/clock.js';
import { DirectoryError } from '../ports/directory.js';
import type { Actor } from './actor.js';

export interface AuditDetails {
  readonly target?: string;
  readonly subject?: AuditSubject;
  readonly reason?: string;
}

/** How many more entries than shown are read, so that skipped ones do not leave the list short. */
const policyRefusalsSkipped = 5;
const maxRead = 200;

export class AuditTrail {
  constructor(private readonly deps: { readonly audit: Audit; readonly clock: Clock }) {}

  /** Records what the actor did on their own account. */
  record(actor: Actor, action: AuditAction, result: AuditResult, details: AuditDetails = {}): Promise<void> {
    return this.recordFor(actor.userId, actor, action, result, details);
  }

  /** Records what the actor did on someone's account (a helpdesk agent on a ticket owner's). */
  async recordFor(userId: string, actor: Actor, action: AuditAction, result: AuditResult, details: AuditDetails = {}): Promise<void> {
    await this.deps.audit.record({
      userId,
      actorId: actor.userId,
      action,
      target: details.target,
      ...(details.subject ? { subject: details.subject } : {}),
      channel: actor.channel,
      result,
      reason: details.reason,
      correlationId: actor.correlationId,
      at: this.deps.clock.now().toISOString(),
    });
  }

  /**
   * Runs a change on the directory; when the directory cannot answer, the attempt is recorded as a
   * failure (with why) before the error goes on to the turn, which tells the user nothing changed.
   */
  async attempt<T>(actor: Actor, action: AuditAction, change: () => Promise<T>, details: AuditDetails = {}): Promise<T> {
    try {
      return await change();
    } catch (error) {
      if (error instanceof DirectoryError) await this.record(actor, action, 'failure', { ...details, reason: `directory.${error.failure}` });
      throw error;
    }
  }

  /** The user's own entries, newest first. */
  recent(userId: string, top: number): Promise<readonly AuditEntry[]> {
    return this.deps.audit.listForUser(userId, top);
  }

  /**
   * What "what did you change on my account?" shows, newest first: every change and every refusal
   * that says something about the account (a wrong current password, a lock-out), but not a new
   * password the policy refused, which is only a form filled in again (the log keeps those too).
   */
  async shownToUser(userId: string, top: number): Promise<readonly AuditEntry[]> {
    const entries = await this.deps.audit.listForUser(userId, Math.min(top * policyRefusalsSkipped, maxRead));
    return entries.filter((e) => !(e.result === 'refused' && e.reason?.startsWith('policy.'))).slice(0, top);
  }
}

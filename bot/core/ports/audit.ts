// The audit log: every change the assistant makes (or refuses to make) on an account, never a secret.
import type { AgreementState, PreferredSecondaryMethod } from './directory.js';
import type { MethodSummary } from '../i18n/methodNames.js';
import type { TicketState } from './tickets.js';

export type AuditAction =
  | 'password.change' | 'password.reset' | 'securityinfo.add' | 'securityinfo.remove' | 'securityinfo.default'
  | 'signout.everywhere' | 'devices.disable' | 'organizations.leave' | 'termsofuse.decision'
  | 'ticket.create' | 'ticket.update';

export type AuditResult = 'success' | 'failure' | 'refused';

/** What an entry acted on, kept as data so that it can be shown in the reader's language. */
export type AuditSubject =
  | { readonly type: 'method'; readonly method: MethodSummary }
  | { readonly type: 'preference'; readonly preference: PreferredSecondaryMethod; /** The method that serves it (masked), when known. */ readonly method?: MethodSummary }
  | { readonly type: 'device'; readonly name: string }
  | { readonly type: 'organization'; readonly name: string }
  | { readonly type: 'agreement'; readonly agreementId: string; readonly name: string; readonly version: string; readonly decision: AgreementState }
  | { readonly type: 'ticket'; readonly number: string; readonly state?: TicketState }
  | { readonly type: 'unlocked' };

export interface AuditEntry {
  /** Whose account it is. */
  readonly userId: string;
  /** Who acted (the user themselves, or a helpdesk agent). */
  readonly actorId: string;
  readonly action: AuditAction;
  /** What was acted on, described without secrets for an administrator: "phone +46 70 *** ** 34", "device CON-LT-0142". */
  readonly target?: string;
  /** The same, as data for the user's own view (entries written before it existed have none). */
  readonly subject?: AuditSubject;
  readonly channel: string;
  readonly result: AuditResult;
  /** A stable reason code for failures and refusals ("wrongPassword", "policy.minLength"). */
  readonly reason?: string;
  readonly correlationId: string;
  readonly at: string;
}

export interface Audit {
  record(entry: AuditEntry): Promise<void>;
  /** The user's own entries, newest first. */
  listForUser(userId: string, top: number): Promise<readonly AuditEntry[]>;
}

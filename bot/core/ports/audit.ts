// The audit log: every change the assistant makes (or refuses to make) on an account, never a secret.
export type AuditAction =
  | 'password.change' | 'password.reset' | 'securityinfo.add' | 'securityinfo.remove' | 'securityinfo.default'
  | 'signout.everywhere' | 'devices.disable' | 'organizations.leave' | 'termsofuse.decision'
  | 'ticket.create' | 'ticket.update';

export type AuditResult = 'success' | 'failure' | 'refused';

export interface AuditEntry {
  /** Whose account it is. */
  readonly userId: string;
  /** Who acted (the user themselves, or a helpdesk agent). */
  readonly actorId: string;
  readonly action: AuditAction;
  /** What was acted on, described without secrets: "phone +46 70 *** ** 34", "device CON-LT-0142". */
  readonly target?: string;
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

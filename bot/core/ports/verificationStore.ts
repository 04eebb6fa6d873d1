// Where verification state lives, one small record at a time: the open code challenges of a
// conversation (hashed), the sends counted against one send budget, the failures and lock-out of
// one key, the step-up grants of one user. Nothing here is a secret in clear. Every change of a
// record is atomic, also against other instances of the bot, so two parallel requests can never
// both take the last send of a budget, the last attempt of a code or the failure that locks a key.
import type { NotificationChannel } from './notifier.js';

export type VerificationPurpose = 'stepUp' | 'reset' | 'proveNewMethod' | 'pairAuthenticator';

export interface CodeChallenge {
  readonly id: string;
  /** The rate-limit and lock-out key: "user:<id>", or "name:<what an anonymous user typed>". */
  readonly subject: string;
  /** The account's own key ("user:<id>") when the subject is a name typed for it: its failures count there too. */
  readonly account?: string;
  readonly conversationId: string;
  /** Undefined when nobody receives the code (a reset for a name that is no account). */
  readonly userId?: string;
  readonly methodId?: string;
  readonly channel?: NotificationChannel;
  readonly purpose: VerificationPurpose;
  readonly salt: string;
  readonly codeHash: string;
  readonly expiresAt: string;
  readonly attemptsLeft: number;
}

/** The open challenges of one conversation: at most one per purpose (a new code replaces the earlier one). */
export type ConversationChallenges = Partial<Readonly<Record<VerificationPurpose, CodeChallenge>>>;

/** One code sent, as counted against a send budget; `requestId` lets a refused request take back what it counted. */
export interface Send {
  readonly at: string;
  readonly requestId: string;
}

/** The codes sent against one send budget. */
export interface SendLog {
  readonly sends: readonly Send[];
}

/** A failure counted before its check ended (a password being checked): it counts until the check settles it. */
export interface PendingFailure {
  readonly id: string;
  readonly at: string;
}

/** The recent failures of one key (code checks, current passwords), and the lock-out they caused. */
export interface FailureLog {
  /** When each failure happened, oldest first. */
  readonly failures: readonly string[];
  readonly lockedUntil?: string;
  /** Checks still running, each counted ahead as a failure (absent when there is none). */
  readonly pending?: readonly PendingFailure[];
}

export interface StepUpGrant {
  readonly userId: string;
  readonly conversationId: string;
  readonly at: string;
  /** The method whose code proved it (absent in grants recorded before it was kept). */
  readonly methodId?: string;
}

/** The step-up grants of one user: at most one per conversation. */
export interface StepUpGrants {
  readonly grants: readonly StepUpGrant[];
}

/** The kinds of record, and what each is kept by: conversation, budget key, failure key, user id. */
export interface VerificationRecords {
  readonly challenges: ConversationChallenges;
  readonly sends: SendLog;
  readonly failures: FailureLog;
  readonly stepUps: StepUpGrants;
}

export type VerificationKind = keyof VerificationRecords;

/** What a change makes of a record (`value`: the same object leaves it as it is; undefined: nothing is left to keep), and what it answers. */
export interface Changed<T, A> {
  readonly value: T | undefined;
  readonly answer: A;
}

export interface VerificationStore {
  /** The record of this kind kept by this key, if there is one. */
  read<K extends VerificationKind>(kind: K, key: string): Promise<VerificationRecords[K] | undefined>;
  /**
   * Changes one record atomically, also against other instances, and returns the change's answer.
   * `change` may run more than once (when another instance wrote first), so it must depend on the
   * current value only. A record left with nothing to keep is removed.
   */
  change<K extends VerificationKind, A>(
    kind: K, key: string, change: (current: VerificationRecords[K] | undefined) => Changed<VerificationRecords[K], A>,
  ): Promise<A>;
}

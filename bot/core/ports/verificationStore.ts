// Where verification state lives: code challenges (hashed), sends and failures for rate limits,
// lock-outs and step-up grants. Nothing here is a secret in clear.
import type { NotificationChannel } from './notifier.js';

export type VerificationPurpose = 'stepUp' | 'reset' | 'proveNewMethod' | 'pairAuthenticator';

export interface CodeChallenge {
  readonly id: string;
  /** The rate-limit and lock-out key: "user:<id>", or "name:<what an anonymous user typed>". */
  readonly subject: string;
  readonly conversationId: string;
  /** Undefined when nobody receives the code (a reset for a name that is no account). */
  readonly userId?: string;
  readonly methodId?: string;
  readonly channel?: NotificationChannel;
  readonly purpose: VerificationPurpose;
  readonly salt: string;
  readonly codeHash: string;
  readonly expiresAt: string;
  attemptsLeft: number;
}

export interface TimedEvent {
  readonly key: string;
  readonly at: string;
}

export interface StepUpGrant {
  readonly userId: string;
  readonly conversationId: string;
  readonly at: string;
  readonly methodId?: string;
}

export interface VerificationRecords {
  challenges: CodeChallenge[];
  sends: TimedEvent[];
  failures: TimedEvent[];
  lockouts: { readonly key: string; readonly until: string }[];
  /** Step-up grants; `methodId` is the method whose code proved it (absent in grants recorded before it was kept). */
  stepUps: StepUpGrant[];
}

export interface VerificationStore {
  load(): Promise<VerificationRecords>;
  save(records: VerificationRecords): Promise<void>;
}

export const emptyVerificationRecords = (): VerificationRecords => ({ challenges: [], sends: [], failures: [], lockouts: [], stepUps: [] });

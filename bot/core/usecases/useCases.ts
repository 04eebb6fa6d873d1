// Every use case, each built over the ports it needs. The composition root calls this once; the
// dialogs get the result and never a port: a dialog converses, a use case acts.
import type { Audit } from '../ports/audit.js';
import type { Clock } from '../ports/clock.js';
import type { Directory } from '../ports/directory.js';
import type { CapabilityPlan } from '../capabilities.js';
import type { Notifier } from '../ports/notifier.js';
import type { Proactive } from '../ports/proactive.js';
import type { Tickets } from '../ports/tickets.js';
import type { VerificationStore } from '../ports/verificationStore.js';
import { Agreements } from './agreements.js';
import { AuditTrail } from './auditTrail.js';
import { Codes } from './codes.js';
import { Devices } from './devices.js';
import { Helpdesk } from './helpdesk.js';
import { LostDevice } from './lostDevice.js';
import { Notices } from './notices.js';
import { Organizations } from './organizations.js';
import { Passwords } from './passwords.js';
import { Profiles } from './profiles.js';
import { SecurityInfo } from './securityInfo.js';
import { SignIns } from './signIns.js';
import { StepUp } from './stepUp.js';
import { Verification } from './verification.js';

/** The ports, as the composition root fills them. */
export interface Ports {
  readonly directory: Directory;
  readonly verificationStore: VerificationStore;
  readonly notifier: Notifier;
  readonly audit: Audit;
  readonly tickets: Tickets;
  /** Messages to people outside their own turn (agents, users whose ticket moved). */
  readonly proactive: Proactive;
  readonly clock: Clock;
}

export interface UseCases {
  /** Time, for what the dialogs say ("until 14:35", "2 days ago"). */
  readonly clock: Clock;
  readonly verification: Verification;
  readonly auditTrail: AuditTrail;
  readonly profiles: Profiles;
  readonly codes: Codes;
  readonly stepUp: StepUp;
  readonly passwords: Passwords;
  readonly securityInfo: SecurityInfo;
  readonly devices: Devices;
  readonly lostDevice: LostDevice;
  readonly organizations: Organizations;
  readonly agreements: Agreements;
  readonly signIns: SignIns;
  readonly helpdesk: Helpdesk;
  /** How a goal is carried out with this directory; undefined for goals that do not touch the account. */
  plan(goal: string): CapabilityPlan | undefined;
}

export function createUseCases(ports: Ports): UseCases {
  const { directory, clock } = ports;
  const verification = new Verification({ store: ports.verificationStore, notifier: ports.notifier, clock, policy: async () => (await directory.tenant()).policy });
  const auditTrail = new AuditTrail({ audit: ports.audit, clock });
  const notices = new Notices({ directory, notifier: ports.notifier, clock });
  const codes = new Codes({ directory, verification });
  const passwords = new Passwords({ directory, verification, codes, notices, auditTrail, clock });
  const securityInfo = new SecurityInfo({ directory, auditTrail, notices });
  const devices = new Devices({ directory, auditTrail });
  return {
    clock,
    verification,
    auditTrail,
    profiles: new Profiles({ directory }),
    codes,
    stepUp: new StepUp({ directory, verification, codes }),
    passwords,
    securityInfo,
    devices,
    lostDevice: new LostDevice({ devices, securityInfo, passwords }),
    organizations: new Organizations({ directory, auditTrail }),
    agreements: new Agreements({ directory, auditTrail, clock }),
    signIns: new SignIns({ directory, clock }),
    helpdesk: new Helpdesk({ directory, tickets: ports.tickets, proactive: ports.proactive, auditTrail, clock }),
    plan: (goal) => directory.capabilities().find((p) => p.capability === goal),
  };
}

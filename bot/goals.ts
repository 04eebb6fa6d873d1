// The catalogue of goals: which intents the chat can carry out today, which need a signed-in user,
// and where in My Account / My Sign-ins the user can do the rest themselves.
import type { GoalIntent } from './nlu/intents.js';

export interface Goal {
  readonly intent: GoalIntent;
  /** True when a goal dialog carries it out in the chat; only these are offered in the menu. */
  readonly inChat: boolean;
  /** Needs a known, signed-in user (everything but password reset and the helpdesk). */
  readonly requiresSignIn: boolean;
  /** The self-service page for this goal, offered when the chat cannot do it. */
  readonly portalUrl?: string;
}

const securityInfo = 'https://mysignins.microsoft.com/security-info';

export const goals: readonly Goal[] = [
  { intent: 'profile.view', inChat: true, requiresSignIn: true, portalUrl: 'https://myaccount.microsoft.com' },
  { intent: 'password.change', inChat: true, requiresSignIn: true, portalUrl: 'https://mysignins.microsoft.com/security-info/password/change' },
  { intent: 'password.reset', inChat: true, requiresSignIn: false, portalUrl: 'https://passwordreset.microsoftonline.com' },
  { intent: 'securityinfo.view', inChat: true, requiresSignIn: true, portalUrl: securityInfo },
  { intent: 'securityinfo.add', inChat: true, requiresSignIn: true, portalUrl: securityInfo },
  { intent: 'securityinfo.remove', inChat: true, requiresSignIn: true, portalUrl: securityInfo },
  { intent: 'securityinfo.default', inChat: true, requiresSignIn: true, portalUrl: securityInfo },
  { intent: 'devices.view', inChat: true, requiresSignIn: true, portalUrl: 'https://myaccount.microsoft.com/device-list' },
  { intent: 'devices.disable', inChat: true, requiresSignIn: true, portalUrl: 'https://myaccount.microsoft.com/device-list' },
  { intent: 'organizations.view', inChat: true, requiresSignIn: true, portalUrl: 'https://myaccount.microsoft.com/organizations' },
  { intent: 'organizations.leave', inChat: true, requiresSignIn: true, portalUrl: 'https://myaccount.microsoft.com/organizations' },
  { intent: 'termsofuse.review', inChat: true, requiresSignIn: true, portalUrl: 'https://myaccount.microsoft.com/settingsandprivacy/privacy' },
  { intent: 'signout.everywhere', inChat: true, requiresSignIn: true, portalUrl: 'https://myaccount.microsoft.com' },
  { intent: 'signins.view', inChat: true, requiresSignIn: true, portalUrl: 'https://mysignins.microsoft.com' },
  { intent: 'helpdesk.ticket', inChat: true, requiresSignIn: false },
  { intent: 'ticket.status', inChat: true, requiresSignIn: true },
  { intent: 'audit.view', inChat: true, requiresSignIn: true },
];

export function goalFor(intent: GoalIntent): Goal {
  const goal = goals.find((g) => g.intent === intent);
  if (!goal) throw new Error(`No goal for intent ${intent}`);
  return goal;
}

/** The goals the menu offers: those the chat can carry out. */
export const menuGoals = (): readonly Goal[] => goals.filter((g) => g.inChat);

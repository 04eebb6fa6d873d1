// The catalogue of goals: every intent the chat carries out, and which need a signed-in user.
import type { GoalIntent } from './nlu/intents.js';

export interface Goal {
  readonly intent: GoalIntent;
  /** Needs a known, signed-in user (everything but password reset and the helpdesk). */
  readonly requiresSignIn: boolean;
}

export const goals: readonly Goal[] = [
  { intent: 'profile.view', requiresSignIn: true },
  { intent: 'password.change', requiresSignIn: true },
  { intent: 'password.reset', requiresSignIn: false },
  { intent: 'securityinfo.view', requiresSignIn: true },
  { intent: 'securityinfo.add', requiresSignIn: true },
  { intent: 'securityinfo.remove', requiresSignIn: true },
  { intent: 'securityinfo.default', requiresSignIn: true },
  { intent: 'devices.view', requiresSignIn: true },
  { intent: 'devices.disable', requiresSignIn: true },
  { intent: 'organizations.view', requiresSignIn: true },
  { intent: 'organizations.leave', requiresSignIn: true },
  { intent: 'termsofuse.review', requiresSignIn: true },
  { intent: 'signout.everywhere', requiresSignIn: true },
  { intent: 'signins.view', requiresSignIn: true },
  { intent: 'helpdesk.ticket', requiresSignIn: false },
  { intent: 'ticket.status', requiresSignIn: true },
  { intent: 'audit.view', requiresSignIn: true },
];

export function goalFor(intent: GoalIntent): Goal {
  const goal = goals.find((g) => g.intent === intent);
  if (!goal) throw new Error(`No goal for intent ${intent}`);
  return goal;
}

/** The goals the menu offers: all of them. */
export const menuGoals = (): readonly Goal[] => goals;

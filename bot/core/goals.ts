// The goal catalogue: one row per goal the assistant carries out, in menu order. The recognizer's
// intent list, the root dialog's routing, the menu, the helpdesk's ticket categories and the tasks
// an agent can send back are all read from this table. A goal's strings follow from its intent:
// `goal.<intent>.title` and `goal.<intent>.description` (a test checks every locale has both), and
// its dialog is registered under the intent in `dialogs/goals/goalDialogs.ts` (the compiler checks
// every row has one). Adding a goal: a row here, its dialog, its strings and its corpus lines.
import type { AuditAction } from './ports/audit.js';

interface GoalRow {
  readonly intent: string;
  /** Needs a known, signed-in user (everything but password reset and the helpdesk). */
  readonly signIn: boolean;
  /** Where a hand-off to the helpdesk from this goal is filed. */
  readonly ticketCategory: string;
  /** Offered on the menu card. */
  readonly menu: boolean;
  /**
   * Set when a helpdesk agent may send a ticket back to the user as this goal: the audit action
   * whose success shows the user has done it (which then resolves the ticket).
   */
  readonly task?: AuditAction;
}

export const goalCatalogue = [
  { intent: 'profile.view', signIn: true, ticketCategory: 'profile', menu: true },
  { intent: 'password.change', signIn: true, ticketCategory: 'password', menu: true, task: 'password.change' },
  { intent: 'password.reset', signIn: false, ticketCategory: 'password', menu: true },
  { intent: 'securityinfo.view', signIn: true, ticketCategory: 'signInMethods', menu: true },
  { intent: 'securityinfo.add', signIn: true, ticketCategory: 'signInMethods', menu: true, task: 'securityinfo.add' },
  { intent: 'securityinfo.remove', signIn: true, ticketCategory: 'signInMethods', menu: true, task: 'securityinfo.remove' },
  { intent: 'securityinfo.default', signIn: true, ticketCategory: 'signInMethods', menu: true, task: 'securityinfo.default' },
  { intent: 'devices.view', signIn: true, ticketCategory: 'device', menu: true },
  { intent: 'devices.disable', signIn: true, ticketCategory: 'device', menu: true, task: 'devices.disable' },
  { intent: 'organizations.view', signIn: true, ticketCategory: 'organization', menu: true },
  { intent: 'organizations.leave', signIn: true, ticketCategory: 'organization', menu: true, task: 'organizations.leave' },
  { intent: 'termsofuse.review', signIn: true, ticketCategory: 'other', menu: true, task: 'termsofuse.decision' },
  { intent: 'signout.everywhere', signIn: true, ticketCategory: 'other', menu: true, task: 'signout.everywhere' },
  { intent: 'signins.view', signIn: true, ticketCategory: 'signIns', menu: true },
  { intent: 'helpdesk.ticket', signIn: false, ticketCategory: 'other', menu: true },
  { intent: 'ticket.status', signIn: true, ticketCategory: 'other', menu: true },
  { intent: 'audit.view', signIn: true, ticketCategory: 'other', menu: true },
] as const satisfies readonly GoalRow[];

type Row = (typeof goalCatalogue)[number];
export type GoalIntent = Row['intent'];
export type TicketCategory = Row['ticketCategory'];
export interface Goal extends GoalRow {
  readonly intent: GoalIntent;
  readonly ticketCategory: TicketCategory;
}
export const goals: readonly Goal[] = goalCatalogue;

/** Every intent the recognizer knows: the goals, then help, cancel and None (a design contract). */
export type IntentName = GoalIntent | 'help' | 'cancel' | 'None';
export const intentNames: readonly IntentName[] = [...goals.map((g) => g.intent), 'help', 'cancel', 'None'];

export const isIntentName = (value: unknown): value is IntentName => typeof value === 'string' && (intentNames as readonly string[]).includes(value);
export const isGoalIntent = (value: unknown): value is GoalIntent => isIntentName(value) && goals.some((g) => g.intent === value);

export function goalFor(intent: GoalIntent): Goal {
  const goal = goals.find((g) => g.intent === intent);
  if (!goal) throw new Error(`No goal for intent ${intent}`);
  return goal;
}

/** The goals the menu offers. */
export const menuGoals = (): readonly Goal[] => goals.filter((g) => g.menu);

/** Helpdesk categories: every goal's, in catalogue order, and "other" last. */
export const ticketCategories: readonly TicketCategory[] = [...new Set<TicketCategory>([...goals.map((g) => g.ticketCategory).filter((c) => c !== 'other'), 'other'])];
export const isTicketCategory = (value: unknown): value is TicketCategory => (ticketCategories as readonly unknown[]).includes(value);

/** The goals a helpdesk agent can send a ticket back for: the ones the user can finish here. */
export const selfServiceTasks: readonly GoalIntent[] = goals.filter((g) => g.task !== undefined).map((g) => g.intent);

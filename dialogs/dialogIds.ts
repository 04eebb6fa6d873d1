// Dialog ids are persisted in conversation state: plain constants, never class names. A goal
// dialog's id is its intent (from the goal catalogue) and its waterfall is `<intent>.steps`; the
// ids below are the reusable steps' and the root's.
import type { GoalIntent } from '../bot/core/goals.js';

export const dialogIds = {
  root: 'root',
  cardPrompt: 'cardPrompt',
  stepUp: 'stepUp',
  stepUpSteps: 'stepUp.steps',
  codeEntry: 'codeEntry',
  /** password.reset's new-password part (kept under its first name: ids live in stored conversations). */
  newPassword: 'password.new',
  handoffOffer: 'helpdesk.offer',
  agentTicket: 'agent.ticket',
  agentTicketSteps: 'agent.ticket.steps',
  task: 'task',
} as const;

/** The waterfall of a goal dialog (or of one of its parts: `stepsOf('password.reset', 'new')`). */
export const stepsOf = (goal: GoalIntent, part?: string): string => (part ? `${goal}.${part}` : `${goal}.steps`);

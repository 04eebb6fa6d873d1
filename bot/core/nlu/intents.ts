// The intent names the recognizer knows (a design contract: keep them stable). `audit.view`
// ("what did you change on my account?") extends the design's list.
export const intentNames = [
  'profile.view', 'password.change', 'password.reset', 'securityinfo.view', 'securityinfo.add',
  'securityinfo.remove', 'securityinfo.default', 'devices.view', 'devices.disable', 'organizations.view',
  'organizations.leave', 'termsofuse.review', 'signout.everywhere', 'signins.view', 'helpdesk.ticket',
  'ticket.status', 'audit.view', 'help', 'cancel', 'None',
] as const;
export type IntentName = (typeof intentNames)[number];

/** Intents that start a goal dialog (everything but help, cancel and None). */
export type GoalIntent = Exclude<IntentName, 'help' | 'cancel' | 'None'>;

export function isIntentName(value: unknown): value is IntentName {
  return typeof value === 'string' && (intentNames as readonly string[]).includes(value);
}

export function isGoalIntent(value: unknown): value is GoalIntent {
  return isIntentName(value) && value !== 'help' && value !== 'cancel' && value !== 'None';
}

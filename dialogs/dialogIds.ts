// Dialog ids are persisted in conversation state: plain constants, never class names.
export const dialogIds = {
  root: 'root',
  profile: 'profile.view',
  profileSteps: 'profile.view.steps',
} as const;

// botbuilder-dialogs works out, on the first DialogContext of every turn, which memory scopes and
// path resolvers its DialogStateManager has: it asks every registered component, through a zod
// schema, whether it offers any, and makes new ones (about 2 % of the server's CPU). The scopes and
// resolvers keep nothing of a turn (each reads the turn's state from the turn context), so one set,
// made once the way botbuilder makes it, serves every turn: it goes where botbuilder looks first
// for the turn's set. Its lists are frozen, so nothing can add a turn's scope to every turn's.
import { TurnContextStateCollection, type TurnContext } from 'botbuilder';
import { DialogStateManager, type DialogContext, type DialogStateManagerConfiguration } from 'botbuilder-dialogs';

/** Where a DialogStateManager looks for the turn's configuration (botbuilder-dialogs memory/dialogStateManager.js). */
export const dialogStateConfigurationKey = 'DialogStateManagerConfiguration';

let shared: DialogStateManagerConfiguration | undefined;

/** The scopes and resolvers botbuilder makes for a turn that brings none of its own. */
function configuration(): DialogStateManagerConfiguration {
  if (!shared) {
    const made = new DialogStateManager({ context: { turnState: new TurnContextStateCollection() } } as unknown as DialogContext).configuration;
    shared = { memoryScopes: Object.freeze([...made.memoryScopes]) as DialogStateManagerConfiguration['memoryScopes'], pathResolvers: Object.freeze([...made.pathResolvers]) as DialogStateManagerConfiguration['pathResolvers'] };
  }
  return shared;
}

/** Gives the turn the shared scopes and resolvers, unless it brings scopes or resolvers of its own. */
export function shareDialogStateConfiguration(context: TurnContext): void {
  const turnState = context.turnState;
  if (turnState.has(dialogStateConfigurationKey) || turnState.has('memoryScopes') || turnState.has('pathResolvers')) return;
  turnState.set(dialogStateConfigurationKey, configuration());
}

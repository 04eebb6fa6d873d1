// The dialogs' one door to the Bot Framework SDK: every dialog imports what it needs of botbuilder
// from here, so a later move to its successor (the Microsoft 365 Agents SDK keeps the same dialog
// API) is a change of this file. A lint rule keeps other dialog files from importing botbuilder.
export {
  ComponentDialog, Dialog, DialogTurnStatus, OAuthPrompt, WaterfallDialog,
  type DialogContext, type DialogInstance, type DialogTurnResult, type WaterfallStepContext,
} from 'botbuilder-dialogs';
export { DeliveryModes, MessageFactory, type TurnContext } from 'botbuilder';

// The bot and its state over a storage: what every host of the bot (the server, the tests) wires
// the same way.
import type { ConversationState, StatePropertyAccessor, Storage } from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import { RootDialog } from '../../dialogs/rootDialog.js';
import { isCardWaiting, isSecretCardOpen, typedAnswerOnOpenCard, typedAtOpenCard } from '../../dialogs/steps/cardPrompt.js';
import type { IntentRecognizer } from '../core/nlu/recognizer.js';
import type { Directory } from '../core/ports/directory.js';
import { timeZoneOf } from '../core/i18n/timeZones.js';
import type { ConversationReferences } from '../core/ports/proactive.js';
import type { TranscriptLine } from '../core/ports/tickets.js';
import type { UseCases } from '../core/usecases/useCases.js';
import { ConversationHistory } from '../turn/conversationHistory.js';
import { IdentityResolver, type DirectLineUsers, type WebChatSessions } from '../turn/identity.js';
import { AccountBot } from './accountBot.js';
import { ConcurrencyCheckedStorage } from './checkedStorage.js';
import { RecordCardNonces } from './recordCardNonces.js';
import { TeamsCards } from './teamsCards.js';
import { TextTrackedConversationState, TextTrackedUserState } from './textTrackedState.js';
import type { RecordStore } from '../core/ports/recordStore.js';
import { TurnPreparation, type ConversationInfo, type UserPreferences } from './turnPreparation.js';
import { PersonalChats, type CreateConversation } from './personalChat.js';
import type { ContinueConversation } from './proactiveMessenger.js';
import { silentLogger, type Logger } from '../logger.js';

export interface BotParts {
  readonly useCases: UseCases;
  /** Where identities are looked up (the same directory the use cases act on). */
  readonly directory: Directory;
  readonly references: ConversationReferences;
  readonly recognizer: IntentRecognizer;
  readonly storage: Storage;
  /** Where the cards' one-time nonces are kept (the app's record store). */
  readonly records: RecordStore;
  readonly sessions?: WebChatSessions;
  /** In Azure: the web chat users this server had the Direct Line token service issue. */
  readonly directLineUsers?: DirectLineUsers;
  /** The bot's OAuth connection, when goals are done with the user's own token (Graph and OAUTH_CONNECTION_NAME). */
  readonly signIn?: { readonly connectionName: string };
  /** How the bot reaches a user's personal chat from a group chat: a stored conversation, or a new one. */
  readonly reach?: { readonly continueIn: ContinueConversation; readonly createIn: CreateConversation };
  readonly logger?: Logger;
  /** The bot's public origin, where Teams fetches the avatar PNGs of cards (undefined: avatars stay data URIs). */
  readonly imageOrigin?: () => string | undefined;
}

export interface ComposedBot {
  readonly bot: AccountBot;
  readonly conversationState: ConversationState;
  readonly dialogState: StatePropertyAccessor<DialogState>;
}

export function composeBot(parts: BotParts): ComposedBot {
  // Every save is checked against the eTag it read: two turns cannot both win.
  const storage = new ConcurrencyCheckedStorage(parts.storage);
  const conversationState = new TextTrackedConversationState(storage);
  const userState = new TextTrackedUserState(storage);
  const dialogState = conversationState.createProperty<DialogState>('dialogState');
  const identities = new IdentityResolver(parts.directory, parts.sessions, parts.directLineUsers);
  const preparation = new TurnPreparation(
    identities,
    parts.recognizer,
    userState.createProperty<UserPreferences>('preferences'),
    conversationState.createProperty<ConversationInfo>('conversation'),
    async (context) => isSecretCardOpen(await dialogState.get(context)),
    async (context, answer) => typedAnswerOnOpenCard(await dialogState.get(context), answer),
    async (context, question) => isCardWaiting(await dialogState.get(context), question),
    // A directory that cannot answer just now leaves times in UTC (said so) rather than failing the turn.
    async (identity) => timeZoneOf(identity.kind === 'user' ? identity.user : undefined, await parts.directory.tenant().catch(() => ({}))),
    new Map(parts.directory.capabilities().filter((p) => p.mode === 'portal').map((p) => [p.capability, p.portal])),
    async (identity) => identity.kind === 'user' && (await parts.useCases.helpdesk.isAgent(identity.user.id)),
    async (context, text) => typedAtOpenCard(await dialogState.get(context), text),
  );
  const history = new ConversationHistory(conversationState.createProperty<TranscriptLine[]>('recentTurns'));
  const logger = parts.logger ?? silentLogger;
  const bot = new AccountBot({
    conversationState, userState, dialogState, preparation, history, logger, signInLater: parts.signIn !== undefined,
    welcomed: conversationState.createProperty<boolean>('welcomed'),
    personalChats: parts.reach && new PersonalChats(parts.references, parts.reach.continueIn, parts.reach.createIn, logger),
    rootDialog: new RootDialog(parts.useCases, conversationState.createProperty<string>('ticketInFocus'), parts.signIn && { ...parts.signIn, identify: (context) => identities.resolve(context.activity) }),
    organizationName: async () => (await parts.useCases.profiles.organization()).displayName,
    references: parts.references,
    cardNonces: new RecordCardNonces(parts.records, parts.useCases.clock),
    teamsCards: new TeamsCards(dialogState, parts.imageOrigin),
    now: () => parts.useCases.clock.now(),
  });
  return { bot, conversationState, dialogState };
}

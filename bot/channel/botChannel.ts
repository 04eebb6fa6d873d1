// The bot on the Bot Framework: the CloudAdapter that authenticates and runs each request, the same
// turn for activities from the bot's own Direct Line, and proactive messages into stored
// conversations. Proactive messages are wired before the bot exists (the use cases need them), so
// the adapter is attached once the bot is composed.
import type { Activity, CloudAdapter, TurnContext } from 'botbuilder';
import type { Request, Response } from 'restify';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { createCloudAdapter, type SignInMiddleware } from './cloudAdapter.js';
import type { ComposedBot } from './composeBot.js';
import type { ContinueConversation } from './proactiveMessenger.js';
import type { CreateConversation } from './personalChat.js';
import { KeyedQueue } from '../core/keyedQueue.js';

function conversationIdOf(activity: unknown): string | undefined {
  const id = (activity as { conversation?: { id?: unknown } } | undefined)?.conversation?.id;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

export class BotChannel {
  private adapter: CloudAdapter | undefined;
  private logic: ((context: TurnContext) => Promise<void>) | undefined;
  /** Turns of one conversation run one after the other on this instance: a double-clicked card or two tabs of one chat each see the state the previous turn left. (Across instances the eTag-checked saves and the nonce ledger keep the same promise.) */
  private readonly queue = new KeyedQueue();

  constructor(private readonly config: Config, private readonly logger: Logger, private readonly signIn?: SignInMiddleware) {}

  /** Runs the composed bot behind the adapter from now on. */
  attach(composed: ComposedBot): void {
    this.adapter = createCloudAdapter({ config: this.config, logger: this.logger, conversationState: composed.conversationState, dialogState: composed.dialogState, signIn: this.signIn });
    this.logic = (context) => composed.bot.run(context);
  }

  private ready(): { adapter: CloudAdapter; logic: (context: TurnContext) => Promise<void> } {
    if (!this.adapter || !this.logic) throw new Error('The bot is not attached to its channel yet');
    return { adapter: this.adapter, logic: this.logic };
  }

  /** A Bot Framework request (POST /api/messages). */
  process(req: Request, res: Response): Promise<void> {
    const { adapter, logic } = this.ready();
    return this.queue.run(conversationIdOf(req.body), () => adapter.process(req, res, logic));
  }

  /** An activity from the bot's own Direct Line (local mode), already checked there. */
  deliver(activity: Partial<Activity>): Promise<void> {
    const { adapter, logic } = this.ready();
    return this.queue.run(conversationIdOf(activity), () => adapter.processActivityDirect('', activity as Activity, logic));
  }

  readonly continueIn: ContinueConversation = (reference, logic) => this.ready().adapter.continueConversationAsync(this.config.microsoftApp.appId, reference, logic);

  /** Opens a conversation (a personal chat on Teams). The audience is left to the connector factory, which picks the cloud's own. */
  readonly createIn: CreateConversation = (serviceUrl, parameters, logic) =>
    this.ready().adapter.createConversationAsync(this.config.microsoftApp.appId, 'msteams', serviceUrl, undefined as unknown as string, parameters, logic);
}

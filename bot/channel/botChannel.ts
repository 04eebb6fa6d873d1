// The bot on the Bot Framework: the CloudAdapter that authenticates and runs each request, the same
// turn for activities from the bot's own Direct Line, and proactive messages into stored
// conversations. Proactive messages are wired before the bot exists (the use cases need them), so
// the adapter is attached once the bot is composed.
import type { Activity, TurnContext } from 'botbuilder';
import { AuthenticationError } from 'botframework-connector';
import type { Request, Response } from 'restify';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { createCloudAdapter, type AccountAdapter, type SignInMiddleware } from './cloudAdapter.js';
import type { ComposedBot } from './composeBot.js';
import type { ContinueConversation } from './proactiveMessenger.js';
import type { CreateConversation } from './personalChat.js';
import { KeyedQueue } from '../core/keyedQueue.js';

function conversationIdOf(activity: unknown): string | undefined {
  const id = (activity as { conversation?: { id?: unknown } } | undefined)?.conversation?.id;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

/** A request's activity with its times as dates, their texts kept beside them, as botbuilder's CloudAdapter hands it to a turn. */
function withDates(activity: Activity): Activity {
  const raw = activity as Activity & Record<string, unknown>;
  for (const [field, rawField] of [['timestamp', 'rawTimestamp'], ['localTimestamp', 'rawLocalTimestamp'], ['expiration', 'rawExpiration']] as const) {
    const text = raw[field];
    if (typeof text !== 'string') continue;
    raw[rawField] = text;
    raw[field] = new Date(text);
  }
  return activity;
}

/**
 * Runs the activity of a Bot Framework request (POST /api/messages) that the server has checked:
 * authenticated by its Authorization header and run; answered 200 with the invoke's answer or the
 * replies asked for (deliveryMode expectReplies), 401 when it is not authenticated. Any other
 * failure is thrown, for the server to log and answer 500.
 */
export async function runRequest(adapter: AccountAdapter, req: Request, res: Response, logic: (context: TurnContext) => Promise<void>, logger: Logger): Promise<void> {
  const activity = withDates(req.body as Activity);
  try {
    const answer = await adapter.runRequest(req.headers.authorization ?? '', activity, logic);
    res.status(answer?.status ?? 200);
    if (answer?.body) res.send(answer.body);
  } catch (error) {
    if (!(error instanceof AuthenticationError)) throw error;
    logger.warn('request not authenticated', { message: error.message, channelId: activity.channelId });
    res.status(401);
    res.send({ error: { code: 'unauthorized', message: 'The request is not authenticated.' } });
  }
  res.end();
}

export class BotChannel {
  private adapter: AccountAdapter | undefined;
  private logic: ((context: TurnContext) => Promise<void>) | undefined;
  /** Turns of one conversation run one after the other on this instance: a double-clicked card or two tabs of one chat each see the state the previous turn left. (Across instances the eTag-checked saves and the nonce ledger keep the same promise.) */
  private readonly queue = new KeyedQueue();

  constructor(private readonly config: Config, private readonly logger: Logger, private readonly signIn?: SignInMiddleware) {}

  /** Runs the composed bot behind the adapter from now on. */
  attach(composed: ComposedBot): void {
    this.adapter = createCloudAdapter({ config: this.config, logger: this.logger, conversationState: composed.conversationState, dialogState: composed.dialogState, signIn: this.signIn });
    this.logic = (context) => composed.bot.run(context);
  }

  private ready(): { adapter: AccountAdapter; logic: (context: TurnContext) => Promise<void> } {
    if (!this.adapter || !this.logic) throw new Error('The bot is not attached to its channel yet');
    return { adapter: this.adapter, logic: this.logic };
  }

  /** A Bot Framework request (POST /api/messages) whose activity the server has checked (see runRequest), after the turns of its conversation before it. */
  process(req: Request, res: Response): Promise<void> {
    const { adapter, logic } = this.ready();
    return this.queue.run(conversationIdOf(req.body), () => runRequest(adapter, req, res, logic, this.logger));
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

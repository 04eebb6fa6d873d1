// The bot's own small Direct Line 3.0, for the web chat page in local mode: the client side
// (conversations, activities, polling and websocket streaming, token refresh) and the connector
// side the bot replies to (serviceUrl = this server). Conversations live in memory.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { randomBytes } from 'node:crypto';
import type { Activity } from 'botbuilder';
import type { Request, Response, Server } from 'restify';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Clock } from '../core/ports/clock.js';
import type { Logger } from '../logger.js';
import { webChatChannelId } from '../turn/identity.js';
import { newSecret, type Session, type SessionRegistry } from './sessions.js';

const botAccount = { id: 'account-assistant', name: 'Account assistant', role: 'bot' };
const maxHistory = 500;
const maxConversations = 5_000;
const maxTextLength = 20_000;
const streamTokenSeconds = 120;

interface Conversation {
  readonly id: string;
  /** The session as last read (its expiry moves with each refresh). */
  session: Session;
  readonly history: Partial<Activity>[];
  readonly sockets: Set<WebSocket>;
  sequence: number;
  streamToken?: { value: string; expiresAt: number };
}

export interface DirectLineOptions {
  readonly sessions: SessionRegistry;
  readonly clock: Clock;
  readonly logger: Logger;
  /** The URL the bot replies to: this server's own address. */
  readonly serviceUrl: () => string;
  /** Hands an activity to the bot and resolves when its turn has ended. */
  readonly deliver: (activity: Partial<Activity>) => Promise<void>;
}

type Handler = (req: Request, res: Response) => Promise<void> | void;

function bearer(req: Request): string | undefined {
  const header = req.header('authorization') ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1];
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A route or query parameter as a string ('' when absent). */
function param(source: unknown, name: string): string {
  const value = (source as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : '';
}

function sendError(res: Response, status: number, code: string, message: string): void {
  res.send(status, { error: { code, message } });
}

/** Answers that carry a token: never kept by a cache. */
function sendToken(res: Response, status: number, body: Record<string, unknown>): void {
  res.header('Cache-Control', 'no-store');
  res.send(status, body);
}

export class DirectLine {
  private readonly conversations = new Map<string, Conversation>();
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });

  constructor(private readonly options: DirectLineOptions) {}

  mount(server: Server): void {
    // restify 11 takes async handlers of (req, res); errors become a 500 and are logged.
    const route = (handler: Handler) => async (req: Request, res: Response): Promise<void> => {
      try {
        await handler(req, res);
      } catch (error) {
        this.options.logger.error('direct line request failed', { error });
        if (!res.headersSent) sendError(res, 500, 'internalError', 'The request could not be handled.');
      }
    };
    server.post('/v3/directline/conversations', route((req, res) => this.startConversation(req, res)));
    server.get('/v3/directline/conversations/:conversationId', route((req, res) => this.reconnect(req, res)));
    server.post('/v3/directline/conversations/:conversationId/activities', route((req, res) => this.postActivity(req, res)));
    server.get('/v3/directline/conversations/:conversationId/activities', route((req, res) => this.getActivities(req, res)));
    server.post('/v3/directline/tokens/refresh', route((req, res) => this.refreshToken(req, res)));
    // The connector side: where the bot's replies arrive.
    server.post('/v3/conversations/:conversationId/activities', route((req, res) => this.botReply(req, res)));
    server.post('/v3/conversations/:conversationId/activities/:activityId', route((req, res) => this.botReply(req, res)));
    server.put('/v3/conversations/:conversationId/activities/:activityId', route((req, res) => this.botUpdate(req, res)));
    server.del('/v3/conversations/:conversationId/activities/:activityId', route((req, res) => this.botDelete(req, res)));
    server.get('/v3/conversations/:conversationId/members', route((req, res) => this.members(req, res)));
  }

  /** Accepts websocket upgrades for `/v3/directline/conversations/:id/stream`. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const match = /^\/v3\/directline\/conversations\/([^/]+)\/stream$/.exec(url.pathname);
    if (!match) return false;
    const conversation = this.conversations.get(decodeURIComponent(match[1] as string));
    const token = url.searchParams.get('t');
    const valid = conversation?.streamToken && token === conversation.streamToken.value && conversation.streamToken.expiresAt > this.now();
    if (!conversation || !valid) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return true;
    }
    conversation.streamToken = undefined;
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      conversation.sockets.add(ws);
      ws.on('close', () => conversation.sockets.delete(ws));
      ws.on('error', () => conversation.sockets.delete(ws));
      const watermark = Number(url.searchParams.get('watermark') ?? 0) || 0;
      const missed = conversation.history.slice(watermark);
      if (missed.length > 0) ws.send(JSON.stringify({ activities: missed, watermark: String(conversation.history.length) }));
    });
    return true;
  }

  close(): void {
    for (const conversation of this.conversations.values()) for (const ws of conversation.sockets) ws.close(1001, 'server shutting down');
    this.wss.close();
  }

  private now(): number {
    return this.options.clock.now().getTime();
  }

  private streamUrl(req: Request, conversation: Conversation): string {
    conversation.streamToken = { value: newSecret(), expiresAt: this.now() + streamTokenSeconds * 1000 };
    const host = req.header('host') ?? '127.0.0.1';
    return `ws://${host}/v3/directline/conversations/${encodeURIComponent(conversation.id)}/stream?t=${conversation.streamToken.value}`;
  }

  private async conversationFor(req: Request, res: Response): Promise<Conversation | undefined> {
    const session = await this.options.sessions.byBearer(bearer(req));
    const id = param(req.params, 'conversationId');
    const conversation = session && session.conversationId === id ? this.conversations.get(id) ?? this.open(session, id) : undefined;
    if (!session || !conversation || conversation.session.tokenHash !== session.tokenHash) {
      sendError(res, 403, 'forbidden', 'The token is not valid for this conversation.');
      return undefined;
    }
    conversation.session = session;
    return conversation;
  }

  /**
   * A conversation in memory. A session outlives a restart and is known to every instance, but
   * the history is this instance's: a session whose conversation is not here (a restart, a token
   * issued by another instance) gets it back empty, under the same id, so the bot's dialog goes on.
   */
  private open(session: Session, id: string): Conversation {
    if (this.conversations.size >= maxConversations) {
      const oldest = this.conversations.keys().next().value as string;
      this.closeSockets(this.conversations.get(oldest), 'conversation closed');
      this.conversations.delete(oldest);
    }
    const conversation: Conversation = { id, session, history: [], sockets: new Set(), sequence: 0 };
    this.conversations.set(id, conversation);
    return conversation;
  }

  private async startConversation(req: Request, res: Response): Promise<void> {
    const token = bearer(req);
    const session = await this.options.sessions.byBearer(token);
    if (!session || !token) return sendError(res, 403, 'forbidden', 'A valid token is required.');
    const expires_in = this.options.sessions.secondsLeft(session);
    if (session.conversationId) {
      const existing = this.conversations.get(session.conversationId) ?? this.open(session, session.conversationId);
      sendToken(res, 200, { conversationId: existing.id, token, expires_in, streamUrl: this.streamUrl(req, existing) });
      return;
    }
    // Bound first: when another instance bound the session a moment before, its conversation stands.
    const proposed = randomBytes(18).toString('base64url');
    const bound = await this.options.sessions.bindConversation(session, proposed);
    if (bound === undefined) return sendError(res, 403, 'forbidden', 'A valid token is required.');
    if (bound !== proposed) {
      const existing = this.conversations.get(bound) ?? this.open(session, bound);
      sendToken(res, 200, { conversationId: existing.id, token, expires_in, streamUrl: this.streamUrl(req, existing) });
      return;
    }
    const conversation = this.open({ ...session, conversationId: bound }, bound);
    const streamUrl = this.streamUrl(req, conversation);
    sendToken(res, 201, { conversationId: conversation.id, token, expires_in, streamUrl, referenceGrammarId: '' });
    // The bot greets the user, as the Direct Line channel does when a conversation starts.
    await this.options.deliver({
      ...this.envelope(conversation),
      type: 'conversationUpdate',
      membersAdded: [{ id: session.fromId, name: session.displayName }],
    });
  }

  private async reconnect(req: Request, res: Response): Promise<void> {
    const conversation = await this.conversationFor(req, res);
    if (!conversation) return;
    const expires_in = this.options.sessions.secondsLeft(conversation.session);
    sendToken(res, 200, { conversationId: conversation.id, token: bearer(req), expires_in, streamUrl: this.streamUrl(req, conversation) });
  }

  private async refreshToken(req: Request, res: Response): Promise<void> {
    const token = bearer(req);
    const session = token ? await this.options.sessions.refresh(token) : undefined;
    if (!session) return sendError(res, 403, 'forbidden', 'The token is not valid.');
    sendToken(res, 200, { token, expires_in: this.options.sessions.secondsLeft(session), conversationId: session.conversationId });
  }

  private envelope(conversation: Conversation): Partial<Activity> {
    return {
      channelId: webChatChannelId,
      serviceUrl: this.options.serviceUrl(),
      conversation: { id: conversation.id, isGroup: false, conversationType: 'personal', name: '' },
      from: { id: conversation.session.fromId, name: conversation.session.displayName, role: 'user' },
      recipient: { id: botAccount.id, name: botAccount.name, role: 'bot' },
      locale: conversation.session.locale,
      timestamp: new Date(this.now()),
    };
  }

  private async postActivity(req: Request, res: Response): Promise<void> {
    const conversation = await this.conversationFor(req, res);
    if (!conversation) return;
    const body = req.body as Record<string, unknown> | undefined;
    if (!body || typeof body !== 'object' || Array.isArray(body) || typeof body.type !== 'string') {
      return sendError(res, 400, 'badArgument', 'The activity must be a JSON object with a type.');
    }
    if (body.type === 'typing') {
      res.send(200, { id: '' });
      return;
    }
    if (body.type !== 'message' && body.type !== 'event') {
      return sendError(res, 400, 'badArgument', `Activities of type "${body.type}" are not accepted.`);
    }
    const text = typeof body.text === 'string' ? body.text : undefined;
    if (text !== undefined && text.length > maxTextLength) return sendError(res, 413, 'messageTooLarge', 'The message is too long.');
    const clientActivityID = (body.channelData as { clientActivityID?: unknown } | undefined)?.clientActivityID;
    const activity: Partial<Activity> = {
      ...this.envelope(conversation),
      type: body.type,
      id: this.nextId(conversation),
      text,
      textFormat: 'plain',
      value: body.value,
      name: body.type === 'event' && typeof body.name === 'string' ? body.name : undefined,
      locale: typeof body.locale === 'string' && body.locale.length <= 20 ? body.locale : conversation.session.locale,
      // The browser's zone, as Web Chat sends it: times are said in it (the bot checks it is a real zone).
      localTimezone: typeof body.localTimezone === 'string' && body.localTimezone.length <= 64 ? body.localTimezone : undefined,
      channelData: typeof clientActivityID === 'string' ? { clientActivityID } : undefined,
    };
    // Card values can hold secrets: the history the client reads back keeps everything but them.
    this.push(conversation, { ...activity, value: undefined });
    res.send(200, { id: activity.id });
    try {
      await this.options.deliver(activity);
    } catch (error) {
      this.options.logger.error('the bot failed to handle a web chat activity', { error, conversationId: conversation.id });
    }
    // The turn may have ended the session (sign out everywhere, a new password): its replies are
    // out, and the open streams close; the client's next call is refused and it must sign in again.
    if (!(await this.options.sessions.isLive(conversation.session))) {
      this.closeSockets(conversation, 'session ended');
      this.conversations.delete(conversation.id);
    }
  }

  private closeSockets(conversation: Conversation | undefined, reason: string): void {
    for (const ws of conversation?.sockets ?? []) ws.close(4001, reason);
  }

  private async getActivities(req: Request, res: Response): Promise<void> {
    const conversation = await this.conversationFor(req, res);
    if (!conversation) return;
    const watermark = Math.max(0, Number(param(req.query, 'watermark') || 0) || 0);
    res.send(200, { activities: conversation.history.slice(watermark), watermark: String(conversation.history.length) });
  }

  private nextId(conversation: Conversation): string {
    conversation.sequence += 1;
    return `${conversation.id}|${String(conversation.sequence).padStart(7, '0')}`;
  }

  private push(conversation: Conversation, activity: Partial<Activity>): void {
    conversation.history.push(activity);
    if (conversation.history.length > maxHistory) conversation.history.splice(0, conversation.history.length - maxHistory);
    this.broadcast(conversation, activity);
  }

  /** Sends an activity to the conversation's open streams. */
  private broadcast(conversation: Conversation, activity: Partial<Activity>): void {
    const message = JSON.stringify({ activities: [activity], watermark: String(conversation.history.length) });
    for (const ws of conversation.sockets) ws.send(message);
  }

  private botConversation(req: Request, res: Response): Conversation | undefined {
    const conversation = this.conversations.get(param(req.params, 'conversationId'));
    if (!conversation) sendError(res, 404, 'notFound', 'No such conversation.');
    return conversation;
  }

  private botReply(req: Request, res: Response): void {
    const conversation = this.botConversation(req, res);
    if (!conversation) return;
    if (!isObject(req.body) || typeof req.body.type !== 'string') return sendError(res, 400, 'badArgument', 'The activity must be a JSON object with a type.');
    const body = req.body as Partial<Activity>;
    const activity: Partial<Activity> = {
      ...body,
      id: this.nextId(conversation),
      channelId: webChatChannelId,
      conversation: { id: conversation.id, isGroup: false, conversationType: 'personal', name: '' },
      from: { ...botAccount },
      timestamp: new Date(this.now()),
    };
    if (activity.type === 'typing') {
      // Typing indicators are streamed but not kept in the history.
      this.broadcast(conversation, activity);
    } else {
      this.push(conversation, activity);
    }
    res.send(200, { id: activity.id });
  }

  private botUpdate(req: Request, res: Response): void {
    const conversation = this.botConversation(req, res);
    if (!conversation) return;
    if (!isObject(req.body)) return sendError(res, 400, 'badArgument', 'The activity must be a JSON object.');
    const index = conversation.history.findIndex((a) => a.id === param(req.params, 'activityId'));
    if (index < 0) return sendError(res, 404, 'notFound', 'No such activity.');
    const updated = { ...(conversation.history[index] as Partial<Activity>), ...(req.body as Partial<Activity>), id: param(req.params, 'activityId'), from: { ...botAccount } };
    conversation.history[index] = updated;
    this.broadcast(conversation, updated);
    res.send(200, { id: updated.id });
  }

  private botDelete(req: Request, res: Response): void {
    const conversation = this.botConversation(req, res);
    if (!conversation) return;
    const index = conversation.history.findIndex((a) => a.id === param(req.params, 'activityId'));
    if (index >= 0) conversation.history[index] = { id: param(req.params, 'activityId'), type: 'messageDelete', from: { ...botAccount } };
    res.send(200, {});
  }

  private members(req: Request, res: Response): void {
    const conversation = this.botConversation(req, res);
    if (!conversation) return;
    res.send(200, [{ id: conversation.session.fromId, name: conversation.session.displayName }]);
  }
}

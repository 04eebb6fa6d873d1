// Runs the real bot (root dialog, recognizer, embedded directory) on botbuilder's TestAdapter,
// as a user on the msteams channel, so conversation tests read like transcripts.
import { regionalTag, toLocale, translator, type Translator } from '../../bot/core/i18n/i18n.js';
import { timeZoneOf } from '../../bot/core/i18n/timeZones.js';
import { MemoryStorage, TestAdapter, TurnContext, type Activity, type ConversationAccount, type ConversationParameters } from 'botbuilder';
import type { ContinueConversation } from '../../bot/channel/proactiveMessenger.js';
import type { CreateConversation } from '../../bot/channel/personalChat.js';
import { embeddedPorts, type EmbeddedPorts } from '../../bot/app.js';
import { composeBot } from '../../bot/channel/composeBot.js';
import { PlainTextReplies } from '../../bot/channel/plainTextReplies.js';
import type { RecordAuditLog } from '../../bot/adapters/records/recordAuditLog.js';
import type { RecordOutbox } from '../../bot/adapters/records/recordOutbox.js';
import type { Clock } from '../../bot/core/ports/clock.js';
import { createUseCases, type UseCases } from '../../bot/core/usecases/useCases.js';
import type { Verification } from '../../bot/core/usecases/verification.js';
import { EmbeddedDirectory, tenantInfoOf, termsOfUseOf } from '../../bot/adapters/embedded/embeddedDirectory.js';
import { GraphClient } from '../../bot/adapters/graph/graphClient.js';
import { GraphDirectory } from '../../bot/adapters/graph/graphDirectory.js';
import { privilegedCapabilities, type AccountCapability, type CapabilityMode, type PrivilegedCapability } from '../../bot/core/capabilities.js';
import type { AuthenticationMethod, Directory } from '../../bot/core/ports/directory.js';
import { startFakeGraph, type FakeGraph } from '../fakes/graphServer.js';
import { silentLogger, type Logger } from '../../bot/logger.js';
import { NlpRecognizer, type IntentRecognizer } from '../../bot/core/nlu/recognizer.js';
import { paths } from '../../bot/paths.js';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { readSeedFile, seedAgreements, type Seed } from '../../bot/adapters/embedded/tenantSeed.js';
import { codeIn, demoSeed, tempDir } from '../helpers.js';
import { unescapeMarkdown } from '../../cards/escapeMarkdown.js';
import { MemoryRecords } from '../fakes/memoryRecords.js';
import assert from 'node:assert/strict';

let recognizer: Promise<NlpRecognizer> | undefined;
export const sharedRecognizer = (): Promise<NlpRecognizer> => (recognizer ??= NlpRecognizer.load());

export interface Harness {
  /** The embedded tenant, or (with `graph`) the Graph adapter over the fake Graph. */
  readonly directory: Directory;
  /** With the `graph` option: the Graph-shaped fake the directory talks to. */
  readonly graph?: FakeGraph;
  /** The ports the bot acts on (tickets, audit...) and the verification records. */
  readonly services: EmbeddedPorts<Directory> & { readonly verification: Verification };
  readonly useCases: UseCases;
  readonly notifier: RecordOutbox;
  readonly audit: RecordAuditLog;
  readonly dataDir: string;
  /** The conversation and user state of every conversation of this harness. */
  readonly storage: MemoryStorage;
  /** The clock the bot reads; tests move it forward. */
  readonly clock: Clock & { advance(ms: number): void };
  /** A new conversation as the given directory user (undefined: nobody signed in), on Teams. */
  conversation(userId: string | undefined, locale?: string, channel?: 'msteams' | 'directline', client?: ClientOptions): TestAdapter;
  /** The same, driven turn by turn. */
  chat(userId: string | undefined, locale?: string, channel?: 'msteams' | 'directline', client?: ClientOptions): Chat;
  /** A Teams group chat (or a channel of a team) with these members, driven turn by turn. */
  groupChat(members: readonly GroupMember[], kind?: 'groupChat' | 'channel'): GroupChat;
  /** Every conversation the bot opened (POST /v3/conversations on Teams), oldest first. */
  readonly opened: readonly OpenedConversation[];
  /** The personal chat the bot opened with this Teams user (`29:…`), if it did. */
  openedChat(teamsUserId: string): Chat | undefined;
  /** Whether this is the user's password now: asked of the embedded tenant, or read from the fake Graph (a real directory never says). */
  hasPassword(userId: string, password: string): Promise<boolean>;
  /** How the bot speaks to this user on a client with this locale: language, region and the user's time zone. */
  translatorFor(userId: string | undefined, locale: string): Promise<Translator>;
  close(): Promise<void>;
}

/** What the client sends with every activity, as Teams and Web Chat do. */
export interface ClientOptions {
  /** The IANA time zone of the client (`localTimezone`). */
  readonly timeZone?: string;
  /** On Teams: the user's Teams id (`from.id`, `29:…`); by default one per conversation. */
  readonly teamsUserId?: string;
}

/** The Teams tenant of the harness's conversations (`channelData.tenant.id`). */
export const teamsTenantId = '72f988bf-0000-4000-8000-00000000c0de';
/** The bot as Teams names it (`recipient`, and the id its @mentions carry). */
export const teamsBot = { id: '28:account-assistant', name: 'Account assistant' } as const;

/** A person in a group chat: their Teams id, their directory id (`aadObjectId`), their client's locale. */
export interface GroupMember {
  readonly teamsUserId: string;
  readonly userId: string | undefined;
  readonly name: string;
  readonly locale: string;
}

/** A conversation the bot opened, as the channel received the request. */
export interface OpenedConversation {
  readonly serviceUrl: string;
  readonly parameters: ConversationParameters;
  readonly conversationId: string;
}

export interface HarnessOptions {
  /** Changes to the demo seed for this harness (another policy, fewer methods...). */
  readonly seed?: (seed: Seed) => void;
  /** Microsoft Graph instead of the embedded tenant: a fake Graph from the same seed, the users' own tokens, and these privileged capabilities. */
  readonly graph?: { readonly privileged: readonly PrivilegedCapability[] };
  /** Where the bot logs (silent by default). */
  readonly logger?: Logger;
  /** The recognizer the bot reads with, made from the shared one (a spy around it). */
  readonly recognizer?: (shared: IntentRecognizer) => IntentRecognizer;
}

/**
 * Which directory the conversation suite runs against. `npm test` runs it twice: as it is (the
 * embedded tenant), then with TEST_DIRECTORY=graph through the Graph adapter over the Graph-shaped fake,
 * every privileged capability opted in, so each goal takes its real Graph path where Graph has one.
 */
export const suiteDirectory: 'embedded' | 'graph' = process.env.TEST_DIRECTORY?.trim().toLowerCase() === 'graph' ? 'graph' : 'embedded';

/**
 * Passes the check a goal asks for: answers the step-up card with one of the user's methods (by id,
 * or the first of a kind) and types the code that arrived there. What the bot answered the code.
 */
export async function passCheck(harness: Harness, chat: Chat, userId: string, method: string | { readonly kind: AuthenticationMethod['kind'] }): ReturnType<Chat['say']> {
  const methodId = typeof method === 'string' ? method : (await harness.directory.listAuthenticationMethods(userId)).find((m) => m.kind === method.kind)?.id ?? '';
  await chat.submit('choose', {}, { methodId });
  return chat.say(codeIn((await harness.notifier.messagesFor(userId)).at(-1)?.text ?? ''));
}

export async function createHarness(options: HarnessOptions = {}): Promise<Harness> {
  const graphOption = options.graph ?? (suiteDirectory === 'graph' ? { privileged: privilegedCapabilities } : undefined);
  const data = await tempDir();
  // The one record store of DATA_DIR, as the app has: the directory's records and the other ports'.
  const records = data.records();
  let seedFile = paths.demoTenant;
  if (options.seed) {
    const seed = await demoSeed();
    options.seed(seed);
    seedFile = path.join(data.dir, 'seed.json');
    await writeFile(seedFile, JSON.stringify(seed));
  }
  const seed = graphOption ? await readSeedFile(seedFile) : undefined;
  const graph = seed ? await startFakeGraph(seed.seed) : undefined;
  const directory: Directory = graph && seed && graphOption
    ? new GraphDirectory({
      graph: new GraphClient({ baseUrl: graph.url, logger: silentLogger, timeoutMs: 5000 }),
      userTokens: { tokenFor: (userId) => Promise.resolve(graph.users.has(userId) ? graph.userToken(userId) : undefined) },
      appTokens: { token: () => Promise.resolve(graph.appToken(['User.Read.All', 'Organization.Read.All', 'User.ReadWrite.All', 'UserAuthenticationMethod.ReadWrite.All', 'Device.ReadWrite.All', 'AuditLog.Read.All'])) },
      privileged: new Set(graphOption.privileged),
      settings: tenantInfoOf(seed.seed.tenant),
      termsOfUse: seedAgreements(seed.seed).map(termsOfUseOf),
    })
    : await EmbeddedDirectory.open({ dataDir: data.dir, seedFile, logger: silentLogger, store: records });
  const storage = new MemoryStorage();
  const nonceRecords = new MemoryRecords();
  const shared = await sharedRecognizer();
  const recognizerInstance = options.recognizer?.(shared) ?? shared;
  let offset = 0;
  let conversations = 0;
  const opened: OpenedConversation[] = [];
  const openedChats = new Map<string, Chat>();
  const memberLocales = new Map<string, string>();
  const clock = { now: () => new Date(Date.now() + offset), advance: (ms: number) => { offset += ms; } };
  // Proactive messages reach the TestAdapter of the conversation they are for.
  const adapters = new Map<string, TestAdapter>();
  const continueIn: ContinueConversation = async (reference, logic) => {
    const adapter = adapters.get(reference.conversation?.id ?? '');
    if (!adapter) throw new Error(`No conversation ${reference.conversation?.id}`);
    const activity = TurnContext.applyConversationReference({ type: 'event', name: 'continueConversation' }, reference, true);
    await logic(new TurnContext(adapter, activity));
  };
  // The bot opens a personal chat as Teams does: one conversation per user, found again the next time.
  const createIn: CreateConversation = async (serviceUrl, parameters, logic) => {
    const member = parameters.members?.[0];
    if (!member) throw new Error('A conversation needs a member');
    let chat = openedChats.get(member.id);
    if (!chat) {
      chat = harness.chat(member.aadObjectId, memberLocales.get(member.id), 'msteams', { teamsUserId: member.id });
      openedChats.set(member.id, chat);
    }
    const conversationId = chat.conversationId;
    opened.push({ serviceUrl, parameters, conversationId });
    const activity: Partial<Activity> = {
      type: 'event', name: 'CreateConversation', channelId: 'msteams', serviceUrl, id: conversationId,
      conversation: { id: conversationId, isGroup: parameters.isGroup, tenantId: parameters.tenantId } as ConversationAccount,
      channelData: parameters.channelData as unknown, recipient: parameters.bot,
    };
    await logic(new TurnContext(chat.adapter, activity));
  };
  const ports = await embeddedPorts(data.dir, directory, clock, { continueIn, logger: silentLogger }, records);
  const useCases = createUseCases(ports);
  const services = { ...ports, verification: useCases.verification };
  const harness: Harness = {
    directory,
    services,
    useCases,
    notifier: services.notifier,
    audit: services.audit,
    dataDir: data.dir,
    storage,
    clock,
    conversation(userId, locale = 'en-US', channel = 'msteams', client = {}) {
      // On the web chat, the user is the one this server bound to the conversation at sign-in.
      const sessions = { userForConversation: () => Promise.resolve({ userId }) };
      conversations += 1;
      const conversationId = `conversation-${conversations}`;
      const { bot } = composeBot({ useCases, directory, references: ports.references, recognizer: recognizerInstance, storage, records: nonceRecords, sessions, reach: { continueIn, createIn }, logger: options.logger });
      const adapter = new TestAdapter((context) => bot.run(context), {
        channelId: channel,
        locale,
        from: channel === 'msteams' ? { id: client.teamsUserId ?? `teams-user-${conversations}`, name: 'Teams user', aadObjectId: userId } : { id: userId ?? 'anonymous', name: 'Web user' },
        conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
      });
      // As on the bot's CloudAdapter: every message goes out as plain text.
      adapter.use(new PlainTextReplies());
      const timeZone = client.timeZone;
      if (timeZone) {
        adapter.use(async (context, next) => {
          context.activity.localTimezone = timeZone;
          await next();
        });
      }
      adapters.set(conversationId, adapter);
      return adapter;
    },
    chat(userId, locale, channel, client) {
      return new Chat(harness.conversation(userId, locale, channel, client));
    },
    groupChat(members, kind = 'groupChat') {
      conversations += 1;
      const conversationId = `19:${kind}-${conversations}@thread.v2`;
      const conversation = { id: conversationId, isGroup: true, conversationType: kind, name: '', tenantId: teamsTenantId };
      const channelData = kind === 'channel'
        ? { tenant: { id: teamsTenantId }, team: { id: `19:team-${conversations}@thread.tacv2` }, channel: { id: conversationId } }
        : { tenant: { id: teamsTenantId } };
      const { bot } = composeBot({ useCases, directory, references: ports.references, recognizer: recognizerInstance, storage, records: nonceRecords, reach: { continueIn, createIn }, logger: options.logger });
      // No `from` in the template (it would win over each member's own): each activity names its sender.
      const adapter = new TestAdapter((context) => bot.run(context), { channelId: 'msteams', recipient: { ...teamsBot }, conversation, channelData });
      adapter.use(new PlainTextReplies());
      adapters.set(conversationId, adapter);
      for (const member of members) memberLocales.set(member.teamsUserId, member.locale);
      return new GroupChat(adapter, members);
    },
    opened,
    hasPassword: (userId, password) => (graph ? Promise.resolve(graph.users.get(userId)?.password === password) : directory.verifyPassword(userId, password)),
    openedChat: (teamsUserId) => openedChats.get(teamsUserId),
    async translatorFor(userId, locale) {
      const user = userId ? await directory.findUserById(userId) : undefined;
      const language = toLocale(locale) ?? 'en';
      return translator(language, { region: regionalTag(language, locale, user?.preferredLanguage), timeZone: timeZoneOf(user, await directory.tenant()) });
    },
    graph,
    async close() {
      await graph?.stop();
      await data.remove();
    },
  };
  return harness;
}

/** How this harness's directory carries out a goal: embedded, delegated, application, or portal (Microsoft's page). */
export function modeOf(harness: Harness, capability: AccountCapability): CapabilityMode {
  const plan = harness.directory.capabilities().find((p) => p.capability === capability);
  if (!plan) throw new Error(`No plan for ${capability}`);
  return plan.mode;
}

/**
 * What a goal left to Microsoft's page does instead of its flow (Graph mode, see core/capabilities.ts):
 * the page's link, said as such, the helpdesk offered to a signed-in user, and nothing changed in
 * the directory.
 */
export async function assertSentToPortal(harness: Harness, t: Translator, capability: AccountCapability, ask: () => Promise<Partial<Activity>[]>, signedIn = true): Promise<void> {
  const plan = harness.directory.capabilities().find((p) => p.capability === capability);
  assert.equal(plan?.mode, 'portal', `${capability} is left to Microsoft's page`);
  const before = harness.graph?.requests.length ?? 0;
  const replies = await ask();
  const text = replies.map(textOf).join('\n');
  // BOT: I can't do "Leave an organization" for you here, but … https://myaccount.microsoft.com/organizations
  assert.ok(text.includes(t.t('portal.heading', { goal: t.t(`goal.${capability}.title`), url: plan.portal })), text);
  assert.ok(text.includes(t.t('portal.explain')), text);
  if (signedIn) assert.ok(replies.some((r) => JSON.stringify(cardOf(r) ?? {}).includes('"ticket"')), 'the helpdesk is offered');
  const changes = (harness.graph?.requests ?? []).slice(before).filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`);
  assert.deepEqual(changes, [], 'nothing was changed in the directory');
}

/** The Adaptive Card content of a reply, or undefined. */
export function cardOf(activity: Partial<Activity>): Record<string, unknown> | undefined {
  return activity.attachments?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')?.content as Record<string, unknown> | undefined;
}

/** Every text of a card (TextBlocks, fact titles and values, action titles) as a reader sees it, flattened. */
export function cardTexts(card: unknown): string[] {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      for (const key of ['text', 'title', 'value']) if (typeof o[key] === 'string') out.push(unescapeMarkdown(o[key]));
      for (const value of Object.values(o)) if (typeof value === 'object') walk(value);
    }
  };
  walk(card);
  return out;
}

/** One conversation driven turn by turn: what the user says or clicks, and what the bot answered. */
export class Chat {
  /** Every card the bot replaced, by activity id (a card's inputs are cleared once it is answered). */
  readonly updated: Partial<Activity>[] = [];
  /** Every event activity the bot sent (hand-off signals). */
  readonly events: Partial<Activity>[] = [];
  /** Every activity the bot sent in this conversation, in order. */
  readonly transcript: Partial<Activity>[] = [];
  private lastCard: Record<string, unknown> | undefined;

  /** The id of this conversation (what the bot's conversation state and references are keyed by). */
  get conversationId(): string {
    return this.adapter.template.conversation?.id ?? '';
  }

  constructor(readonly adapter: TestAdapter) {
    const original = adapter.updateActivity.bind(adapter);
    adapter.updateActivity = async (context, activity) => {
      this.updated.push(activity);
      return original(context, activity);
    };
  }

  private async turn(activity: Partial<Activity>): Promise<Partial<Activity>[]> {
    await this.adapter.processActivity(activity);
    const sent = this.adapter.activeQueue.splice(0);
    this.events.push(...sent.filter((a) => a.type === 'event'));
    const replies = sent.filter((a) => a.type === 'message');
    this.transcript.push(activity, ...replies);
    for (const reply of replies) {
      const card = cardOf(reply);
      if (card) this.lastCard = card;
    }
    return replies;
  }

  /** What the bot sent here outside this conversation's turns (proactive messages), since last asked. */
  inbox(): Partial<Activity>[] {
    const sent = this.adapter.activeQueue.splice(0).filter((a) => a.type === 'message');
    this.transcript.push(...sent);
    for (const reply of sent) this.lastCard = cardOf(reply) ?? this.lastCard;
    return sent;
  }

  say(text: string): Promise<Partial<Activity>[]> {
    return this.turn({ type: 'message', text });
  }

  /** The card most recently sent. */
  card(): Record<string, unknown> {
    if (!this.lastCard) throw new Error('No card was sent');
    return this.lastCard;
  }

  /** The data of the last card's button that means `action` (for a row button, the one with those values). */
  buttonData(action: string, values: Record<string, string> = {}): Record<string, unknown> {
    const found = submitActions(this.card()).find((d) => d.action === action && Object.entries(values).every(([k, v]) => d[k] === v));
    if (!found) throw new Error(`No button ${action} on the last card: ${JSON.stringify(submitActions(this.card()))}`);
    return found;
  }

  /**
   * Clicks a button of the last card, with the inputs filled in as a channel merges them: a button
   * that sends the card's inputs sends what they show (a preselected choice, a toggle's state),
   * with what the test typed or changed on top.
   */
  submit(action: string, inputs: Record<string, string> = {}, values: Record<string, string> = {}): Promise<Partial<Activity>[]> {
    const data = this.buttonData(action, values);
    const sendsInputs = submitActionsWithInputs(this.card()).some((a) => a.data === data && a.sendsInputs);
    return this.turn({ type: 'message', value: { ...(sendsInputs ? presetInputs(this.card()) : {}), ...data, ...inputs } });
  }

  /** Sends a raw card value (for forged, replayed and stale submissions). */
  send(value: unknown): Promise<Partial<Activity>[]> {
    return this.turn({ type: 'message', value });
  }

  /**
   * Presses a button of the last card as Teams does with an Action.Execute: an `adaptiveCard/action`
   * invoke with the button's verb and data (and the inputs), answered by the bot's invoke response.
   */
  execute(action: string, inputs: Record<string, string> = {}, values: Record<string, string> = {}): Promise<InvokeTurn> {
    const data = this.buttonData(action, values);
    const sendsInputs = submitActionsWithInputs(this.card()).some((a) => a.data === data && a.sendsInputs);
    return this.invoke(String(data.verb), { ...(sendsInputs ? presetInputs(this.card()) : {}), ...data, ...inputs });
  }

  /** An `adaptiveCard/action` invoke with this verb and data (for refreshes, replays and forgeries). */
  async invoke(verb: string, data: unknown, trigger: 'manual' | 'automatic' = 'manual'): Promise<InvokeTurn> {
    const activity: Partial<Activity> = { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb, data }, trigger } };
    await this.adapter.processActivity(activity);
    const sent = this.adapter.activeQueue.splice(0);
    const response = sent.find((a) => a.type === 'invokeResponse')?.value as InvokeTurn['response'] | undefined;
    if (!response) throw new Error('The invoke got no invoke response');
    const replies = sent.filter((a) => a.type === 'message');
    this.transcript.push(activity, ...replies);
    for (const reply of replies) this.lastCard = cardOf(reply) ?? this.lastCard;
    return { response, replies };
  }

  /**
   * Teams' word that the user signed in on the sign-in card's page: a signin/verifyState invoke with
   * the code the page gave (the token service then hands the bot the token); the replies that followed
   * (status 0: nothing was waiting for a sign-in, so the bot did not answer it).
   */
  async verifySignIn(state: string): Promise<InvokeTurn> {
    const activity: Partial<Activity> = { type: 'invoke', name: 'signin/verifyState', value: { state } };
    await this.adapter.processActivity(activity);
    const sent = this.adapter.activeQueue.splice(0);
    const response = (sent.find((a) => a.type === 'invokeResponse')?.value as InvokeTurn['response'] | undefined) ?? { status: 0 };
    const replies = sent.filter((a) => a.type === 'message');
    this.transcript.push(activity, ...replies);
    for (const reply of replies) this.lastCard = cardOf(reply) ?? this.lastCard;
    return { response, replies };
  }
}

/** What an Action.Execute got: the invoke response (HTTP status and body) and the replies that followed in the chat. */
export interface InvokeTurn {
  readonly response: { readonly status: number; readonly body?: { readonly statusCode: number; readonly type: string; readonly value: unknown } };
  readonly replies: Partial<Activity>[];
}

/** A button that sends data: Action.Submit (Web Chat), or Action.Execute with the same data (Teams). */
const isButton = (o: Record<string, unknown>): boolean => o.type === 'Action.Submit' || o.type === 'Action.Execute';

/** The data of every button (Action.Submit or Action.Execute) in a card. */
export function submitActions(card: unknown): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (isButton(o) && o.data && typeof o.data === 'object') out.push(o.data as Record<string, unknown>);
      for (const value of Object.values(o)) if (typeof value === 'object') walk(value);
    }
  };
  walk(card);
  return out;
}

/** The text of a reply: its message text, or every text of its card. */
export const textOf = (reply: Partial<Activity> | undefined): string => [reply?.text ?? '', ...cardTexts(cardOf(reply ?? {}))].join('\n');

/** Every Action.Submit of a card with its data and whether it sends the card's inputs. */
function submitActionsWithInputs(card: unknown): { data: Record<string, unknown>; sendsInputs: boolean }[] {
  const out: { data: Record<string, unknown>; sendsInputs: boolean }[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (isButton(o) && o.data && typeof o.data === 'object') out.push({ data: o.data as Record<string, unknown>, sendsInputs: o.associatedInputs !== 'none' });
      for (const value of Object.values(o)) if (typeof value === 'object') walk(value);
    }
  };
  walk(card);
  return out;
}

/** The values a card's inputs show before anyone touches them (preselected choices, toggles), by input id. */
export function presetInputs(card: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (typeof o.type === 'string' && o.type.startsWith('Input.') && typeof o.id === 'string' && typeof o.value === 'string' && o.value !== '') out[o.id] = o.value;
      for (const value of Object.values(o)) if (typeof value === 'object') walk(value);
    }
  };
  walk(card);
  return out;
}

/** A Teams group chat or channel: several members, each message from one of them. */
export class GroupChat {
  /** Every activity the bot sent in this conversation, in order. */
  readonly transcript: Partial<Activity>[] = [];

  constructor(readonly adapter: TestAdapter, private readonly members: readonly GroupMember[]) {}

  get conversationId(): string {
    return this.adapter.template.conversation?.id ?? '';
  }

  private member(teamsUserId: string): GroupMember {
    const member = this.members.find((m) => m.teamsUserId === teamsUserId);
    if (!member) throw new Error(`${teamsUserId} is not in this chat`);
    return member;
  }

  /** One activity from a member (Teams fills in `from` with the Teams id and `aadObjectId`); the bot's replies. */
  async from(teamsUserId: string, fields: Partial<Activity>): Promise<Partial<Activity>[]> {
    const member = this.member(teamsUserId);
    await this.adapter.processActivity({
      type: 'message', locale: member.locale, from: { id: member.teamsUserId, name: member.name, ...(member.userId ? { aadObjectId: member.userId } : {}) }, ...fields,
    });
    const sent = this.adapter.activeQueue.splice(0);
    this.transcript.push(...sent);
    return sent.filter((a) => a.type === 'message');
  }

  /** A message that @mentions the bot, as Teams sends it: `<at>` markup in the text and a mention entity. */
  mention(teamsUserId: string, text: string): Promise<Partial<Activity>[]> {
    const at = `<at>${teamsBot.name}</at>`;
    return this.from(teamsUserId, { text: `${at} ${text}`, entities: [{ type: 'mention', text: at, mentioned: { ...teamsBot } }] });
  }

  /** A message to the others, the bot not mentioned. */
  say(teamsUserId: string, text: string): Promise<Partial<Activity>[]> {
    return this.from(teamsUserId, { text });
  }

  /** A click on a button of one of the bot's cards in this chat. */
  click(teamsUserId: string, value: Record<string, unknown>): Promise<Partial<Activity>[]> {
    return this.from(teamsUserId, { value });
  }
}

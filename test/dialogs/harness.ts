// Runs the real bot (root dialog, recognizer, embedded directory) on botbuilder's TestAdapter,
// as a user on the msteams channel, so conversation tests read like transcripts.
import { regionalTag, toLocale, translator, type Translator } from '../../bot/core/i18n/i18n.js';
import { timeZoneOf } from '../../bot/core/i18n/timeZones.js';
import { MemoryStorage, TestAdapter, TurnContext, type Activity } from 'botbuilder';
import type { ContinueConversation } from '../../bot/channel/proactiveMessenger.js';
import { embeddedPorts, type EmbeddedPorts } from '../../bot/app.js';
import { composeBot } from '../../bot/channel/composeBot.js';
import type { RecordAuditLog } from '../../bot/adapters/records/recordAuditLog.js';
import type { OutboxNotifier } from '../../bot/adapters/embedded/outboxNotifier.js';
import type { Clock } from '../../bot/core/ports/clock.js';
import { createUseCases, type UseCases } from '../../bot/core/usecases/useCases.js';
import type { Verification } from '../../bot/core/usecases/verification.js';
import { EmbeddedDirectory, tenantInfoOf, termsOfUseOf } from '../../bot/adapters/embedded/embeddedDirectory.js';
import { GraphClient } from '../../bot/adapters/graph/graphClient.js';
import { GraphDirectory } from '../../bot/adapters/graph/graphDirectory.js';
import type { PrivilegedCapability } from '../../bot/core/capabilities.js';
import type { Directory } from '../../bot/core/ports/directory.js';
import { startFakeGraph, type FakeGraph } from '../fakes/graphServer.js';
import { silentLogger } from '../../bot/logger.js';
import { NlpRecognizer } from '../../bot/core/nlu/recognizer.js';
import { paths } from '../../bot/paths.js';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { readSeedFile, seedAgreements, type Seed } from '../../bot/adapters/embedded/tenantSeed.js';
import { demoSeed, tempDir } from '../helpers.js';
import { unescapeMarkdown } from '../../cards/escapeMarkdown.js';
import { MemoryRecords } from '../fakes/memoryRecords.js';

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
  readonly notifier: OutboxNotifier;
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
  /** How the bot speaks to this user on a client with this locale: language, region and the user's time zone. */
  translatorFor(userId: string | undefined, locale: string): Promise<Translator>;
  close(): Promise<void>;
}

/** What the client sends with every activity, as Teams and Web Chat do. */
export interface ClientOptions {
  /** The IANA time zone of the client (`localTimezone`). */
  readonly timeZone?: string;
}

export interface HarnessOptions {
  /** Changes to the demo seed for this harness (another policy, fewer methods...). */
  readonly seed?: (seed: Seed) => void;
  /** Microsoft Graph instead of the embedded tenant: a fake Graph from the same seed, the users' own tokens, and these privileged capabilities. */
  readonly graph?: { readonly privileged: readonly PrivilegedCapability[] };
}

export async function createHarness(options: HarnessOptions = {}): Promise<Harness> {
  const data = await tempDir();
  let seedFile = paths.demoTenant;
  if (options.seed) {
    const seed = await demoSeed();
    options.seed(seed);
    seedFile = path.join(data.dir, 'seed.json');
    await writeFile(seedFile, JSON.stringify(seed));
  }
  const seed = options.graph ? await readSeedFile(seedFile) : undefined;
  const graph = seed ? await startFakeGraph(seed.seed) : undefined;
  const directory: Directory = graph && seed && options.graph
    ? new GraphDirectory({
      graph: new GraphClient({ baseUrl: graph.url, logger: silentLogger, timeoutMs: 5000 }),
      userTokens: { tokenFor: (userId) => Promise.resolve(graph.users.has(userId) ? graph.userToken(userId) : undefined) },
      appTokens: { token: () => Promise.resolve(graph.appToken(['User.Read.All', 'Organization.Read.All', 'User.ReadWrite.All', 'UserAuthenticationMethod.ReadWrite.All', 'Device.ReadWrite.All', 'AuditLog.Read.All'])) },
      privileged: new Set(options.graph.privileged),
      settings: tenantInfoOf(seed.seed.tenant),
      termsOfUse: seedAgreements(seed.seed).map(termsOfUseOf),
    })
    : await EmbeddedDirectory.open({ dataDir: data.dir, seedFile, logger: silentLogger });
  const storage = new MemoryStorage();
  const nonceRecords = new MemoryRecords();
  const recognizerInstance = await sharedRecognizer();
  let offset = 0;
  let conversations = 0;
  const clock = { now: () => new Date(Date.now() + offset), advance: (ms: number) => { offset += ms; } };
  // Proactive messages reach the TestAdapter of the conversation they are for.
  const adapters = new Map<string, TestAdapter>();
  const continueIn: ContinueConversation = async (reference, logic) => {
    const adapter = adapters.get(reference.conversation?.id ?? '');
    if (!adapter) throw new Error(`No conversation ${reference.conversation?.id}`);
    const activity = TurnContext.applyConversationReference({ type: 'event', name: 'continueConversation' }, reference, true);
    await logic(new TurnContext(adapter, activity));
  };
  const ports = await embeddedPorts(data.dir, directory, clock, { continueIn, logger: silentLogger });
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
      const sessions = { userForConversation: () => ({ userId }) };
      conversations += 1;
      const conversationId = `conversation-${conversations}`;
      const { bot } = composeBot({ useCases, directory, references: ports.references, recognizer: recognizerInstance, storage, records: nonceRecords, sessions });
      const adapter = new TestAdapter((context) => bot.run(context), {
        channelId: channel,
        locale,
        from: channel === 'msteams' ? { id: `teams-user-${conversations}`, name: 'Teams user', aadObjectId: userId } : { id: userId ?? 'anonymous', name: 'Web user' },
        conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
      });
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

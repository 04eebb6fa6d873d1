// One renderer for every card: a JSON template shared by all languages, expanded with data that
// already carries the localized strings. Each template's data has a type here, so a card cannot be
// rendered with the wrong fields. Parsed templates are cached.
// Every text a host renders as markdown is escaped here, once for all cards (see escapeMarkdown.ts):
// names, descriptions and comments are mixed into our sentences before they reach a card, so only
// the whole text can be made literal. Our own strings therefore carry no markdown either; emphasis
// is the template's (weight, colour). Button titles, input labels and what is spoken are plain text
// to every host and stay as they are.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { BoundedCache } from '../bot/core/boundedCache.js';
import { copyJson, freezeJson } from '../bot/core/json.js';
import { paths } from '../bot/paths.js';
import { cardVerbs } from './cardVerbs.js';
import { avatarInDataUri, avatarPath } from './avatar.js';
import { escapeMarkdown as md, unescapeMarkdown } from './escapeMarkdown.js';
import { visibleStrings } from '../bot/core/visibleText.js';

const require = createRequire(import.meta.url);
interface TemplateEngine { Template: new (payload: unknown) => { expand(context: { $root: unknown }): unknown } }
const templating = require('adaptivecards-templating') as TemplateEngine;

/** What a button sends back: string values only. */
export type ButtonPayload = Readonly<Record<string, string>>;

export interface TemplateData {
  readonly menu: {
    readonly title: string;
    readonly intro: string;
    /** A goal starts in the chat (`data`) or opens Microsoft's page for it (`url`). */
    readonly goals: readonly ({ readonly title: string; readonly description: string } & ({ readonly data: ButtonPayload } | { readonly url: string }))[];
    readonly footer: string;
  };
  readonly profile: {
    readonly heading: string;
    readonly name: string;
    readonly jobLine: string;
    readonly image: string;
    readonly imageAlt: string;
    readonly facts: readonly { readonly title: string; readonly value: string }[];
    readonly managedNotice: string;
    readonly reportTitle: string;
    readonly reportData: ButtonPayload;
    readonly menuTitle: string;
    readonly menuData: ButtonPayload;
  };
  readonly notice: {
    readonly heading: string;
    readonly lines: readonly { readonly text: string }[];
    readonly speak: string;
  };
  readonly form: {
    readonly heading: string;
    readonly speak: string;
    readonly lines: readonly { readonly text: string; readonly warning: boolean }[];
    readonly items: readonly { readonly title: string; readonly subtitle: string; readonly badge: string; readonly badgeColor: string; readonly actions: readonly TemplateAction[] }[];
    readonly facts: readonly { readonly title: string; readonly value: string }[];
    readonly inputs: readonly TemplateInput[];
    readonly actions: readonly TemplateAction[];
    readonly footer: string;
  };
}

export interface TemplateAction {
  readonly title: string;
  readonly style: 'default' | 'positive' | 'destructive';
  readonly data: ButtonPayload;
  readonly associatedInputs: 'auto' | 'none';
}

export type TemplateInput =
  | { readonly kind: 'text'; readonly id: string; readonly label: string; readonly style: string; readonly value: string; readonly placeholder: string; readonly required: boolean; readonly errorMessage: string; readonly maxLength: number }
  | { readonly kind: 'toggle'; readonly id: string; readonly label: string; readonly value: 'true' | 'false' }
  | {
      readonly kind: 'choice'; readonly id: string; readonly label: string; readonly value: string; readonly required: boolean; readonly errorMessage: string;
      readonly choices: readonly { readonly title: string; readonly value: string }[];
    };

export type CardName = keyof TemplateData;
export const cardNames: readonly CardName[] = ['menu', 'profile', 'notice', 'form'];

const adaptiveCardContentType = 'application/vnd.microsoft.card.adaptive';

export interface CardAttachment {
  readonly contentType: typeof adaptiveCardContentType;
  readonly content: Record<string, unknown>;
}

const cache = new Map<CardName, InstanceType<TemplateEngine['Template']>>();

function template(name: CardName): InstanceType<TemplateEngine['Template']> {
  let parsed = cache.get(name);
  if (!parsed) {
    const json = JSON.parse(readFileSync(path.join(paths.cardTemplates, `${name}.json`), 'utf8')) as unknown;
    parsed = new templating.Template(json);
    cache.set(name, parsed);
  }
  return parsed;
}

const facts = (list: readonly { readonly title: string; readonly value: string }[]): { title: string; value: string }[] =>
  list.map((f) => ({ title: md(f.title), value: md(f.value) }));

/** What each template is expanded with: the data, with every text a host renders as markdown made literal. */
const literal: { readonly [N in CardName]: (data: TemplateData[N]) => unknown } = {
  menu: (d) => ({
    title: md(d.title),
    intro: md(d.intro),
    speak: `${d.title}. ${d.intro}`,
    goals: d.goals.map((g) => ({ title: md(g.title), description: md(g.description), actionTitle: g.title, ...('url' in g ? { url: g.url, link: true } : { data: g.data, link: false }) })),
    footer: md(d.footer),
  }),
  profile: (d) => ({
    ...d,
    heading: md(d.heading),
    name: md(d.name),
    jobLine: md(d.jobLine),
    speak: `${d.heading}: ${d.name}, ${d.jobLine}`,
    facts: facts(d.facts),
    managedNotice: md(d.managedNotice),
  }),
  notice: (d) => ({ ...d, heading: md(d.heading), lines: d.lines.map((l) => ({ text: md(l.text) })) }),
  form: (d) => ({
    ...d,
    heading: md(d.heading),
    lines: d.lines.map((l) => ({ ...l, text: md(l.text) })),
    items: d.items.map((i) => ({ ...i, title: md(i.title), subtitle: md(i.subtitle), badge: md(i.badge) })),
    facts: facts(d.facts),
    // A toggle's title, a choice's title and an error message are TextBlocks to the host; an input's label is not.
    inputs: d.inputs.map((i) => {
      switch (i.kind) {
        case 'text': return { ...i, errorMessage: md(i.errorMessage) };
        case 'toggle': return { ...i, label: md(i.label) };
        case 'choice': return { ...i, errorMessage: md(i.errorMessage), choices: i.choices.map((c) => ({ ...c, title: md(c.title) })) };
      }
    }),
    footer: md(d.footer),
  }),
};

export function renderCard<N extends CardName>(name: N, data: TemplateData[N]): CardAttachment {
  // Control and direction-override characters in names are taken out of the card, never shown (see visibleText.ts).
  const content = visibleStrings(template(name).expand({ $root: literal[name](data) }) as Record<string, unknown>);
  return { contentType: adaptiveCardContentType, content };
}

// Cards shown again and again with the same data (the menu of a language, a person's profile) are
// rendered once and kept, frozen: every turn that shows one hands out the same card, and nothing
// downstream changes a card (forChannel makes Teams' form as a new one, kept beside it). A card
// with a one-time nonce is never kept: each of those is shown once.

/** Data longer than this as JSON (a profile with a photo) is rendered each time rather than kept under so long a key. */
const longestKeptData = 4096;
const keptCards = new BoundedCache<CardAttachment>(512);

/** The card `renderCard` makes of this data, frozen, rendered once for as long as it is kept. */
export function keptCard<N extends CardName>(name: N, data: TemplateData[N]): CardAttachment {
  const key = `${name}\n${JSON.stringify(data)}`;
  const render = (): CardAttachment => freezeJson(renderCard(name, data));
  return key.length > longestKeptData ? render() : keptCards.get(key, render);
}

// One card, two action models. Web Chat and the other channels get the card as rendered: buttons
// are Action.Submit, which post their data as a message. Teams gets Universal Actions: the same
// data in an Action.Execute whose verb is the data's own, answered by the bot with the card to show
// in place; the initials avatar as the bot's PNG (Teams does not render SVG); and, where others see
// the conversation too, a card whose one-time buttons only its person gets (`refresh.userIds`).

/** Who a card goes to: the channel decides the action model. */
export interface CardAudience {
  readonly channelId: string;
  /** Teams: the bot's public origin, where it serves the avatar PNGs ("https://assistant.contoso.example"). */
  readonly imageOrigin?: string;
  /**
   * Teams, in a group chat or a channel: the one person a card with one-time buttons is for (their
   * Teams user id) and the line that says so to everyone else, who see the card without its buttons.
   */
  readonly sharedFor?: { readonly userId: string; readonly note: string };
}

/** The verb of the refresh that turns the card everyone sees into the live one of its person. */
const refreshVerb = cardVerbs.refreshCard;

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Calls `visit` on every object in a card, depth first; stops at the first for which it returns true, and returns that one. */
function findNode(value: unknown, visit: (node: Json) => boolean): Json | undefined {
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = findNode(item, visit);
      if (found) return found;
    }
  } else if (isObject(value)) {
    if (visit(value)) return value;
    for (const child of Object.values(value)) {
      const found = findNode(child, visit);
      if (found) return found;
    }
  }
  return undefined;
}

/** The card as Teams takes it (a copy): Action.Execute for every button that carries a verb, PNG avatars. */
function executeCard(content: Json, audience: CardAudience): Json {
  const card = copyJson(content) as Json;
  findNode(card, (node) => {
    if (node.type === 'Action.Submit' && isObject(node.data) && typeof node.data.verb === 'string') {
      node.type = 'Action.Execute';
      node.verb = node.data.verb;
    }
    // Teams reads markdown in TextBlocks and facts only: the titles of choices and toggles and the
    // inputs' error messages are plain text there, and would show the escapes' backslashes.
    if (node.type === 'Input.ChoiceSet' && Array.isArray(node.choices)) {
      for (const choice of node.choices) if (isObject(choice) && typeof choice.title === 'string') choice.title = unescapeMarkdown(choice.title);
    }
    if (node.type === 'Input.Toggle' && typeof node.title === 'string') node.title = unescapeMarkdown(node.title);
    if (typeof node.type === 'string' && node.type.startsWith('Input.') && typeof node.errorMessage === 'string') node.errorMessage = unescapeMarkdown(node.errorMessage);
    if (node.type === 'Image' && typeof node.url === 'string' && audience.imageOrigin) {
      const avatar = avatarInDataUri(node.url);
      if (avatar) node.url = `${audience.imageOrigin}${avatarPath(avatar)}`;
    }
    return false;
  });
  return card;
}

/** The one-time nonce of a card's buttons, if it has any. */
function nonceOf(card: Json): string | undefined {
  const button = findNode(card, (node) => node.type === 'Action.Execute' && isObject(node.data) && typeof node.data.nonce === 'string');
  return button && isObject(button.data) ? (button.data.nonce as string) : undefined;
}

/** Drops inputs, button rows and tap actions; containers left empty go too. */
function withoutActions(elements: unknown): unknown[] {
  if (!Array.isArray(elements)) return [];
  const kept: unknown[] = [];
  for (const element of elements) {
    if (!isObject(element)) continue;
    const type = typeof element.type === 'string' ? element.type : '';
    if (type === 'ActionSet' || type.startsWith('Input.')) continue;
    const { selectAction: _tap, ...rest } = element;
    if (Array.isArray(rest.items)) {
      rest.items = withoutActions(rest.items);
      if ((rest.items as unknown[]).length === 0) continue;
    }
    if (Array.isArray(rest.columns)) rest.columns = (rest.columns as unknown[]).map((c) => (isObject(c) ? { ...c, items: withoutActions(c.items) } : c));
    kept.push(rest);
  }
  return kept;
}

function refresh(nonce: string, userId: string): Json {
  return { action: { type: 'Action.Execute', verb: refreshVerb, data: { verb: refreshVerb, nonce } }, userIds: [userId] };
}

/** Teams' form of the kept (frozen) cards, made once per card and image origin, frozen too. */
const keptTeamsForms = new WeakMap<Json, Map<string, Json>>();

function teamsForm(content: Json, audience: CardAudience): Json {
  if (!Object.isFrozen(content)) return executeCard(content, audience);
  let forms = keptTeamsForms.get(content);
  if (!forms) keptTeamsForms.set(content, (forms = new Map<string, Json>()));
  const origin = audience.imageOrigin ?? '';
  let form = forms.get(origin);
  if (!form) forms.set(origin, (form = freezeJson(executeCard(content, audience))));
  return form;
}

/** The card to post on the audience's channel. */
export function forChannel(card: CardAttachment, audience: CardAudience): CardAttachment {
  if (audience.channelId !== 'msteams') return card;
  const content = teamsForm(card.content, audience);
  const nonce = audience.sharedFor && nonceOf(content);
  if (!audience.sharedFor || !nonce) return { ...card, content };
  // Everyone sees what the card says and whom it is for; its person's client refreshes it to the live one.
  const { actions: _actions, ...rest } = content;
  const note = { type: 'TextBlock', text: md(audience.sharedFor.note), isSubtle: true, size: 'Small', wrap: true, separator: true };
  return { ...card, content: { ...rest, body: [...withoutActions(content.body), note], refresh: refresh(nonce, audience.sharedFor.userId) } };
}

/** Teams: the card with its buttons, as the refresh of its person's client gets it. */
export function liveView(card: CardAttachment, audience: CardAudience): CardAttachment {
  const content = executeCard(card.content, { ...audience, channelId: 'msteams' });
  const nonce = nonceOf(content);
  return { ...card, content: nonce && audience.sharedFor ? { ...content, refresh: refresh(nonce, audience.sharedFor.userId) } : content };
}

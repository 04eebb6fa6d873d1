// One renderer for every card: a JSON template shared by all languages, expanded with data that
// already carries the localized strings. Parsed templates are cached.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { paths } from '../bot/paths.js';

const require = createRequire(import.meta.url);
interface TemplateEngine { Template: new (payload: unknown) => { expand(context: { $root: unknown }): unknown } }
const templating = require('adaptivecards-templating') as TemplateEngine;

export const cardNames = ['menu', 'profile', 'notice', 'form'] as const;
export type CardName = (typeof cardNames)[number];

export const adaptiveCardContentType = 'application/vnd.microsoft.card.adaptive';

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

export function renderCard(name: CardName, data: object): CardAttachment {
  const content = template(name).expand({ $root: data }) as Record<string, unknown>;
  return { contentType: adaptiveCardContentType, content };
}

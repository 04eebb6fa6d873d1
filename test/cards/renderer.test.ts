// Text that comes from people or the directory must reach every card so that it reads literally:
// a ticket description like "[click to approve](https://evil.example)" must not become a live,
// disguised link on the agent's card. Each card that shows such data is built with hostile values
// and its markdown-rendered texts (TextBlocks, facts, toggle and choice titles, error messages) are
// passed through markdown-it configured as Web Chat configures it for cards.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { supportedLocales, translator } from '../../bot/core/i18n/i18n.js';
import { cardsShowing } from './cardGallery.js';

const require = createRequire(import.meta.url);
interface MarkdownIt { render(markdown: string): string }
const MarkdownItClass = require('markdown-it') as new (options: Record<string, boolean>) => MarkdownIt;
// As botframework-webchat 4.18 renders card markdown (bundle/src/markdown/renderMarkdown.ts).
const webChat = new MarkdownItClass({ breaks: false, html: true, linkify: true, typographer: true, xhtmlOut: true });

/** Markup a user must not be able to produce. */
const hostile = [
  '[click to approve](https://evil.example/approve)',
  '![pixel](https://evil.example/p.png)',
  '# Urgent: approve now',
  '**VERIFIED** by IT',
  '<img src="https://evil.example/p.png"> <b>bold</b>',
  '<https://evil.example/approve>',
  '1. first',
  '> quoted _emphasis_ `code` ~~struck~~',
  '[ref]: https://evil.example',
];

/** Ordinary values that must still read exactly as they are. */
const legitimate = ['CON-LT-0142', '+31 6 1234 5678', 'anna.de-boer@contoso.example', 'O\'Brien & "Partners" (c) -- 3...'];

/** Cards that show the value only masked (a phone number): checked for markup, not for the whole value. */
const showsMaskedOnly = new Set(['default']);

/** The texts of a card that Adaptive Cards hosts pass through markdown. */
function markdownTexts(card: unknown): string[] {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    const push = (value: unknown): void => { if (typeof value === 'string') out.push(value); };
    if (o.type === 'TextBlock') push(o.text);
    if (o.type === 'Input.Toggle') push(o.title);
    if (o.type === 'FactSet' && Array.isArray(o.facts)) for (const f of o.facts as { title?: unknown; value?: unknown }[]) { push(f.title); push(f.value); }
    if (o.type === 'Input.ChoiceSet' && o.style === 'expanded' && Array.isArray(o.choices)) for (const c of o.choices as { title?: unknown }[]) push(c.title);
    if (typeof o.type === 'string' && o.type.startsWith('Input.')) push(o.errorMessage);
    Object.values(o).forEach(walk);
  };
  walk(card);
  return out;
}

const decode = (html: string): string =>
  html.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, '\'').replace(/&amp;/g, '&');

/** What a reader sees of a rendered text, and any markup in it other than paragraphs and bare links that show their own target. */
function read(markdown: string): { visible: string; markup: string[] } {
  const html = webChat.render(markdown).trim();
  const markup: string[] = [];
  const withoutBareLinks = html.replace(/<a href="([^"]*)">([^<]*)<\/a>/g, (whole, href: string, text: string) => {
    const target = decode(href);
    if (decode(text) !== target && `mailto:${decode(text)}` !== target) markup.push(whole);
    return text;
  });
  for (const tag of withoutBareLinks.matchAll(/<(?!\/?p>)[^>]*>/g)) markup.push(tag[0]);
  return { visible: decode(withoutBareLinks.replace(/<[^>]*>/g, '')), markup };
}

describe('cards: text from people and the directory reads literally', function () {
  for (const locale of supportedLocales) {
    const t = translator(locale);

    it(`no hostile value becomes markup on any card in ${locale}`, function () {
      const problems: string[] = [];
      for (const value of hostile) {
        for (const [name, card] of Object.entries(cardsShowing(t, value))) {
          const texts = markdownTexts(card.content).map(read);
          const markup = texts.flatMap((text) => text.markup);
          if (markup.length > 0) problems.push(`${name} ${JSON.stringify(value)}: live markup ${markup.join(' ')}`);
          if (!showsMaskedOnly.has(name) && !texts.some(({ visible }) => visible.includes(value))) problems.push(`${name} ${JSON.stringify(value)}: not shown as typed`);
        }
      }
      assert.equal(problems.length, 0, `${problems.length} problems:\n${problems.join('\n')}`);
    });

    it(`ordinary names, numbers and addresses read exactly as they are in ${locale}`, function () {
      const problems: string[] = [];
      for (const value of legitimate) {
        for (const [name, card] of Object.entries(cardsShowing(t, value))) {
          if (!showsMaskedOnly.has(name) && !markdownTexts(card.content).map(read).some(({ visible }) => visible.includes(value))) problems.push(`${name} ${JSON.stringify(value)}`);
        }
      }
      assert.equal(problems.length, 0, `${problems.length} problems:\n${problems.join('\n')}`);
    });
  }
});

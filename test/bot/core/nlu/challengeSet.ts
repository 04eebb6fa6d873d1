// The challenge set (test/bot/core/nlu/challenge/*.json): phrasings written apart from the corpus and
// the dev set, never trained on, labelled by kind. Scored through the same front door the bot uses
// for a typed message when no card waits (bot/channel/turnPreparation.ts): small talk first, then a
// language-switch request, then the recognizer. A greeting or "this bot is useless" answered as
// small talk starts no goal, which is what its label `None` asks; a request that the small-talk
// reader swallows ("nej, skit samma") starts none either and counts as wrong unless labelled None.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { supportedLocales, type Locale } from '../../../../bot/core/i18n/i18n.js';
import { languageSwitchRequest } from '../../../../bot/core/nlu/languageSwitch.js';
import { normalizeUtterance } from '../../../../bot/core/nlu/normalize.js';
import type { IntentRecognizer } from '../../../../bot/core/nlu/recognizer.js';
import { readSmallTalk } from '../../../../bot/core/nlu/smallTalk.js';
import { paths } from '../../../../bot/paths.js';

export const challengeKinds = ['plain', 'typo', 'slang', 'long', 'indirect', 'code-switched', 'near-domain trap', 'small talk'] as const;
export type ChallengeKind = (typeof challengeKinds)[number];

export interface ChallengeItem {
  readonly text: string;
  readonly intent: string;
  readonly kind: ChallengeKind;
}

export const challengeDir = path.join(paths.root, 'test', 'bot', 'core', 'nlu', 'challenge');

/**
 * `blind`: the smaller set written after the recognizer work, scored once before anything else was
 * changed; `blind2`: a fresh one written later, apart from everything, scored once (see the README).
 */
export type ChallengeSet = 'main' | 'blind' | 'blind2';

export async function readChallenge(locale: Locale, set: ChallengeSet = 'main'): Promise<readonly ChallengeItem[]> {
  const file = JSON.parse(await readFile(path.join(challengeDir, set === 'main' ? '' : set, `${locale}.json`), 'utf8')) as { items: ChallengeItem[] };
  return file.items;
}

/** What the bot starts for a typed message with no card waiting: an intent, or None. */
export async function frontDoor(recognizer: IntentRecognizer, text: string, hint?: string): Promise<string> {
  if (readSmallTalk(text)) return 'None';
  if (languageSwitchRequest(normalizeUtterance(text))) return 'None';
  return (await recognizer.recognize(text, hint)).intent;
}

export interface Tally { right: number; total: number }
const rate = (t: Tally): number => (t.total === 0 ? 0 : +(t.right / t.total).toFixed(3));

export interface ChallengeFigures {
  /** Per language: accuracy with the channel's locale and with the language detected from the text. */
  readonly perLanguage: Record<string, { withLocale: number; detected: number; outOfScopeRecall: number; items: number }>;
  /** Per kind, over the four languages, with the channel's locale. */
  readonly perKind: Record<string, { withLocale: number; detected: number; items: number }>;
  readonly overall: { withLocale: number; detected: number; outOfScopeRecall: number; outOfScopeRecallDetected: number; items: number };
  /** The items answered wrongly with the channel's locale. */
  readonly misses: readonly { locale: Locale; text: string; kind: string; expected: string; got: string }[];
}

export async function scoreChallenge(recognizer: IntentRecognizer, set: ChallengeSet = 'main', locales: readonly Locale[] = supportedLocales): Promise<ChallengeFigures> {
  const tally = (): Tally => ({ right: 0, total: 0 });
  const add = (t: Tally, ok: boolean): void => { t.total += 1; if (ok) t.right += 1; };
  const lang = new Map<string, { hinted: Tally; blind: Tally; oos: Tally }>();
  const kind = new Map<string, { hinted: Tally; blind: Tally }>();
  const all = { hinted: tally(), blind: tally(), oos: tally(), oosBlind: tally() };
  const misses: { locale: Locale; text: string; kind: string; expected: string; got: string }[] = [];
  for (const locale of locales) {
    const l = { hinted: tally(), blind: tally(), oos: tally() };
    lang.set(locale, l);
    for (const item of await readChallenge(locale, set)) {
      const hinted = await frontDoor(recognizer, item.text, locale);
      const blind = await frontDoor(recognizer, item.text);
      let k = kind.get(item.kind);
      if (!k) kind.set(item.kind, (k = { hinted: tally(), blind: tally() }));
      for (const t of [l.hinted, k.hinted, all.hinted]) add(t, hinted === item.intent);
      for (const t of [l.blind, k.blind, all.blind]) add(t, blind === item.intent);
      if (item.intent === 'None') {
        add(l.oos, hinted === 'None');
        add(all.oos, hinted === 'None');
        add(all.oosBlind, blind === 'None');
      }
      if (hinted !== item.intent) misses.push({ locale, text: item.text, kind: item.kind, expected: item.intent, got: hinted });
    }
  }
  return {
    perLanguage: Object.fromEntries([...lang].map(([l, t]) => [l, { withLocale: rate(t.hinted), detected: rate(t.blind), outOfScopeRecall: rate(t.oos), items: t.hinted.total }])),
    perKind: Object.fromEntries(challengeKinds.filter((k) => kind.has(k)).map((k) => {
      const t = kind.get(k) as { hinted: Tally; blind: Tally };
      return [k, { withLocale: rate(t.hinted), detected: rate(t.blind), items: t.hinted.total }];
    })),
    overall: { withLocale: rate(all.hinted), detected: rate(all.blind), outOfScopeRecall: rate(all.oos), outOfScopeRecallDetected: rate(all.oosBlind), items: all.hinted.total },
    misses,
  };
}

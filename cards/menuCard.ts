// The menu: every goal, as a button that starts it in the chat, or, for a goal the directory cannot
// carry out here, a link to Microsoft's page for it (said so in its description).
import { cardVerbs } from './cardVerbs.js';
import type { Goal } from '../bot/core/goals.js';
import type { Translator } from '../bot/core/i18n/i18n.js';
import { BoundedCache } from '../bot/core/boundedCache.js';
import { freezeJson } from '../bot/core/json.js';
import { renderCard, type CardAttachment } from './renderer.js';

export function menuCard(t: Translator, goals: readonly Goal[], intro: string, portalGoals: ReadonlyMap<string, string> = new Map()): CardAttachment {
  return renderCard('menu', {
    title: t.t('menu.title'),
    intro,
    goals: goals.map((g) => {
      const page = portalGoals.get(g.intent);
      const description = t.t(`goal.${g.intent}.description`);
      return page
        ? { title: t.t(`goal.${g.intent}.title`), description: `${description} ${t.t('menu.onMicrosoftPage')}`, url: page }
        : { title: t.t(`goal.${g.intent}.title`), description, data: { verb: cardVerbs.startGoal, goal: g.intent } };
    }),
    footer: t.t('menu.footer'),
  });
}

// The menu with one of our own intros is the same card for everyone who reads the language: no
// name, no nonce, only the language's strings (which depend on the language alone, not on the
// region or zone) and the goals with their portal pages. It is rendered once per language, intro,
// goals and portal pages, and kept frozen: every caller gets the same card (see keptCard in renderer.ts).
const menus = new BoundedCache<CardAttachment>(64);

/** The menu introduced by the string `introKey` (one without arguments), as `menuCard` renders it. */
export function standardMenuCard(t: Translator, goals: readonly Goal[], introKey: string, portalGoals: ReadonlyMap<string, string> = new Map()): CardAttachment {
  const key = JSON.stringify([t.locale, introKey, goals.map((g) => g.intent), [...portalGoals]]);
  return menus.get(key, () => freezeJson(menuCard(t, goals, t.t(introKey), portalGoals)));
}

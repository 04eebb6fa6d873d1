// The menu: every goal, as a button that starts it in the chat, or, for a goal the directory cannot
// carry out here, a link to Microsoft's page for it (said so in its description).
import { cardVerbs } from './cardVerbs.js';
import type { Goal } from '../bot/core/goals.js';
import type { Translator } from '../bot/core/i18n/i18n.js';
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

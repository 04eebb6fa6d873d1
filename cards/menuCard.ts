// The menu: every goal the chat can carry out, as buttons that start it.
import { cardVerbs } from './cardVerbs.js';
import type { Goal } from '../bot/core/goals.js';
import type { Translator } from '../bot/core/i18n/i18n.js';
import { renderCard, type CardAttachment } from './renderer.js';

export function menuCard(t: Translator, goals: readonly Goal[], intro: string): CardAttachment {
  return renderCard('menu', {
    title: t.t('menu.title'),
    intro,
    goals: goals.map((g) => ({
      title: t.t(`goal.${g.intent}.title`),
      description: t.t(`goal.${g.intent}.description`),
      data: { verb: cardVerbs.startGoal, goal: g.intent },
    })),
    footer: t.t('menu.footer'),
  });
}

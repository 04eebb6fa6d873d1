// The cards about what was asked, rather than about the account: a second request in the same
// message ("You also asked …: shall I?") and "did you mean A or B?" when two goals read as close.
import type { GoalIntent } from '../bot/core/goals.js';
import type { Translator } from '../bot/core/i18n/i18n.js';
import type { CardAttachment } from './renderer.js';
import { cardVerbs } from './cardVerbs.js';
import { formCard, startsGoal, type FormSpec } from './formCard.js';

/** Offers the second request once the first is done: Yes starts it, No leaves it. */
export function secondRequestForm(t: Translator, goal: GoalIntent): FormSpec {
  return {
    heading: t.t('also.heading', { goal: t.t(`goal.${goal}.title`) }),
    buttons: [
      { title: t.t('common.yes'), action: 'yes', style: 'positive' },
      { title: t.t('common.no'), action: 'no' },
    ],
  };
}

/** One button for each goal the message may have meant (each starts its goal) and one for the menu. */
export function didYouMeanCard(t: Translator, goals: readonly GoalIntent[]): CardAttachment {
  const spec: FormSpec = {
    heading: t.t('didYouMean.heading'),
    buttons: [...goals.map((goal) => ({ title: t.t(`goal.${goal}.title`), action: goal })), { title: t.t('didYouMean.neither'), action: 'menu' }],
  };
  return formCard(spec, (b) => (b.action === 'menu' ? { verb: cardVerbs.showMenu } : startsGoal(b)));
}

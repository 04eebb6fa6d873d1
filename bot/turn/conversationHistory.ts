// The last turns of a conversation, kept (redacted) in conversation state so that a hand-off to the
// helpdesk carries them. Card values are never kept: a submission is recorded by its button only,
// and a message typed while a password card was open is not recorded at all.
import type { Activity, StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { TranscriptLine } from '../core/ports/tickets.js';
import { redact } from '../core/usecases/redaction.js';
import { unescapeMarkdown } from '../../cards/escapeMarkdown.js';
import { defaultLocale, toLocale, translator } from '../core/i18n/i18n.js';
import { cardPayload, isCardInvoke } from './cardInvoke.js';

const keep = 20;
const secretTypedKey = Symbol('secretTyped');
const historyKey = Symbol('history');

/** Marks this turn's message as possibly secret (typed while a password card was open). */
export function markSecretTyped(context: TurnContext): void {
  context.turnState.set(secretTypedKey, true);
}

/** The recorded turns before this one (for a hand-off made during this turn). */
export function recentTurns(context: TurnContext): readonly TranscriptLine[] {
  return context.turnState.get<readonly TranscriptLine[] | undefined>(historyKey) ?? [];
}

interface CardElement {
  readonly type?: unknown;
  readonly text?: unknown;
  readonly isSubtle?: unknown;
  readonly facts?: readonly { readonly title?: unknown; readonly value?: unknown }[];
}

/**
 * A card as its reader saw it: the heading in brackets, then its lines and facts ("what I did",
 * a ticket's state), so that the helpdesk reads what the assistant said and did. Inputs, buttons
 * and the small print under a form are left out; the line is redacted like any other.
 */
function cardLine(activity: Partial<Activity>): string | undefined {
  const body = (activity.attachments?.[0]?.content as { body?: readonly CardElement[] } | undefined)?.body ?? [];
  const t = translator(toLocale(activity.locale) ?? defaultLocale);
  // As the reader saw it: the transcript goes to an agent's card, where it is escaped again.
  const said = body.flatMap((element): string[] => {
    if (element.type === 'TextBlock' && typeof element.text === 'string' && element.isSubtle !== true) return [unescapeMarkdown(element.text)];
    if (element.type === 'FactSet') {
      return (element.facts ?? []).filter((f) => typeof f.title === 'string' && typeof f.value === 'string')
        .map((f) => t.t('agent.line.fact', { title: unescapeMarkdown(String(f.title)), value: unescapeMarkdown(String(f.value)) }));
    }
    return [];
  }).filter((text) => text.trim() !== '');
  const [heading, ...lines] = said;
  return heading === undefined ? undefined : [`[${heading}]`, ...lines].join(' / ');
}

/** The redacted lines of kept cards (frozen: the same object each time one is shown, see keptCard), by language. */
const keptCardLines = new WeakMap<object, Map<string, string | undefined>>();

/** What the transcript keeps of a reply, redacted: its text, else its card's line. */
function botLine(activity: Partial<Activity>): string | undefined {
  if (activity.type !== 'message') return undefined;
  if (activity.text) return redact(activity.text);
  const content: unknown = activity.attachments?.[0]?.content;
  if (typeof content !== 'object' || content === null || !Object.isFrozen(content)) return redactedCardLine(activity);
  let lines = keptCardLines.get(content);
  if (!lines) keptCardLines.set(content, (lines = new Map<string, string | undefined>()));
  const locale = activity.locale ?? '';
  if (!lines.has(locale)) lines.set(locale, redactedCardLine(activity));
  return lines.get(locale);
}

function redactedCardLine(activity: Partial<Activity>): string | undefined {
  const line = cardLine(activity);
  return line === undefined ? undefined : redact(line);
}

export class ConversationHistory {
  constructor(private readonly lines: StatePropertyAccessor<TranscriptLine[]>) {}

  /** Records the turn's message and the bot's replies once the turn has run. */
  async record(context: TurnContext, runTurn: () => Promise<void>, now: () => Date): Promise<void> {
    const history = await this.lines.get(context, []);
    // The lines as the turn began: the turn's own lines go into a new list (below), never into this one.
    context.turnState.set(historyKey, history);
    const replies: TranscriptLine[] = [];
    context.onSendActivities(async (_ctx, activities, next) => {
      for (const activity of activities) {
        const text = botLine(activity);
        if (text) replies.push({ from: 'bot', text, at: now().toISOString() });
      }
      return next();
    });
    await runTurn();
    const activity = context.activity;
    if (activity.type !== 'message' && !isCardInvoke(activity)) return;
    const said = context.turnState.get<boolean | undefined>(secretTypedKey)
      ? '[message hidden: it may have been a password]'
      : typeof activity.text === 'string' && activity.text.trim() !== ''
        ? redact(activity.text)
        : `[card: ${typeof (cardPayload(activity) as { action?: unknown } | undefined)?.action === 'string' ? String((cardPayload(activity) as { action: string }).action) : 'button'}]`;
    const next = [...history, { from: 'user' as const, text: said, at: now().toISOString() }, ...replies].slice(-keep);
    await this.lines.set(context, next);
  }
}

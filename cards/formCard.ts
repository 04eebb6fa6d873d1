// A form card: heading, lines, a list of items with their own buttons, facts, inputs and actions.
// Goal dialogs describe what to ask; the card prompt adds the one-time nonce to every button.
import { cardVerbs } from './cardVerbs.js';
import type { Translator } from '../bot/core/i18n/i18n.js';
import { renderCard, type ButtonPayload, type CardAttachment, type TemplateAction, type TemplateInput } from './renderer.js';

export interface FormLine {
  readonly text: string;
  /** Shown as a warning (attention colour, bold). */
  readonly warning?: boolean;
}

export interface FormButton {
  readonly title: string;
  /** What the button means to the dialog: "submit", "cancel", "choose"... */
  readonly action: string;
  readonly style?: 'default' | 'positive' | 'destructive';
  /** Extra values the button sends (a method id); strings only. */
  readonly values?: Readonly<Record<string, string>>;
  /** False for buttons that must not send the inputs (cancel). */
  readonly sendsInputs?: boolean;
}

/** What a badge says about its item: good news, something to look at, something wrong, or plain. */
export type BadgeTone = 'good' | 'warning' | 'attention' | 'accent' | 'plain';

const badgeColors: Record<BadgeTone, 'Good' | 'Warning' | 'Attention' | 'Accent' | 'Default'> = {
  good: 'Good', warning: 'Warning', attention: 'Attention', accent: 'Accent', plain: 'Default',
};

export interface FormItem {
  readonly title: string;
  readonly subtitle?: string;
  readonly badge?: string;
  /** The badge's colour; plain unless said. */
  readonly badgeTone?: BadgeTone;
  readonly buttons?: readonly FormButton[];
}

export type FormInput =
  | {
      readonly kind: 'text'; readonly id: string; readonly label: string; readonly style?: 'text' | 'tel' | 'email' | 'password';
      /** What the input starts with (never for a password). */
      readonly value?: string;
      readonly placeholder?: string; readonly required?: boolean; readonly errorMessage?: string; readonly maxLength?: number;
    }
  | { readonly kind: 'toggle'; readonly id: string; readonly label: string; readonly value?: boolean }
  | {
      readonly kind: 'choice'; readonly id: string; readonly label: string; readonly value?: string; readonly required?: boolean;
      readonly errorMessage?: string; readonly choices: readonly { readonly title: string; readonly value: string }[];
    };

export interface FormSpec {
  readonly heading: string;
  readonly lines?: readonly FormLine[];
  readonly items?: readonly FormItem[];
  readonly facts?: readonly { readonly title: string; readonly value: string }[];
  readonly inputs?: readonly FormInput[];
  readonly buttons?: readonly FormButton[];
  readonly footer?: string;
  /** What a screen reader says first; defaults to the heading and lines. */
  readonly speak?: string;
  /** Why the card asks, for "why?" typed while it waits; defaults to its first line. */
  readonly why?: string;
  /** What changed since the version answered before, for "what changed?" typed while it waits (an agreement). */
  readonly changes?: string;
}

/** The data every button sends: the verb and the card's fields, plus whatever the caller adds (the nonce). */
export type ButtonData = (button: FormButton) => ButtonPayload;

/** For cards whose buttons only show something (no data of their own). */
export const noData: ButtonData = () => ({});

/** For buttons that start a goal (`action` is the goal, `values` e.g. its target): they change nothing, so no nonce. */
export const startsGoal: ButtonData = (b) => ({ ...(b.values ?? {}), verb: cardVerbs.startGoal, goal: b.action });

/** For an agent's buttons on a ticket (`action` is the act, `values.ticket` the number); checked where handled. */
export const actsOnTicket: ButtonData = (b) => ({ verb: cardVerbs.ticketAction, ticket: b.values?.ticket ?? '', act: b.action });

/** "Cancel": ends the step without sending what was typed. */
export const cancelButton = (t: Translator): FormButton => ({ title: t.t('common.cancel'), action: 'cancel', sendsInputs: false });

/** "Yes" (destructive: it changes something) and "No". */
export const yesNoButtons = (t: Translator): FormButton[] => [
  { title: t.t('common.yes'), action: 'yes', style: 'destructive' },
  { title: t.t('common.no'), action: 'no' },
];

function button(b: FormButton, data: ButtonData): TemplateAction {
  return {
    title: b.title,
    style: b.style ?? 'default',
    data: data(b),
    associatedInputs: b.sendsInputs === false ? 'none' : 'auto',
  };
}

export function formCard(spec: FormSpec, data: ButtonData): CardAttachment {
  const lines = spec.lines ?? [];
  return renderCard('form', {
    heading: spec.heading,
    speak: spec.speak ?? [spec.heading, ...lines.map((l) => l.text)].join(' '),
    lines: lines.map((l) => ({ text: l.text, warning: l.warning === true })),
    items: (spec.items ?? []).map((item) => ({
      title: item.title,
      subtitle: item.subtitle ?? '',
      badge: item.badge ?? '',
      badgeColor: badgeColors[item.badgeTone ?? 'plain'],
      actions: (item.buttons ?? []).map((b) => button(b, data)),
    })),
    facts: spec.facts ?? [],
    inputs: (spec.inputs ?? []).map((input): TemplateInput => {
      switch (input.kind) {
        case 'text':
          return { kind: 'text', id: input.id, label: input.label, style: input.style ?? 'text', value: input.style === 'password' ? '' : input.value ?? '', placeholder: input.placeholder ?? '', required: input.required ?? true, errorMessage: input.errorMessage ?? input.label, maxLength: input.maxLength ?? 256 };
        case 'toggle':
          return { kind: 'toggle', id: input.id, label: input.label, value: input.value === false ? 'false' : 'true' };
        case 'choice':
          return { kind: 'choice', id: input.id, label: input.label, value: input.value ?? '', required: input.required ?? true, errorMessage: input.errorMessage ?? input.label, choices: input.choices };
      }
    }),
    actions: (spec.buttons ?? []).map((b) => button(b, data)),
    footer: spec.footer ?? '',
  });
}

/** What an answered card becomes: its heading and one line, no inputs, no buttons. */
export function answeredCard(heading: string, text: string): CardAttachment {
  return formCard({ heading, lines: [{ text }] }, noData);
}

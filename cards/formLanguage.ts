// A form card in another language. The card prompt keeps the form it asked with, its strings
// already written in the user's language; when the user switches language while it waits, the
// strings a translator made are made again by the new one (see bot/core/i18n/madeStrings.ts),
// and names, numbers and what the user typed stay as they are.
import type { Translator } from '../bot/core/i18n/i18n.js';
import { madeBy, madeIn, recording, remakeText, type Made } from '../bot/core/i18n/madeStrings.js';
import type { FormInput, FormSpec } from './formCard.js';

/**
 * The form with every text a reader sees passed through `f` (not ids, actions, button values), and
 * what a text input holds through `value` (the assistant's own draft may be written again, never
 * what the user typed: by default it stays).
 */
export function mapFormTexts(form: FormSpec, f: (text: string) => string, value: (held: string) => string = (held) => held): FormSpec {
  const input = (i: FormInput): FormInput => {
    switch (i.kind) {
      case 'text': return {
        ...i, label: f(i.label), ...(i.placeholder !== undefined ? { placeholder: f(i.placeholder) } : {}), ...(i.errorMessage !== undefined ? { errorMessage: f(i.errorMessage) } : {}),
        ...(i.value !== undefined ? { value: value(i.value) } : {}),
      };
      case 'toggle': return { ...i, label: f(i.label) };
      case 'choice': return { ...i, label: f(i.label), ...(i.errorMessage !== undefined ? { errorMessage: f(i.errorMessage) } : {}), choices: i.choices.map((c) => ({ ...c, title: f(c.title) })) };
    }
  };
  const buttons = form.buttons?.map((b) => ({ ...b, title: f(b.title) }));
  return {
    ...form,
    heading: f(form.heading),
    ...(form.lines ? { lines: form.lines.map((l) => ({ ...l, text: f(l.text) })) } : {}),
    ...(form.items ? {
      items: form.items.map((item) => ({
        ...item,
        title: f(item.title),
        ...(item.subtitle !== undefined ? { subtitle: f(item.subtitle) } : {}),
        ...(item.badge !== undefined ? { badge: f(item.badge) } : {}),
        ...(item.buttons ? { buttons: item.buttons.map((b) => ({ ...b, title: f(b.title) })) } : {}),
      })),
    } : {}),
    ...(form.facts ? { facts: form.facts.map((fact) => ({ title: f(fact.title), value: f(fact.value) })) } : {}),
    ...(form.inputs ? { inputs: form.inputs.map(input) } : {}),
    ...(buttons ? { buttons } : {}),
    ...(form.footer !== undefined ? { footer: f(form.footer) } : {}),
    ...(form.speak !== undefined ? { speak: f(form.speak) } : {}),
    ...(form.why !== undefined ? { why: f(form.why) } : {}),
    ...(form.changes !== undefined ? { changes: f(form.changes) } : {}),
  };
}

/** Every text of the form a reader sees. */
export function formTexts(form: FormSpec): string[] {
  const texts: string[] = [];
  const note = (text: string): string => {
    texts.push(text);
    return text;
  };
  mapFormTexts(form, note, note);
  return texts;
}

/** How the form's strings were made, from what the translator of this turn made (kept with the form, to write it in another language later). */
export function madeForForm(form: FormSpec, t: Translator): [string, Made][] {
  return madeIn(formTexts(form), madeBy(t));
}

/** The form written again by `t`, and how its new strings were made (for a later switch). */
export function formInLanguage(form: FormSpec, made: readonly [string, Made][], t: Translator): { form: FormSpec; made: [string, Made][] } {
  const known = new Map(made);
  const recorder = recording(t);
  // What an input holds is written again only when the assistant wrote all of it (a draft description), never in part.
  const again = mapFormTexts(form, (text) => remakeText(text, known, recorder), (held) => (known.has(held) ? remakeText(held, known, recorder) : held));
  return { form: again, made: madeForForm(again, recorder) };
}

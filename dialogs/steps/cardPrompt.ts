// Asks with a card and waits for that card's answer. Every card carries a one-time nonce, kept only
// as a hash and bound to this conversation, this step and this user: a replayed, stale or forged
// submission is refused and changes nothing. Spending it is an atomic operation on the nonce
// ledger, so the same card posted many times at once is acted on once. Once answered, the card is replaced so the values typed
// into it do not stay on screen. The answer goes to the calling step and is never stored.
import { createHash, randomBytes } from 'node:crypto';
import { answerCard, isCardInvoke, refuseCard } from '../../bot/turn/cardInvoke.js';
import { cardNonces } from '../../bot/turn/cardNonces.js';
import { markSecretTyped } from '../../bot/turn/conversationHistory.js';
import { turnInfo } from '../../bot/turn/turnInfo.js';
import { cardVerbs } from '../../cards/cardVerbs.js';
import { answeredCard, formCard, type FormButton, type FormInput, type FormSpec } from '../../cards/formCard.js';
import type { CardAttachment } from '../../cards/renderer.js';
import type { Locale, Translator } from '../../bot/core/i18n/i18n.js';
import type { Made } from '../../bot/core/i18n/madeStrings.js';
import { formInLanguage, madeForForm } from '../../cards/formLanguage.js';
import { dialogIds } from '../dialogIds.js';
import { refusesOutright, type Confirmation } from '../../bot/core/nlu/confirmation.js';
import { DeliveryModes, Dialog, MessageFactory, type DialogContext, type DialogInstance, type DialogTurnResult, type TurnContext } from '../kit.js';
import { activeChain, activeDialog, type StackState } from '../dialogStack.js';
import type { GoalIntent } from '../../bot/core/goals.js';
import type { StepQuestion } from '../../bot/core/nlu/stepQuestions.js';

export interface CardPromptOptions {
  readonly form: FormSpec;
  /** Accept a typed message as the answer (codes, user names): it comes back as action "text". */
  readonly acceptsText?: boolean;
  /** The card asks for a secret: a typed message gets a warning that passwords belong in the card. */
  readonly secret?: boolean;
  /**
   * A typed message describes what the goals going on are about (the helpdesk form): it is the
   * answer (action "text", as with `acceptsText`), even when it reads as a request for one of those
   * goals ("someone in Brazil signed in to my account" at the form of "this wasn't me").
   */
  readonly describesGoal?: boolean;
  /**
   * What the card says depends on the language beyond the bot's own strings (an agreement's text in
   * the user's language): a switch of language is its answer (action "language"), and the dialog
   * asks again, in the new language. Other cards are written again from their strings.
   */
  readonly answersLanguage?: boolean;
}

export interface CardAnswer {
  readonly action: string;
  readonly fields: Readonly<Record<string, string>>;
}

/** The answer in a step's result, read back safely: anything else (nothing, a stray value) counts as "cancel". */
export function cardAnswerOf(result: unknown): CardAnswer {
  if (typeof result !== 'object' || result === null || !('action' in result) || typeof result.action !== 'string') return { action: 'cancel', fields: {} };
  const fields = 'fields' in result && typeof result.fields === 'object' && result.fields !== null ? Object.entries(result.fields) : [];
  return { action: result.action, fields: Object.fromEntries(fields.filter((e): e is [string, string] => typeof e[1] === 'string')) };
}

/** The card prompt the conversation is waiting on (the innermost active dialog), if it is one. */
function openPrompt(dialogState: StackState | undefined): PromptState | undefined {
  return activeDialog(dialogState, (id) => id === dialogIds.cardPrompt)?.state?.[stateKey] as PromptState | undefined;
}

/**
 * True when a card other than a password card waits for its answer; for "what changed?", only a card
 * that can say (an agreement): elsewhere that question is about the account.
 */
export function isCardWaiting(dialogState: StackState | undefined, question?: StepQuestion): boolean {
  const prompt = openPrompt(dialogState);
  if (question === 'whatChanged' && prompt?.options.form.changes === undefined) return false;
  return prompt !== undefined && prompt.options.secret !== true && prompt.nonceHash !== '';
}

/** A message of this many words, typed where a description is asked for, is the description, whatever goal it names. */
const describingWords = 7;

/**
 * True when a card that takes a typed description waits, and the message describes rather than
 * asks: it names a goal going on (or the helpdesk itself), or it is a sentence ("I wanted to remove
 * my phone number but now I'm locked out"). A short request ("show my devices") still leaves.
 */
export function describesGoalGoingOn(dialogState: StackState | undefined, intent: string, text = ''): boolean {
  if (openPrompt(dialogState)?.options.describesGoal !== true) return false;
  if (text.trim().split(/\s+/).length >= describingWords) return true;
  return intent === ('helpdesk.ticket' satisfies GoalIntent) || activeChain(dialogState).some((active) => active.id === intent);
}

/** True when the card that waits takes a switch of language as its answer (its dialog asks again). */
export function isLanguageAnswerWaiting(dialogState: StackState | undefined): boolean {
  return openPrompt(dialogState)?.options.answersLanguage === true;
}

/** True when the innermost active dialog is a card prompt asking for a secret (a password card is open). */
export function isSecretCardOpen(dialogState: StackState | undefined): boolean {
  return openPrompt(dialogState)?.options.secret === true;
}

/**
 * Which of a card's buttons a typed "yes" or "no" presses: on a card with nothing to fill in, yes is
 * its Yes or Accept (or its one main action: Remove, Leave, Send), no its No (or Cancel, Later: a
 * typed no to terms of use records nothing).
 */
export function typedAnswerAction(form: FormSpec, answer: Confirmation, outright = false): string | undefined {
  if ((form.inputs ?? []).length > 0) return undefined;
  const buttons = form.buttons ?? [];
  if (answer === 'yes') {
    const main = buttons.filter((b) => b.style === 'positive' || b.style === 'destructive');
    // "Do you accept these terms?": yes is Accept, though the card also has Decline.
    return buttons.find((b) => b.action === 'yes' || b.action === 'accept')?.action ?? (main.length === 1 ? main[0]?.action : undefined);
  }
  // "I decline" at terms of use is their Decline; a plain "no" leaves them for later.
  if (outright && buttons.some((b) => b.action === 'decline')) return 'decline';
  return ['no', 'cancel', 'later', 'noThanks'].find((action) => buttons.some((b) => b.action === action));
}

/** The button a typed yes/no would press on the card the conversation waits on (never on a card that takes typed text or a secret). */
export function typedAnswerOnOpenCard(dialogState: StackState | undefined, answer: Confirmation): string | undefined {
  const prompt = openPrompt(dialogState);
  if (!prompt || prompt.options.secret || prompt.options.acceptsText || prompt.nonceHash === '') return undefined;
  return typedAnswerAction(prompt.options.form, answer);
}

/**
 * How a message typed at the card that waits answers it: `answer` when it surely does (it names one
 * of the card's items, or it is a number typed at the card asking for a phone number, an address at
 * the one asking for an e-mail address), `unlessRequest` when it fills the card's one text field
 * unless it reads as a request of its own (cancel, help, another goal).
 */
export type TypedAtCard = 'answer' | 'unlessRequest';

/** Most words of a message that names one of a card's items ("the email one", "mon téléphone"). */
const namingWords = 6;

/** The words of a text that can tell items apart: folded (case, accents, "e-mail" as "email"), of four letters or more. */
const matchWords = (text: string): string[] =>
  text.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').replace(/(?<=\p{L})-(?=\p{L})/gu, '')
    .split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 4);

/** The length of the longest run of letters two words share. */
function longestCommonRun(a: string, b: string): number {
  let best = 0;
  let previous = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i += 1) {
    const row = new Array<number>(b.length + 1).fill(0);
    for (let j = 1; j <= b.length; j += 1) {
      if (a[i - 1] === b[j - 1]) {
        row[j] = (previous[j - 1] ?? 0) + 1;
        best = Math.max(best, row[j] ?? 0);
      }
    }
    previous = row;
  }
  return best;
}

/** Words that start alike for this many letters are the same word, whatever ending each has ("mobilen", "mobiltelefon"). */
const sharedStart = 5;

/** The same word, inflected or compounded: "eposten" and "epost", "telefonen" and "mobiltelefon", "mail" and "emailadres". */
function sameWord(a: string, b: string): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.length >= sharedStart && long.startsWith(short.slice(0, sharedStart))) return true;
  return longestCommonRun(short, long) >= Math.max(4, Math.ceil(0.75 * short.length));
}

/**
 * The button of the one item of the card that a short message names, by the words that set it apart
 * from the others ("e-posten" at the list of methods to remove); none when it names several or none.
 */
function namedItemButton(form: FormSpec, text: string): FormButton | undefined {
  const typed = matchWords(text);
  // A question ("what is the Authenticator?") names no choice.
  if (typed.length === 0 || isQuestion(text) || text.trim().split(/\s+/).length > namingWords) return undefined;
  const items = (form.items ?? []).flatMap((item) => (item.buttons?.length === 1 && item.buttons[0] ? [{ item, button: item.buttons[0] }] : []));
  const words = items.map(({ item, button }) => new Set(matchWords([item.title, item.subtitle ?? '', button.title].join(' '))));
  // Words every item has ("Remove your …") name none of them.
  const shared = new Set([...(words[0] ?? [])].filter((w) => items.length > 1 && words.every((set) => set.has(w))));
  const named = items.filter((_, k) => typed.some((w) => [...(words[k] ?? [])].some((v) => !shared.has(v) && sameWord(w, v))));
  return named.length === 1 ? named[0]?.button : undefined;
}

/** The card's one input when it is a text field for something other than a password. */
function soleTextField(form: FormSpec): Extract<FormInput, { kind: 'text' }> | undefined {
  const inputs = form.inputs ?? [];
  const only = inputs.length === 1 ? inputs[0] : undefined;
  return only?.kind === 'text' && only.style !== 'password' ? only : undefined;
}

/** The button that sends a card's inputs: its one main (positive) button, or the only one that sends them. */
function sendingButton(form: FormSpec): FormButton | undefined {
  const sending = (form.buttons ?? []).filter((b) => b.sendsInputs !== false);
  const main = sending.filter((b) => b.style === 'positive');
  return main.length === 1 ? main[0] : sending.length === 1 ? sending[0] : undefined;
}

/** How a typed message answers a card of this form, if it does (never a card for a secret, nor one that takes text itself). */
function typedAtForm(options: CardPromptOptions, text: string): { how: TypedAtCard; answer: CardAnswer } | undefined {
  if (options.secret || options.acceptsText || options.describesGoal || text.trim() === '') return undefined;
  const form = options.form;
  const item = namedItemButton(form, text);
  if (item) return { how: 'answer', answer: { action: item.action, fields: { ...(item.values ?? {}) } } };
  const field = soleTextField(form);
  const button = sendingButton(form);
  if (!field || !button || text.trim().length > (field.maxLength ?? 256)) return undefined;
  // As typed in the card's field, then pressed: the card's own checks answer it.
  const answer = { action: button.action, fields: { ...(button.values ?? {}), [field.id]: text.trim() } };
  const looksRight = field.style === 'tel' ? (text.match(/\d/g) ?? []).length >= 4 : field.style === 'email' && text.includes('@');
  return { how: looksRight ? 'answer' : 'unlessRequest', answer };
}

/** How a message typed now answers the card that waits (see TypedAtCard), if it does. */
export function typedAtOpenCard(dialogState: StackState | undefined, text: string): TypedAtCard | undefined {
  const prompt = openPrompt(dialogState);
  if (!prompt || prompt.nonceHash === '') return undefined;
  return typedAtForm(prompt.options, text)?.how;
}

/** The card of a prompt: every button carries the verb of a step, the card's one-time nonce and what it means. */
function promptCard(form: FormSpec, nonce: string): CardAttachment {
  return formCard(form, (b: FormButton) => ({ ...(b.values ?? {}), verb: cardVerbs.submitStep, nonce, action: b.action }));
}

/**
 * Teams: the waiting card with its buttons, for the person it is for (the refresh of a card that
 * others see without them). Undefined unless `nonce` is the current card's and `userId` its person's.
 */
export function liveCardOnOpenPrompt(dialogState: StackState | undefined, nonce: string, userId: string | undefined): CardAttachment | undefined {
  const prompt = openPrompt(dialogState);
  if (!prompt || prompt.nonceHash === '' || prompt.nonceHash !== hash(nonce) || userId === undefined || prompt.userId !== userId) return undefined;
  return promptCard(prompt.options.form, nonce);
}

/**
 * What an answered card says: the button chosen; a card that took inputs also that they were cleared.
 * Buttons of a list share their action and differ by their values (a method's or a device's id): the
 * one pressed is the one whose values all came back with it. A typed answer (no fields) presses the
 * card's button of that action.
 */
function answeredText(t: Translator, form: FormSpec, action: string, fields?: Readonly<Record<string, string>>): string {
  const buttons = [...(form.buttons ?? []), ...(form.items ?? []).flatMap((i) => i.buttons ?? [])];
  const pressed = (b: FormButton): boolean => b.action === action && (fields === undefined || Object.entries(b.values ?? {}).every(([key, value]) => fields[key] === value));
  const choice = buttons.find(pressed)?.title;
  if ((form.inputs ?? []).length > 0 || !choice) return t.t('card.received');
  return t.t('cards.answered', { choice });
}

/** Asks with a card and waits for its answer (the card prompt must be in the same dialog set). */
export function ask(dc: DialogContext, options: CardPromptOptions): Promise<DialogTurnResult> {
  return dc.beginDialog(dialogIds.cardPrompt, options);
}

interface PromptState {
  options: CardPromptOptions;
  nonceHash: string;
  activityId?: string;
  userId?: string;
  /** The language the form is written in, and how its strings were made: to write it again in another. */
  locale?: Locale;
  made?: [string, Made][];
}

const stateKey = 'cardPrompt';
type PromptInstance = DialogInstance<Record<typeof stateKey, PromptState | undefined>>;

/** The prompt's state in its dialog instance (the SDK types instance state as any). */
function promptState(instance: PromptInstance | undefined): PromptState {
  const state = instance?.state[stateKey];
  if (!state) throw new Error('The card prompt has no state');
  return state;
}

/** A line that asks (it ends with a question mark, in any of the four languages, a French one after its narrow space). */
const isQuestion = (text: string): boolean => /[?？]\s*$/u.test(text);

const hash = (nonce: string): string => createHash('sha256').update(nonce).digest('hex');
const conversationOf = (context: TurnContext): string => context.activity.conversation?.id ?? '';

export class CardPrompt extends Dialog<CardPromptOptions> {
  constructor() {
    super(dialogIds.cardPrompt);
  }

  override async beginDialog(dc: DialogContext, options?: CardPromptOptions): Promise<DialogTurnResult> {
    if (!options) throw new Error('CardPrompt needs the form to show');
    const { identity, t } = turnInfo(dc.context);
    const state: PromptState = { options, nonceHash: '', userId: identity.kind === 'user' ? identity.user.id : undefined, locale: t.locale, made: madeForForm(options.form, t) };
    const instance: PromptInstance | undefined = dc.activeDialog;
    if (!instance) throw new Error('The card prompt is not active');
    instance.state[stateKey] = state;
    await this.send(dc.context, state);
    return Dialog.EndOfTurn;
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const context = dc.context;
    const info = turnInfo(context);
    // A message, or a Teams Action.Execute (the same button data, in an invoke).
    if (context.activity.type !== 'message' && !info.isCardSubmission) return Dialog.EndOfTurn;
    const state = promptState(dc.activeDialog);
    if (info.isCardSubmission) {
      const action = info.cardAction;
      const userId = info.identity.kind === 'user' ? info.identity.user.id : undefined;
      const current = action?.verb === cardVerbs.submitStep && state.nonceHash !== '' && hash(action.nonce) === state.nonceHash && userId === state.userId;
      if (action?.verb === cardVerbs.submitStep && current && (await cardNonces(context).consume(conversationOf(context), state.nonceHash))) {
        state.nonceHash = '';
        await this.replaceCard(context, state, answeredText(info.t, state.options.form, action.action, action.fields));
        return dc.endDialog({ action: action.action, fields: action.fields } satisfies CardAnswer);
      }
      await refuseCard(context, info.t.t(action ? 'card.stale' : 'card.unknown'));
      return Dialog.EndOfTurn;
    }
    // A switch of language at a card its dialog writes again itself: the card is done with, the dialog asks anew.
    if (info.languageSwitch && state.options.answersLanguage) {
      if (state.nonceHash !== '') await cardNonces(context).consume(conversationOf(context), state.nonceHash);
      state.nonceHash = '';
      await this.replaceCard(context, state, info.t.t('card.replaced'));
      return dc.endDialog({ action: 'language', fields: {} } satisfies CardAnswer);
    }
    // "why?": the card's own explanation; "I'm not getting the code": what to do; "what changed?" at an agreement: its versions. The card keeps waiting.
    if (info.stepQuestion) {
      const form = state.options.form;
      const canResend = (form.buttons ?? []).some((b) => b.action === 'resend');
      // The card's first line, unless that is its question ("Which method do you want to remove?" is no reason).
      const reason = form.why ?? form.lines?.find((l) => !l.warning && !isQuestion(l.text))?.text;
      // Every card that follows a code has a resend button; without one, no code was sent at this step.
      const answer = info.stepQuestion === 'noCode'
        ? info.t.t(canResend ? 'code.notArriving' : 'code.noneSent', { button: info.t.t('code.resend') })
        : info.stepQuestion === 'whatChanged' && form.changes !== undefined ? form.changes
          : reason ? info.t.t('step.why', { reason }) : info.t.t('step.whyGeneric');
      await context.sendActivity(answer);
      return Dialog.EndOfTurn;
    }
    // A typed yes or no (read before anything else looked at the text) presses the card's button, once.
    // Only from the person the card was for (in a group chat, another member's "yes" is not theirs).
    const sender = info.identity.kind === 'user' ? info.identity.user.id : undefined;
    const typed = info.confirmation && sender === state.userId ? typedAnswerAction(state.options.form, info.confirmation, refusesOutright(context.activity.text ?? '')) : undefined;
    // The button's own values go with it, as a press would send them (the agreement an Accept is for).
    const pressed = typed ? { action: typed, fields: { ...((state.options.form.buttons ?? []).find((b) => b.action === typed)?.values ?? {}) } } : undefined;
    // An item named ("the email one"), or what the card's one field asks for, typed in the chat: as if in the card.
    const filled = info.typedAtCard && sender === state.userId ? typedAtForm(state.options, context.activity.text ?? '')?.answer : undefined;
    const answer = pressed ?? filled;
    if (answer && state.nonceHash !== '' && (await cardNonces(context).consume(conversationOf(context), state.nonceHash))) {
      state.nonceHash = '';
      await this.replaceCard(context, state, answeredText(info.t, state.options.form, answer.action, answer.fields));
      return dc.endDialog(answer satisfies CardAnswer);
    }
    const text = (context.activity.text ?? '').trim();
    if ((state.options.acceptsText || state.options.describesGoal) && text !== '') return dc.endDialog({ action: 'text', fields: { text } } satisfies CardAnswer);
    if (state.options.secret) markSecretTyped(context);
    await context.sendActivity(info.t.t(state.options.secret ? 'card.useCardForSecrets' : 'card.useCard'));
    return Dialog.EndOfTurn;
  }

  /**
   * Shows the card again with a new nonce; the earlier copy stops working. After a switch of
   * language the card is written again in the new one, and so is what its answer will say.
   */
  override async repromptDialog(context: TurnContext, instance: DialogInstance): Promise<void> {
    const state = promptState(instance);
    const { t } = turnInfo(context);
    if (state.locale !== undefined && state.locale !== t.locale) {
      const again = formInLanguage(state.options.form, state.made ?? [], t);
      state.options = { ...state.options, form: again.form };
      state.made = again.made;
      state.locale = t.locale;
    }
    if (state.nonceHash !== '') await cardNonces(context).consume(conversationOf(context), state.nonceHash);
    await this.replaceCard(context, state, t.t('card.replaced'));
    await this.send(context, state);
  }

  private async send(context: TurnContext, state: PromptState): Promise<void> {
    const nonce = randomBytes(18).toString('base64url');
    state.nonceHash = hash(nonce);
    await cardNonces(context).issue(conversationOf(context), state.nonceHash);
    const card = promptCard(state.options.form, nonce);
    const response = await context.sendActivity(MessageFactory.attachment(card));
    state.activityId = response?.id;
  }

  /**
   * Swaps the answered card for one without inputs or buttons, where the channel can update messages.
   * A Teams Action.Execute gets it as its answer, shown in place at once; in a conversation others
   * see too, the message is also updated for them.
   */
  private async replaceCard(context: TurnContext, state: PromptState, text: string): Promise<void> {
    const answered = answeredCard(state.options.form.heading, text);
    answerCard(context, answered);
    const personal = (context.activity.conversation?.conversationType ?? 'personal') === 'personal';
    if (isCardInvoke(context.activity) && personal) state.activityId = undefined;
    if (!state.activityId || context.activity.deliveryMode === DeliveryModes.ExpectReplies) return;
    const cleared = MessageFactory.attachment(answered);
    cleared.id = state.activityId;
    try {
      await context.updateActivity(cleared);
    } catch {
      // Some channels cannot update a message. The card then stays on screen, but its nonce is spent.
    }
    state.activityId = undefined;
  }
}

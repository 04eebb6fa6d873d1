// Works out, once per turn, who is talking, what they asked for and in which language to answer.
import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import { randomUUID } from 'node:crypto';
import { cardPayload } from '../turn/cardInvoke.js';
import { parseCardAction } from '../turn/cardSubmission.js';
import { markSecretTyped } from '../turn/conversationHistory.js';
import { defaultLocale, isTimeZone, regionalTag, toLocale, translator, type Locale } from '../core/i18n/i18n.js';
import type { Identity, IdentityResolver } from '../turn/identity.js';
import { languageSwitchRequest } from '../core/nlu/languageSwitch.js';
import { recording } from '../core/i18n/madeStrings.js';
import { normalizeUtterance } from '../core/nlu/normalize.js';
import { readConfirmation, type Confirmation } from '../core/nlu/confirmation.js';
import { readSmallTalk, type SmallTalk } from '../core/nlu/smallTalk.js';
import { readConceptQuestion, type Concept } from '../core/nlu/conceptQuestions.js';
import { readStepQuestion, type StepQuestion } from '../core/nlu/stepQuestions.js';
import { readTicketCommand, ticketNumberIn, type TicketCommand } from '../core/nlu/ticketCommands.js';
import type { IntentRecognizer, Recognition } from '../core/nlu/recognizer.js';
import { rememberedReader, RememberingRecognizer } from '../core/nlu/rememberedReadings.js';
import { maxMessageLength, type TurnInfo } from '../turn/turnInfo.js';
import { isGoalIntent } from '../core/goals.js';

/** How sure the recognizer must be of a goal for an angry message to be read as that request rather than as anger. */
const requestOverAnger = 0.8;

/** Kept in user state: what the user chose explicitly. */
export interface UserPreferences {
  locale?: Locale;
}

/** Kept in conversation state: the language the conversation is going on in, and the client's time zone. */
export interface ConversationInfo {
  locale?: Locale;
  /** The IANA zone the client last gave (`localTimezone`); activities without one (invokes) use it. */
  timeZone?: string;
  /** The language of the last full sentence when it was not the conversation's: a second one in a row moves the conversation. */
  otherLocale?: Locale;
}

/** How sure the recognizer must be of a goal for a message typed at a card's one field to be that request (as sure as the root must be to leave a goal). */
const requestOverField = 0.7;

/** Fewest words of a message whose language can move the conversation ("show my devices", not "devices", a code or a name). */
const sentenceWords = 3;

/** Longest message still read as "cancel" or "help" while a password card is open ("stop that please"). */
const maxCancelWords = 3;
/** How sure the recognizer must be of a request typed at a password card before it leaves the card for it. */
const requestAtSecretCard = 0.9;
/**
 * Words only (letters, spaces, a little punctuation), two or more: seldom a password (policies want
 * digits or symbols too), so it may be read as a request. Even a passphrase read so is never kept,
 * shown or recorded: the text is blanked before anything else sees it.
 */
const plainWords = (text: string): boolean => /^[\p{L}\p{M}'’,.?!\s-]+$/u.test(text) && text.trim().split(/\s+/).length >= 2;

/**
 * What a typed message is read for before the recognizer, each reading of a short text kept (see
 * rememberedReadings.ts). What is typed at a password card goes to none of these.
 */
const readers = {
  confirmation: rememberedReader(readConfirmation),
  concept: rememberedReader(readConceptQuestion),
  stepQuestion: rememberedReader(readStepQuestion),
  ticketCommand: rememberedReader(readTicketCommand),
  smallTalk: rememberedReader(readSmallTalk),
  languageSwitch: rememberedReader((text: string) => languageSwitchRequest(normalizeUtterance(text))),
  ticketNumber: rememberedReader(ticketNumberIn),
};

export class TurnPreparation {
  /** The recognizer, keeping the readings of short messages (never of what is typed at a password card: that goes to `recognizer` itself). */
  private readonly readings: IntentRecognizer;

  constructor(
    private readonly identities: IdentityResolver,
    private readonly recognizer: IntentRecognizer,
    private readonly preferences: StatePropertyAccessor<UserPreferences>,
    private readonly conversation: StatePropertyAccessor<ConversationInfo>,
    /** Whether a card asking for a password is waiting for its answer in this conversation. */
    private readonly secretCardOpen: (context: TurnContext) => Promise<boolean>,
    /** The button of the waiting card that a typed yes or no presses, if any. */
    private readonly typedAnswer: (context: TurnContext, answer: Confirmation) => Promise<string | undefined>,
    /** Whether a card (other than a password card) is waiting for its answer, and can answer this question there. */
    private readonly cardWaiting: (context: TurnContext, question: StepQuestion) => Promise<boolean> = () => Promise.resolve(false),
    /** The zone for a user whose client gives none (their office's, the tenant's), if known. */
    private readonly directoryTimeZone: (identity: Identity) => Promise<string | undefined>,
    /** Goals the directory cannot carry out, with Microsoft's page for each. */
    private readonly portalGoals: ReadonlyMap<string, string> = new Map(),
    /** Whether this person is a helpdesk agent (only agents' "assign it to me" are commands). */
    private readonly isAgent: (identity: Identity) => Promise<boolean> = () => Promise.resolve(false),
    /**
     * How a typed message answers the card that waits: surely (an item it names, a number at the
     * card asking for one), or by filling its one text field unless it reads as a request.
     */
    private readonly typedAtCard: (context: TurnContext, text: string) => Promise<'answer' | 'unlessRequest' | undefined> = () => Promise.resolve(undefined),
  ) {
    this.readings = new RememberingRecognizer(recognizer);
  }

  /**
   * A typed ticket command. One with a number is read from anyone (the dialogs check who may do
   * what with it); one about "it" only from an agent: to anyone else "I'll take it" is not about a
   * ticket.
   */
  private async ticketCommand(text: string, identity: Identity): Promise<TicketCommand | undefined> {
    const command = readers.ticketCommand(text);
    if (!command || (command.ticket === undefined && !(await this.isAgent(identity)))) return undefined;
    return command;
  }

  /**
   * What a message typed while a password card is open may still be: a bare "cancel", or a request
   * for another language ("can we do this in English?"). Nothing else is read, and the text is gone
   * once this returns.
   */
  private async maskedSecret(context: TurnContext, text: string, hint: string | undefined): Promise<{ recognition?: Recognition; languageSwitch?: Locale }> {
    markSecretTyped(context);
    const languageSwitch = languageSwitchRequest(normalizeUtterance(text));
    const words = text.trim().split(/\s+/).length;
    const request = plainWords(text);
    const recognition = !languageSwitch && (words <= maxCancelWords || request) ? await this.recognizer.recognize(text, hint) : undefined;
    context.activity.text = '';
    if (languageSwitch) return { languageSwitch };
    if (recognition && words <= maxCancelWords && (recognition.intent === 'cancel' || recognition.intent === 'help')) return { recognition };
    // "show my devices", "I need a person": a request in words, read as at any other card (and still kept out of the transcript).
    return request && recognition && recognition.intent !== 'None' && recognition.score >= requestAtSecretCard ? { recognition } : {};
  }

  async prepare(context: TurnContext): Promise<TurnInfo> {
    const activity = context.activity;
    const identity = await this.identities.resolve(activity);
    const preferences = await this.preferences.get(context, {});
    const conversation = await this.conversation.get(context, {});
    const preferredLanguage = identity.kind === 'user' ? identity.user.preferredLanguage : undefined;
    const text = typeof activity.text === 'string' ? activity.text : '';
    const isMessage = activity.type === 'message';
    // An Action.Submit message, or a Teams Action.Execute invoke: the same button data either way.
    const cardData = cardPayload(activity);
    const isCardSubmission = cardData !== undefined && cardData !== null;
    const inputTooLong = isMessage && text.length > maxMessageLength;
    const typed = isMessage && !isCardSubmission && !inputTooLong;

    let recognition: Recognition | undefined;
    let languageSwitch: Locale | undefined;
    let confirmation: Confirmation | undefined;
    let smallTalk: SmallTalk | undefined;
    let stepQuestion: StepQuestion | undefined;
    let concept: Concept | undefined;
    let ticketCommand: TicketCommand | undefined;
    let ticketNumber: string | undefined;
    let atCard: 'answer' | 'unlessRequest' | undefined;
    let typedAtCard = false;
    if (typed && text.trim() !== '' && (await this.secretCardOpen(context))) {
      // A password card is open: what was typed may be the password. It is masked before anything
      // reads it (routing, the transcript, a ticket); a bare "cancel" or "help", a change of language, and a
      // request the recognizer is sure of in plain words (seldom a password) are still understood.
      ({ recognition, languageSwitch } = await this.maskedSecret(context, text, conversation.locale ?? activity.locale ?? preferredLanguage));
      if (languageSwitch) {
        preferences.locale = languageSwitch;
        await this.preferences.set(context, preferences);
      }
    } else if (typed && (confirmation = readers.confirmation(text)) && (await this.typedAnswer(context, confirmation))) {
      // "yes please", "oui", "nee hoor" at a Yes/No card: the card's answer, not a cancel or a new goal,
      // and no hint of the language either ("ja" is Dutch and Swedish).
    } else if (typed && (concept = readers.concept(text))) {
      // "what is an authenticator?", "c'est quoi la MFA ?": explained, at any step, never read as a request about it.
      confirmation = undefined;
    } else if (typed && (stepQuestion = readers.stepQuestion(text)) && (await this.cardWaiting(context, stepQuestion))) {
      // "why?", "I'm not getting the code", "what changed?" at an agreement, while a card waits: answered there, not read as a request.
      confirmation = undefined;
    } else if (typed && (atCard = await this.typedAtCard(context, text)) === 'answer') {
      // "the email one" at the list of methods, "+32 478 12 34 56" at the card asking for a number: the card's answer.
      confirmation = undefined;
      stepQuestion = undefined;
      typedAtCard = true;
    } else if (typed && (ticketCommand = await this.ticketCommand(text, identity))) {
      // "open INC-000123", "resolve it: done": a command, never read as a goal.
      confirmation = undefined;
      stepQuestion = undefined;
    } else if (typed && (smallTalk = readers.smallTalk(text))) {
      stepQuestion = undefined;
      // "bedankt!", "hej då", an angry message: answered as such, never read as a request or a cancel.
      confirmation = undefined;
      if (smallTalk === 'frustration') {
        // "I forgot my damn password" is a request said in anger: a request the recognizer is sure of wins.
        const request = await this.readings.recognize(text, conversation.locale ?? activity.locale ?? preferredLanguage);
        if (isGoalIntent(request.intent) && request.score >= requestOverAnger) {
          smallTalk = undefined;
          recognition = request;
        }
      }
    } else if (typed) {
      confirmation = undefined;
      stepQuestion = undefined;
      languageSwitch = readers.languageSwitch(text);
      if (languageSwitch) {
        preferences.locale = languageSwitch;
        await this.preferences.set(context, preferences);
      } else {
        const hint = conversation.locale ?? activity.locale ?? preferredLanguage;
        recognition = await this.readings.recognize(text, hint);
        ticketNumber = readers.ticketNumber(text);
        // Typed at a card with one field, it is what goes in the field, unless it asks for something of its own.
        const request = recognition.intent === 'cancel' || recognition.intent === 'help' || (isGoalIntent(recognition.intent) && recognition.score >= requestOverField);
        if (atCard === 'unlessRequest' && !request) {
          recognition = undefined;
          ticketNumber = undefined;
          typedAtCard = true;
        }
      }
    }
    // A message the recognizer did not understand (a code, a user name, "ok") says little about its
    // language: it does not move a conversation that already has one. Nor does a short one ("devices",
    // "mes appareils"): it neither moves it nor counts towards moving it, and only decides when neither
    // the client nor the account gives a language. Nor does one full sentence in another language
    // ("show my devices" from a French user): the second in a row does.
    const readLocale = ticketCommand ? ticketCommand.locale : recognition && (recognition.intent !== 'None' || !conversation.locale) ? recognition.locale : undefined;
    const sentence = (text.match(/\p{L}+/gu) ?? []).length >= sentenceWords;
    let textLocale = sentence ? readLocale : undefined;
    let conversationChanged = false;
    if (textLocale && conversation.locale && textLocale !== conversation.locale) {
      const second = conversation.otherLocale === textLocale;
      conversation.otherLocale = second ? undefined : textLocale;
      conversationChanged = true;
      if (!second) textLocale = undefined;
    } else if (textLocale && conversation.otherLocale) {
      conversation.otherLocale = undefined;
      conversationChanged = true;
    }
    const locale =
      preferences.locale ??
      textLocale ??
      conversation.locale ??
      toLocale(activity.locale) ??
      toLocale(preferredLanguage) ??
      (sentence ? undefined : readLocale) ??
      defaultLocale;
    const clientZone = isTimeZone(activity.localTimezone) ? activity.localTimezone : undefined;
    if (conversationChanged || conversation.locale !== locale || (clientZone && conversation.timeZone !== clientZone)) {
      conversation.locale = locale;
      if (clientZone) conversation.timeZone = clientZone;
      await this.conversation.set(context, conversation);
    }
    const timeZone = clientZone ?? conversation.timeZone ?? (await this.directoryTimeZone(identity));
    // The region for dates and numbers: the client's ("en-GB"), else the account's ("nl-BE").
    const region = regionalTag(locale, activity.locale, preferredLanguage);
    return {
      identity,
      // Recording what it writes: a card left waiting can then be written again after a switch of language.
      t: recording(translator(locale, { region, timeZone })),
      recognition,
      confirmation,
      smallTalk,
      concept,
      stepQuestion,
      typedAtCard,
      ticketCommand,
      ticketNumber,
      languageSwitch,
      isCardSubmission,
      cardAction: isCardSubmission ? parseCardAction(cardData) : undefined,
      inputTooLong,
      correlationId: randomUUID(),
      portalGoals: this.portalGoals,
    };
  }
}

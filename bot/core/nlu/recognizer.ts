// Intent and language recognition with NLP.js, trained from the corpus files in bot/core/nlu/corpus.
// The same recognizer serves the bot and `npm run nlu`. The trained model is a build artefact
// (dist/nlu-model.json), reused while the corpus is unchanged and retrained in memory otherwise.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { supportedLocales, toLocale, type Locale } from '../i18n/i18n.js';
import { paths } from '../../paths.js';
import { isGoalIntent, isIntentName, type GoalIntent, type IntentName } from '../goals.js';
import { fold, NgramModel } from './ngramModel.js';
import { canonical, canonicalTables } from './canonical.js';
import { normalizeUtterance } from './normalize.js';
import { splitClauses } from './clauses.js';
import { withoutRefusals } from './refusals.js';
import { withoutGreeting } from './smallTalk.js';
import { LanguageGuesser, type LibraryGuesser, type TrigramModel } from './languageGuess.js';

export interface Recognition {
  readonly intent: IntentName;
  readonly score: number;
  readonly locale: Locale;
  /** A second request in the same message ("… and sign me out everywhere"): its goal and the words that asked for it. */
  readonly also?: SecondRequest;
  /** The other goal when two read close and neither sure ("did you mean A or B?"); `intent` is then the likelier. */
  readonly runnerUp?: GoalIntent;
}

export interface SecondRequest {
  readonly intent: GoalIntent;
  /** The clause of the message that asked for it (the user's words: never logged). */
  readonly said: string;
}

export interface IntentRecognizer {
  /** `hint` is the channel's locale (e.g. "fr-FR"), used when the text itself does not say otherwise. */
  recognize(text: string, hint?: string): Promise<Recognition>;
}

export interface CorpusFile {
  readonly locale: string;
  readonly data: readonly { readonly intent: string; readonly utterances: readonly string[] }[];
}

/** Below this score an intent is not trusted and the answer is None. */
const intentThreshold = 0.45;
/** Raise to retrain cached models when the recognition settings change. */
const modelVersion = 4;

// Minimal shapes of the NLP.js objects used here (the packages ship no types).
interface Classification { intent: string; score: number }
interface NlpResult { intent?: string; score?: number; classifications?: Classification[] }
interface Nlp {
  settings: Record<string, unknown>;
  addLanguage(locales: string[]): void;
  addDocument(locale: string, utterance: string, intent: string): void;
  train(): Promise<unknown>;
  export(minified: boolean): string;
  import(data: string): void;
  nluManager: {
    settings: Record<string, unknown>;
    guesser: LibraryGuesser;
    process(input: { locale: string; utterance: string; settings: Record<string, unknown> }): Promise<NlpResult>;
  };
}
interface Container { use(plugin: unknown): void; get(name: string): unknown }

const require = createRequire(import.meta.url);
const nlpjs = {
  core: require('@nlpjs/core') as { containerBootstrap(): Promise<Container> },
  nlp: require('@nlpjs/nlp') as { Nlp: unknown },
  language: require('@nlpjs/language') as { Language: abstract new () => unknown },
  langs: [
    require('@nlpjs/lang-en') as Record<string, unknown>,
    require('@nlpjs/lang-fr') as Record<string, unknown>,
    require('@nlpjs/lang-nl') as Record<string, unknown>,
    require('@nlpjs/lang-sv') as Record<string, unknown>,
  ],
};

/** NLP.js's Latin-script trigram models (which training extends), for the language guess; undefined if the package is laid out otherwise. */
function latinTrigramModels(): Record<string, TrigramModel> | undefined {
  try {
    return (require('@nlpjs/language/src/data.json') as { Latin?: Record<string, TrigramModel> }).Latin;
  } catch {
    return undefined;
  }
}

async function createNlp(): Promise<Nlp> {
  const container = await nlpjs.core.containerBootstrap();
  container.use(nlpjs.language.Language);
  for (const lang of nlpjs.langs) {
    const plugin = Object.entries(lang).find(([name]) => /^Lang[A-Z][a-z]$/.test(name))?.[1];
    container.use(plugin);
  }
  container.use(nlpjs.nlp.Nlp);
  const nlp = container.get('nlp') as Nlp;
  nlp.settings.autoSave = false;
  nlp.settings.autoLoad = false;
  nlp.settings.log = false;
  const nluSettings = { log: false, useNoneFeature: true, spellCheck: true, spellCheckDistance: 1 };
  // Training reads the manager's settings, classification the container's.
  nlp.settings.nlu = { ...nluSettings };
  Object.assign(nlp.nluManager.settings, nluSettings);
  nlp.addLanguage([...supportedLocales]);
  return nlp;
}

export async function readCorpus(dir = paths.corpus): Promise<CorpusFile[]> {
  return Promise.all(supportedLocales.map(async (locale) => JSON.parse(await readFile(path.join(dir, `${locale}.json`), 'utf8')) as CorpusFile));
}

function corpusHash(corpus: readonly CorpusFile[]): string {
  return createHash('sha256').update(JSON.stringify({ modelVersion, corpus, canonicalTables })).digest('hex');
}

export const defaultModelFile = path.join(paths.root, 'dist', 'nlu-model.json');

function ngramModels(corpus: readonly CorpusFile[]): Map<Locale, NgramModel> {
  const models = new Map<Locale, NgramModel>();
  for (const file of corpus) {
    const locale = toLocale(file.locale);
    if (!locale) continue;
    const samples = file.data.flatMap(({ intent, utterances }) => utterances.map((u) => ({ label: intent, text: canonical(locale, normalizeUtterance(u)) })));
    models.set(locale, new NgramModel(samples, new Set(['None'])));
  }
  return models;
}

/** Weight of NLP.js in the blend with the n-gram model. */
const nlpWeight = 0.4;
/** Turns the n-gram similarities into a distribution: higher is more decisive. */
const ngramSharpness = 30;
/** How much the channel's locale counts when the text's language is unclear. */
const hintBonus = 0.15;

/** For each word of the corpus, the languages whose corpus uses it. */
function vocabulary(corpus: readonly CorpusFile[]): Map<string, Set<Locale>> {
  const words = new Map<string, Set<Locale>>();
  for (const file of corpus) {
    const locale = toLocale(file.locale);
    if (!locale) continue;
    for (const { utterances } of file.data) {
      for (const u of utterances) for (const w of fold(normalizeUtterance(u)).split(' ')) if (w) (words.get(w) ?? words.set(w, new Set()).get(w))?.add(locale);
    }
  }
  return words;
}

/** The n-gram similarities as a distribution over the labels. */
function ngramShares(labels: Map<string, number>): Map<string, number> {
  const weights = new Map([...labels].map(([label, s]) => [label, Math.exp(ngramSharpness * s)]));
  const total = [...weights.values()].reduce((a, b) => a + b, 0) || 1;
  return new Map([...weights].map(([label, w]) => [label, w / total]));
}

/** What a language's models read in a text: the intent, and the goal that came next (for "did you mean"). */
interface Reading {
  readonly intent: IntentName;
  readonly score: number;
  readonly next?: { readonly intent: GoalIntent; readonly score: number };
}

/** A clause of a message counts as a request of its own when its goal is read with this confidence. */
const clauseSure = 0.85;
/** The n-gram share a clause needs for its blended score to be able to reach `clauseSure`. */
const clauseNgramFloor = (clauseSure - nlpWeight) / (1 - nlpWeight);
/** Below this score, a goal with another one close behind it is asked about rather than started. */
const unsureBelow = 0.6;
/** How close the second goal must be to the first for "did you mean A or B?". */
const closeGoals = 0.1;

/** The goals a message read again without its names may give: those whose object is named (an organization). */
const namedGoals: ReadonlySet<string> = new Set<IntentName>(['organizations.leave', 'organizations.view']);

/**
 * The text without the names in it: runs of words that start with a capital and go on in small
 * letters ("Rijksarchief Gent", "Musée maritime du Québec" from its capital on, with the small words
 * between capitals), never the first word of a sentence, and never a word in capitals only (MFA, SMS).
 */
export function withoutNames(text: string): string {
  const name = /(?<![.!?]\s*|^\s*)\b\p{Lu}[\p{Ll}\p{M}'’-]+(?:\s+(?:(?:de|du|des|la|le|van|der|den|of|the|och|af|von)\s+)*\p{Lu}[\p{Ll}\p{M}'’-]+|\s+\p{Ll}[\p{Ll}\p{M}'’-]*(?=\s+(?:de|du|des)\s+\p{Lu}))*/gu;
  return text.replace(name, ' ').replace(/\s+/g, ' ').trim();
}

/** The goal that only shows what a refused change would act on ("don't disable anything, just …" → the devices). */
const showingGoal: Partial<Record<IntentName, GoalIntent>> = {
  'devices.disable': 'devices.view',
  'organizations.leave': 'organizations.view',
  'securityinfo.remove': 'securityinfo.view',
  'securityinfo.add': 'securityinfo.view',
  'securityinfo.default': 'securityinfo.view',
};

/** A goal read in a whole message with this confidence is not read again sentence by sentence. */
const sureScore = 0.8;

/** Languages whose reading of the text is this close to the best one are all tried for the intent. */
const closeLanguages = 0.15;

/** A bare e-mail address, phone number, code or web address is data the user was asked for, not a request. */
const isPlainData = (text: string): boolean =>
  /^[^\s@]+@[^\s@]+$/.test(text) || /^\+?[\d\s().-]{3,}$/.test(text) || /^(https?:\/\/)?[\w-]+(\.[\w-]+)+(\/\S*)?$/.test(text);

export class NlpRecognizer implements IntentRecognizer {
  private readonly words: Map<string, Set<Locale>>;
  /** How much each supported language looks like a text, 0..1: NLP.js's trigram guess. */
  private readonly guesser: LanguageGuesser;

  private constructor(private readonly nlp: Nlp, private readonly ngrams: Map<Locale, NgramModel>, corpus: readonly CorpusFile[]) {
    this.words = vocabulary(corpus);
    this.guesser = new LanguageGuesser(nlp.nluManager.guesser, nlp.nluManager.guesser instanceof nlpjs.language.Language ? latinTrigramModels() : undefined);
  }

  /** Trains from a corpus (no cache). */
  static async train(corpus: readonly CorpusFile[]): Promise<NlpRecognizer> {
    const nlp = await createNlp();
    for (const file of corpus) {
      const locale = toLocale(file.locale);
      if (!locale) throw new Error(`Corpus locale "${file.locale}" is not supported`);
      for (const { intent, utterances } of file.data) {
        if (!isIntentName(intent)) throw new Error(`Corpus ${locale}: unknown intent "${intent}"`);
        for (const utterance of utterances) nlp.addDocument(locale, canonical(locale, normalizeUtterance(utterance)), intent);
      }
    }
    await nlp.train();
    return new NlpRecognizer(nlp, ngramModels(corpus), corpus);
  }

  /**
   * Loads the model built from the current corpus, training (and saving it when `save` is set)
   * if the cached model is missing or was built from another corpus.
   */
  static async load(options: { corpusDir?: string; modelFile?: string; save?: boolean } = {}): Promise<NlpRecognizer> {
    const corpus = await readCorpus(options.corpusDir);
    const hash = corpusHash(corpus);
    const modelFile = options.modelFile ?? defaultModelFile;
    if (existsSync(modelFile)) {
      const cached = JSON.parse(await readFile(modelFile, 'utf8')) as { hash?: string; model?: string };
      if (cached.hash === hash && typeof cached.model === 'string') {
        const nlp = await createNlp();
        nlp.import(cached.model);
        return new NlpRecognizer(nlp, ngramModels(corpus), corpus);
      }
    }
    const recognizer = await NlpRecognizer.train(corpus);
    if (options.save) {
      await mkdir(path.dirname(modelFile), { recursive: true });
      await writeFile(modelFile, JSON.stringify({ hash, model: recognizer.nlp.export(true) }));
    }
    return recognizer;
  }

  /**
   * NLP.js's distribution over intents for a text read as `locale`. The classifier is asked
   * directly (what `nlp.process` asks first, with the same settings): the rest of `nlp.process`
   * (sentiment, answers, actions, conversation context) is not used here and cost as much again.
   */
  private async classify(locale: Locale, text: string): Promise<Map<string, number>> {
    // A fresh settings object each time, as nlp.process makes: the classifier adds its own to it.
    const result = await this.nlp.nluManager.process({ locale, utterance: text, settings: { ...(this.nlp.settings.nlu as Record<string, unknown>) } });
    return new Map((result.classifications ?? []).map((c) => [c.intent, c.score]));
  }

  /** Evidence from the words themselves: a word only one language's corpus uses counts most. */
  private wordEvidence(text: string): Map<Locale, number> {
    const evidence = new Map<Locale, number>(supportedLocales.map((l) => [l, 0]));
    const words = fold(text).split(' ').filter(Boolean);
    for (const word of words) {
      const languages = this.words.get(word);
      if (languages) for (const l of languages) evidence.set(l, (evidence.get(l) ?? 0) + 1 / languages.size);
    }
    return evidence;
  }

  /** The intent a language's models read in the text (NLP.js blended with the n-gram model), and the goal read next to it. */
  private async intentIn(locale: Locale, text: string, labels: Map<string, number>): Promise<Reading> {
    const neural = await this.classify(locale, text);
    let best: Reading = { intent: 'None', score: 0 };
    let next: { intent: GoalIntent; score: number } | undefined;
    for (const [label, share] of ngramShares(labels)) {
      const score = nlpWeight * (neural.get(label) ?? 0) + (1 - nlpWeight) * share;
      if (!isIntentName(label)) continue;
      if (score > best.score) {
        if (isGoalIntent(best.intent) && (!next || best.score > next.score)) next = { intent: best.intent, score: best.score };
        best = { intent: label, score };
      } else if (isGoalIntent(label) && (!next || score > next.score)) {
        next = { intent: label, score };
      }
    }
    return next ? { ...best, next } : best;
  }

  /**
   * The intent read in a text in one language: the whole text, and for a message of several
   * sentences each sentence too ("I'm back from holiday. Nothing works. I forgot my password."),
   * the surest reading winning. `words` is the whole text in the language's one form (canonical),
   * as the n-gram `labels` were read from it.
   */
  private async readingIn(locale: Locale, text: string, words: string, labels: Map<string, number>): Promise<Reading> {
    const model = this.ngrams.get(locale) as NgramModel;
    const whole = await this.intentIn(locale, words, labels);
    const sentences = text.split(/(?<=[.!?;])\s+|\n+/).map((s) => s.trim()).filter((s) => s.split(/\s+/).length >= 3);
    const settled = whole.intent !== 'None' && whole.intent !== 'help' && whole.intent !== 'cancel' && whole.score >= sureScore;
    if (sentences.length < 2 || settled) return whole;
    const readings = [whole];
    for (const sentence of sentences) {
      const words = canonical(locale, sentence);
      readings.push(await this.intentIn(locale, words, model.score(words).labels));
    }
    // In a message of several sentences, "can you help me?" or "I give up" is the manner, not the
    // request: a goal read with confidence in one of the sentences comes first.
    const confident = readings.filter((r) => r.intent !== 'None' && r.score >= intentThreshold);
    const goals = confident.filter((r) => r.intent !== 'help' && r.intent !== 'cancel');
    const pool = goals.length > 0 ? goals : confident;
    return pool.reduce((surest, r) => (r.score > surest.score ? r : surest), pool[0] ?? whole);
  }

  async recognize(rawText: string, hint?: string): Promise<Recognition> {
    // "Good morning! I forgot my password": the greeting says nothing of the request.
    const said = normalizeUtterance(rawText);
    const text = withoutGreeting(said) ?? said;
    const hinted = toLocale(hint);
    if (text === '' || isPlainData(text)) return { intent: 'None', score: 1, locale: hinted ?? 'en' };
    // "I don't want to change my password, I want to see my profile": the request is what is left
    // once the refusal is taken out, when that reads as one; else the whole message is read as before.
    const refusal = withoutRefusals(text);
    if (!refusal) return this.readAroundNames(text, hinted);
    const wanted = await this.read(refusal.wanted, hinted);
    if (wanted.intent !== 'None') return wanted;
    // The rest reads as nothing on its own ("ik wil geen organisatie verlaten, laat alleen zien waar
    // ik in zit"): the whole message, unless that is what was refused; then the goal that only shows.
    const whole = await this.read(text, hinted);
    const refused = await Promise.all(refusal.refused.map((part) => this.read(part, hinted)));
    if (!refused.some((r) => r.intent === whole.intent)) return whole;
    const shows = showingGoal[whole.intent];
    return shows ? { intent: shows, score: whole.score, locale: whole.locale } : { intent: 'None', score: whole.score, locale: whole.locale };
  }

  /**
   * A message that reads as nothing because of names the corpus never saw ("get me out of
   * Rijksarchief Gent", "ik wil ook uit Musée maritime du Québec") is read again without them:
   * the words around a name say what is asked. Only then, so a name never changes a reading.
   */
  private async readAroundNames(text: string, hinted: Locale | undefined): Promise<Recognition> {
    const first = await this.read(text, hinted);
    if (first.intent !== 'None') return first;
    const rest = withoutNames(text);
    if (rest === text || rest === '') return first;
    const again = await this.read(rest, hinted);
    // Only the goals a name is the object of here: an organization. Read without its names, "book a meeting with Sarah" would ask for anything.
    return namedGoals.has(again.intent) ? again : first;
  }

  private async read(text: string, hinted: Locale | undefined): Promise<Recognition> {
    // 1. The language: the words only one language uses, how familiar the text looks to each
    //    corpus, the trigram guesser, and a little the channel's hint.
    const guesses = this.guesser.scores(text);
    const evidence = this.wordEvidence(text);
    const words = new Map(supportedLocales.map((l) => [l, canonical(l, text)]));
    const ngram = new Map(supportedLocales.map((l) => [l, (this.ngrams.get(l) as NgramModel).score(words.get(l) as string)]));
    const bestFamiliarity = Math.max(...[...ngram.values()].map((s) => s.familiarity), 1e-9);
    const bestEvidence = Math.max(...evidence.values());
    const languageScore = (l: Locale): number =>
      (bestEvidence > 0 ? 0.5 * ((evidence.get(l) ?? 0) / bestEvidence) : 0) +
      0.3 * ((ngram.get(l) as { familiarity: number }).familiarity / bestFamiliarity) +
      0.2 * (guesses.get(l) ?? 0) +
      (l === hinted ? hintBonus : 0);
    const ranked = [...supportedLocales].sort((a, b) => languageScore(b) - languageScore(a));
    const locale = ranked[0] as Locale;
    // 2. The intent: read in the best language and in any language nearly as likely; the most
    //    confident reading wins ("help" in a French conversation is still help).
    const candidates = ranked.filter((l) => languageScore(l) >= languageScore(locale) - closeLanguages);
    let best: Reading = { intent: 'None', score: 0 };
    let readIn = locale;
    for (const l of candidates) {
      const reading = await this.readingIn(l, text, words.get(l) as string, (ngram.get(l) as { labels: Map<string, number> }).labels);
      const current = best.intent === 'None' ? 0 : best.score;
      if (best.score === 0 || (reading.intent !== 'None' && reading.score > current)) {
        best = reading;
        readIn = l;
      }
    }
    if (best.intent === 'None' || best.score < intentThreshold) {
      return { intent: 'None', score: best.intent === 'None' ? best.score : 1 - best.score, locale };
    }
    const two = isGoalIntent(best.intent) ? await this.twoRequests(readIn, text, best.intent) : undefined;
    if (two) return { intent: two.first.intent, score: Math.max(two.first.score, two.first.intent === best.intent ? best.score : 0), locale, also: two.also };
    const runnerUp = best.next && best.score < unsureBelow && best.score - best.next.score <= closeGoals ? best.next.intent : undefined;
    return runnerUp ? { intent: best.intent, score: best.score, locale, runnerUp } : { intent: best.intent, score: best.score, locale };
  }

  /**
   * Two requests in one message: two of its clauses each read, confidently, a different goal, one of
   * them the goal the whole message reads. The one said first comes first; the other is kept with its words.
   */
  private async twoRequests(locale: Locale, text: string, whole: GoalIntent): Promise<{ first: Reading; also: SecondRequest } | undefined> {
    const clauses = splitClauses(locale, text);
    if (clauses.length < 2) return undefined;
    const model = this.ngrams.get(locale) as NgramModel;
    let first: { reading: Reading; clause: string } | undefined;
    let other: { reading: Reading; clause: string } | undefined;
    for (const clause of clauses) {
      const words = canonical(locale, clause);
      const labels = model.score(words).labels;
      // A clause whose n-gram reading alone cannot reach a sure score is not read by NLP.js too (the bot reads every message: keep it fast).
      if (Math.max(0, ...ngramShares(labels).values()) < clauseNgramFloor) continue;
      const reading = await this.intentIn(locale, words, labels);
      if (!isGoalIntent(reading.intent) || reading.score < clauseSure) continue;
      if (!first) first = { reading, clause };
      else if (reading.intent !== first.reading.intent) {
        other = { reading, clause };
        break;
      }
    }
    if (!first || !other || (first.reading.intent !== whole && other.reading.intent !== whole) || !isGoalIntent(other.reading.intent)) return undefined;
    return { first: first.reading, also: { intent: other.reading.intent, said: other.clause } };
  }
}

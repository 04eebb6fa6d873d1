// A character n-gram model of the corpus, used beside NLP.js: it tolerates typos, missing accents
// and unseen word forms, and tells how much a text looks like each language's corpus.
// TF-IDF vectors (words plus character 3- and 4-grams), cosine similarity to the examples.
//
// Every message is scored in the four languages, sometimes sentence by sentence and clause by
// clause too, so scoring is the recognizer's hottest path: the terms are numbered once (an n-gram
// is looked up by a number packed from its characters, never built as a string), the postings lie
// in flat typed arrays, and the buffers a score needs are made once and shared by the models.
// Sums are taken term by term in the order the text names its terms, and the examples in the order
// they are first reached: another order would change the last bits of the scores.

import { isAscii } from './normalize.js';

/** Lower case, no accents, letters and digits only. */
export function fold(text: string): string {
  // Most messages are ASCII: no accents to take off, no normalization.
  if (isAscii(text)) return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** The n-gram lengths read inside each word (padded with a space at both ends). */
const gramLengths = [3, 4] as const;

export interface NgramScores {
  /** Per label, a score in 0..1 (best example similarity blended with the label centroid's). */
  readonly labels: Map<string, number>;
  /** Similarity of the text to its nearest example: how familiar the text looks. */
  readonly familiarity: number;
}

/**
 * The terms of texts as numbers: a word by itself, and its 3- and 4-grams by a number packed from
 * their characters' places in the corpus's alphabet (a character the corpus never uses makes an
 * n-gram the corpus cannot have).
 */
class TermTable {
  private readonly words = new Map<string, number>();
  /** The n-grams while the corpus is read; `seal` then lays them out in the open-addressing table below. */
  private grams: Map<number, number> | undefined = new Map<number, number>();
  /**
   * The n-gram numbers by packed key, faster than a Map on the hot path: an open-addressing table
   * (linear probing, at most half full), a slot being the key then the number side by side (one
   * cache line read per probe); a key of -1 marks a free slot.
   */
  private gramSlots = new Float64Array(4).fill(-1);
  /** 32 less the table's size in bits: a key's first slot is the top bits of its hash. */
  private shift = 31;
  /** For each UTF-16 code unit, its place in the alphabet (1-based), 0 when the corpus never uses it. */
  private readonly place = new Uint16Array(0x10000);
  private readonly base: number;
  private readonly threeGrams: number;
  size = 0;

  constructor(foldedTexts: readonly string[]) {
    let letters = 0;
    this.place[0x20] = ++letters;
    for (const text of foldedTexts) {
      for (let i = 0; i < text.length; i += 1) {
        const code = text.charCodeAt(i);
        if (this.place[code] === 0) this.place[code] = ++letters;
      }
    }
    this.base = letters + 1;
    // 3-grams take the numbers below base³, 4-grams those from base³ on.
    this.threeGrams = this.base ** 3;
    if (this.threeGrams + this.base ** 4 > Number.MAX_SAFE_INTEGER) throw new Error('The corpus uses too many characters for the n-gram model');
  }

  /**
   * The text's terms in order (each word, then its 3-grams, then its 4-grams), repeats kept, into
   * `out` from index 0; returns how many. A term the table lacks is numbered when `learn` is set,
   * left out otherwise.
   */
  read(folded: string, learn: boolean, out: Int32Array): number {
    let count = 0;
    let start = 0;
    while (start < folded.length) {
      let end = folded.indexOf(' ', start);
      if (end < 0) end = folded.length;
      if (end > start) {
        const word = folded.slice(start, end);
        let id = this.words.get(word);
        if (id === undefined && learn) this.words.set(word, (id = this.size++));
        if (id !== undefined) out[count++] = id;
        // The padded word " word ": position p is a space at both ends, the word's code unit otherwise.
        const padded = end - start + 2;
        for (const n of gramLengths) {
          for (let i = 0; i + n <= padded; i += 1) {
            let key = 0;
            for (let k = i; k < i + n; k += 1) {
              const letter = k === 0 || k === padded - 1 ? 1 : (this.place[folded.charCodeAt(start + k - 1)] as number);
              if (letter === 0) {
                key = -1;
                break;
              }
              key = key * this.base + letter;
            }
            if (key < 0) continue;
            if (n === 4) key += this.threeGrams;
            const gram = learn ? this.learnGram(key) : this.gram(key);
            if (gram >= 0) out[count++] = gram;
          }
        }
      }
      start = end + 1;
    }
    return count;
  }

  private learnGram(key: number): number {
    const grams = this.grams as Map<number, number>;
    let gram = grams.get(key);
    if (gram === undefined) grams.set(key, (gram = this.size++));
    return gram;
  }

  /** The n-gram's number, -1 when the corpus does not have it. */
  private gram(key: number): number {
    const slots = this.gramSlots;
    const mask = (slots.length >> 1) - 1;
    for (let slot = Math.imul(key | 0, 0x9e3779b1 | 0) >>> this.shift; ; slot = (slot + 1) & mask) {
      const found = slots[2 * slot] as number;
      if (found === key) return slots[2 * slot + 1] as number;
      if (found < 0) return -1;
    }
  }

  /** Ends the learning: the n-grams move to the lookup table. */
  seal(): void {
    const grams = this.grams as Map<number, number>;
    let bits = 1;
    while (1 << bits < 2 * grams.size) bits += 1;
    this.shift = 32 - bits;
    this.gramSlots = new Float64Array(2 << bits).fill(-1);
    const mask = (1 << bits) - 1;
    for (const [key, gram] of grams) {
      let slot = Math.imul(key | 0, 0x9e3779b1 | 0) >>> this.shift;
      while ((this.gramSlots[2 * slot] as number) >= 0) slot = (slot + 1) & mask;
      this.gramSlots[2 * slot] = key;
      this.gramSlots[2 * slot + 1] = gram;
    }
    this.grams = undefined;
  }

  /** Room for the terms of a folded text: a word and at most two n-grams per character and space around it. */
  static room(folded: string): number {
    return 3 * folded.length + 3;
  }
}

/**
 * The buffers a score works in, made once and shared by the models (a score runs to its end before
 * another starts; one set of buffers also keeps the cache for the models' own tables). Each is left
 * as it was found: all -1 or all 0.
 */
const scratch = {
  /** The text's term numbers, repeats kept. */
  terms: new Int32Array(256),
  /** Per term: its place in the text's vector, -1 when absent. */
  slotOf: new Int32Array(0),
  /** Per example: the dot product with the text so far, 0 until reached. */
  similarity: new Float64Array(0),
  /** The examples reached, in the order they were first reached. */
  touched: new Int32Array(0),
  fit(terms: number, examples: number): void {
    if (this.slotOf.length < terms) this.slotOf = new Int32Array(Math.max(terms, 2 * this.slotOf.length)).fill(-1);
    if (this.similarity.length < examples) {
      this.similarity = new Float64Array(examples);
      this.touched = new Int32Array(examples);
    }
  },
};

/** A text's distinct terms, in the order it first names them, and how often it names each. */
interface Bag {
  readonly ids: Int32Array;
  readonly counts: Int32Array;
}

function bagOf(terms: Int32Array): Bag {
  const { slotOf } = scratch;
  const ids = new Int32Array(terms.length);
  const counts = new Int32Array(terms.length);
  let size = 0;
  for (let i = 0; i < terms.length; i += 1) {
    const id = terms[i] as number;
    const slot = slotOf[id] as number;
    if (slot < 0) {
      slotOf[id] = size;
      ids[size] = id;
      counts[size] = 1;
      size += 1;
    } else {
      counts[slot] = (counts[slot] as number) + 1;
    }
  }
  for (let k = 0; k < size; k += 1) slotOf[ids[k] as number] = -1;
  return { ids: ids.subarray(0, size), counts: counts.subarray(0, size) };
}

export class NgramModel {
  private readonly terms: TermTable;
  private readonly idf: Float64Array;
  /** The labels, in the order the corpus first names them. */
  private readonly labels: string[] = [];
  /** Whether each label is scattered (index as in `labels`). */
  private readonly scatteredLabel: boolean[] = [];
  /** How many of a label's best similarities count: three, fewer when it has fewer examples. */
  private readonly slotsOf: Int32Array;
  /** Each label's first slot in the three-per-label table of best similarities. */
  private readonly firstSlots: Int32Array;
  /** The label of each example, as an index into `labels`. */
  private readonly labelOf: Int32Array;
  /** For each term t, the examples that have it and its weight there, at postingStart[t] .. postingStart[t + 1]: only those are scored. */
  private readonly postingStart: Int32Array;
  private readonly postingExample: Uint16Array | Int32Array;
  private readonly postingWeight: Float64Array;
  /** For each term t, the label centroids that have it and its weight there, at centroidStart[t] .. centroidStart[t + 1]. */
  private readonly centroidStart: Int32Array;
  private readonly centroidLabel: Int32Array;
  private readonly centroidWeight: Float64Array;

  /**
   * `scattered` labels gather many unrelated things (None: other services, facilities, chit-chat):
   * their centroid says nothing, so they are scored by their nearest examples alone.
   */
  constructor(samples: readonly { label: string; text: string }[], scattered: ReadonlySet<string> = new Set()) {
    const folded = samples.map(({ text }) => fold(text));
    this.terms = new TermTable(folded);
    const bags = folded.map((text) => {
      const ids = this.termsOf(text, true);
      scratch.fit(this.terms.size, 0);
      return bagOf(ids);
    });
    this.terms.seal();
    const termCount = this.terms.size;
    // A term's postings are its examples: as many as its document frequency.
    const documentFrequency = new Int32Array(termCount);
    for (const { ids } of bags) for (const id of ids) documentFrequency[id] = (documentFrequency[id] as number) + 1;
    this.idf = Float64Array.from(documentFrequency, (df) => Math.log((1 + samples.length) / (1 + df)) + 1);
    this.postingStart = new Int32Array(termCount + 1);
    for (let id = 0; id < termCount; id += 1) this.postingStart[id + 1] = (this.postingStart[id] as number) + (documentFrequency[id] as number);
    const postings = this.postingStart[termCount] as number;
    // Half the memory to read when the examples can be numbered in 16 bits (the four models are read in turn: they compete for the cache).
    this.postingExample = samples.length <= 0x10000 ? new Uint16Array(postings) : new Int32Array(postings);
    this.postingWeight = new Float64Array(postings);
    const next = this.postingStart.slice(0, termCount);
    const labelIndex = new Map<string, number>();
    const examplesOf: number[] = [];
    /** Each label's centroid: the sum of its examples' vectors, by term, and its terms in the order they came. */
    const centroids: { sum: Float64Array; terms: number[] }[] = [];
    const labelOf: number[] = [];
    bags.forEach((bag, example) => {
      const label = (samples[example] as { label: string }).label;
      const vector = this.weigh(bag);
      let index = labelIndex.get(label);
      if (index === undefined) {
        index = this.labels.push(label) - 1;
        labelIndex.set(label, index);
        this.scatteredLabel.push(scattered.has(label));
        examplesOf.push(0);
        centroids.push({ sum: new Float64Array(termCount), terms: [] });
      }
      examplesOf[index] = (examplesOf[index] as number) + 1;
      labelOf.push(index);
      const centroid = centroids[index] as { sum: Float64Array; terms: number[] };
      for (let k = 0; k < vector.ids.length; k += 1) {
        const id = vector.ids[k] as number;
        const weight = vector.values[k] as number;
        const at = next[id] as number;
        next[id] = at + 1;
        this.postingExample[at] = example;
        this.postingWeight[at] = weight;
        // Weights are above 0: a term is new to the centroid while its sum is 0.
        if (centroid.sum[id] === 0) centroid.terms.push(id);
        centroid.sum[id] = (centroid.sum[id] as number) + weight;
      }
    });
    this.labelOf = Int32Array.from(labelOf);
    this.slotsOf = Int32Array.from(examplesOf, (count) => Math.min(3, count));
    this.firstSlots = Int32Array.from(this.labels, (_, index) => index * 3);
    // The centroids, normalized, as postings: per term, the labels in order.
    const centroidCount = new Int32Array(termCount);
    for (const { terms } of centroids) for (const id of terms) centroidCount[id] = (centroidCount[id] as number) + 1;
    this.centroidStart = new Int32Array(termCount + 1);
    for (let id = 0; id < termCount; id += 1) this.centroidStart[id + 1] = (this.centroidStart[id] as number) + (centroidCount[id] as number);
    this.centroidLabel = new Int32Array(this.centroidStart[termCount] as number);
    this.centroidWeight = new Float64Array(this.centroidStart[termCount] as number);
    const nextCentroid = this.centroidStart.slice(0, termCount);
    centroids.forEach(({ sum, terms }, label) => {
      let norm = 0;
      for (const id of terms) norm += (sum[id] as number) * (sum[id] as number);
      norm = Math.sqrt(norm) || 1;
      for (const id of terms) {
        const at = nextCentroid[id] as number;
        nextCentroid[id] = at + 1;
        this.centroidLabel[at] = label;
        this.centroidWeight[at] = (sum[id] as number) / norm;
      }
    });
    scratch.fit(termCount, samples.length);
  }

  /** The folded text's term numbers in order, repeats kept (a view on the shared buffer). */
  private termsOf(folded: string, learn: boolean): Int32Array {
    const room = TermTable.room(folded);
    if (scratch.terms.length < room) scratch.terms = new Int32Array(room);
    return scratch.terms.subarray(0, this.terms.read(folded, learn, scratch.terms));
  }

  /** A bag's TF-IDF vector, normalized: each term's weight, in the bag's order. */
  private weigh({ ids, counts }: Bag): { ids: Int32Array; values: Float64Array } {
    const values = new Float64Array(ids.length);
    let norm = 0;
    for (let k = 0; k < ids.length; k += 1) {
      const value = (1 + Math.log(counts[k] as number)) * (this.idf[ids[k] as number] as number);
      values[k] = value;
      norm += value * value;
    }
    norm = Math.sqrt(norm) || 1;
    for (let k = 0; k < ids.length; k += 1) values[k] = (values[k] as number) / norm;
    return { ids, values };
  }

  /**
   * Scores the text against the examples that share a term with it (the others are 0): each
   * label's three nearest examples, blended with the label's centroid.
   */
  score(text: string): NgramScores {
    // The text's TF-IDF vector: its terms the corpus uses, in the order the text first names them.
    const vector = this.weigh(bagOf(this.termsOf(fold(text), false)));
    const size = vector.ids.length;

    // Dot products with the examples and the label centroids, term by term.
    const { similarity, touched } = scratch;
    const { postingStart, postingExample, postingWeight, centroidStart, centroidLabel, centroidWeight } = this;
    const labelCount = this.labels.length;
    const toCentroid = new Float64Array(labelCount);
    let reached = 0;
    for (let k = 0; k < size; k += 1) {
      const id = vector.ids[k] as number;
      const weight = vector.values[k] as number;
      const end = postingStart[id + 1] as number;
      for (let i = postingStart[id] as number; i < end; i += 1) {
        const example = postingExample[i] as number;
        const before = similarity[example] as number;
        if (before === 0) touched[reached++] = example;
        similarity[example] = before + weight * (postingWeight[i] as number);
      }
      const centroidEnd = centroidStart[id + 1] as number;
      for (let i = centroidStart[id] as number; i < centroidEnd; i += 1) {
        const label = centroidLabel[i] as number;
        toCentroid[label] = (toCentroid[label] as number) + weight * (centroidWeight[i] as number);
      }
    }
    // The three best similarities of each label (fewer when it has fewer examples); an example that
    // shares no term counts as 0, so every slot starts at 0. The examples are taken in the order
    // they were first reached, which decides the slots' order and so the last bit of their sum.
    // Each label's lowest slot (the first of the lowest ones) is kept: only an example above it
    // changes the slots, and most examples reached are not.
    const { labelOf, slotsOf } = this;
    const best = new Float64Array(labelCount * 3);
    const lowestOf = this.firstSlots.slice();
    let familiarity = 0;
    for (let t = 0; t < reached; t += 1) {
      const example = touched[t] as number;
      const value = similarity[example] as number;
      similarity[example] = 0;
      if (value > familiarity) familiarity = value;
      const label = labelOf[example] as number;
      const lowest = lowestOf[label] as number;
      if (value > (best[lowest] as number)) {
        best[lowest] = value;
        const first = label * 3;
        let next = first;
        for (let slot = first + 1; slot < first + (slotsOf[label] as number); slot += 1) if ((best[slot] as number) < (best[next] as number)) next = slot;
        lowestOf[label] = next;
      }
    }
    const labels = new Map<string, number>();
    for (let index = 0; index < labelCount; index += 1) {
      const slots = slotsOf[index] as number;
      let sum = 0;
      for (let slot = index * 3; slot < index * 3 + slots; slot += 1) sum += best[slot] as number;
      const nearest = Math.max(best[index * 3] as number, best[index * 3 + 1] as number, best[index * 3 + 2] as number);
      labels.set(this.labels[index] as string, 0.6 * (sum / slots) + 0.4 * (this.scatteredLabel[index] ? nearest : (toCentroid[index] as number)));
    }
    return { labels, familiarity };
  }
}

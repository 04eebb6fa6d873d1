// A character n-gram model of the corpus, used beside NLP.js: it tolerates typos, missing accents
// and unseen word forms, and tells how much a text looks like each language's corpus.
// TF-IDF vectors (words plus character 3- and 4-grams), cosine similarity to the examples.

export type SparseVector = Map<number, number>;

/** Lower case, no accents, letters and digits only. */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

function terms(text: string): string[] {
  const words = fold(text).split(' ').filter(Boolean);
  const out: string[] = [];
  for (const word of words) {
    out.push(`w:${word}`);
    const padded = ` ${word} `;
    for (const n of [3, 4]) for (let i = 0; i + n <= padded.length; i += 1) out.push(padded.slice(i, i + n));
  }
  return out;
}

function normalize<K>(vector: Map<K, number>): Map<K, number> {
  let norm = 0;
  for (const v of vector.values()) norm += v * v;
  norm = Math.sqrt(norm) || 1;
  for (const [k, v] of vector) vector.set(k, v / norm);
  return vector;
}

export interface NgramScores {
  /** Per label, a score in 0..1 (best example similarity blended with the label centroid's). */
  readonly labels: Map<string, number>;
  /** Similarity of the text to its nearest example: how familiar the text looks. */
  readonly familiarity: number;
}

export class NgramModel {
  /** Every term of the corpus, numbered: the model works on these numbers. */
  private readonly termIds = new Map<string, number>();
  private readonly idf: Float64Array;
  /** The labels, in the order the corpus first names them. */
  private readonly labels: string[] = [];
  /** How many examples each label has (index as in `labels`). */
  private readonly examplesOf: number[] = [];
  /** The label of each example, as an index into `labels`. */
  private readonly labelOf: number[] = [];
  /** For each term, the examples that have it and its weight there: only those are scored. */
  private readonly postings: { readonly examples: Int32Array; readonly weights: Float64Array }[] = [];
  /** For each term, the label centroids that have it and its weight there. */
  private readonly centroidPostings: { label: number; weight: number }[][] = [];

  /**
   * `scattered` labels gather many unrelated things (None: other services, facilities, chit-chat):
   * their centroid says nothing, so they are scored by their nearest examples alone.
   */
  constructor(samples: readonly { label: string; text: string }[], private readonly scattered: ReadonlySet<string> = new Set()) {
    const documentFrequency: number[] = [];
    const bags = samples.map(({ label, text }) => {
      const bag = new Map<number, number>();
      for (const term of terms(text)) {
        let id = this.termIds.get(term);
        if (id === undefined) {
          id = this.termIds.size;
          this.termIds.set(term, id);
          documentFrequency.push(0);
        }
        bag.set(id, (bag.get(id) ?? 0) + 1);
      }
      for (const id of bag.keys()) documentFrequency[id] = (documentFrequency[id] as number) + 1;
      return { label, bag };
    });
    this.idf = Float64Array.from(documentFrequency, (df) => Math.log((1 + samples.length) / (1 + df)) + 1);
    const labelIndex = new Map<string, number>();
    const centroids: Map<number, number>[] = [];
    const examples: number[][] = documentFrequency.map(() => []);
    const weights: number[][] = documentFrequency.map(() => []);
    for (const { label, bag } of bags) {
      const vector = this.weigh(bag);
      let index = labelIndex.get(label);
      if (index === undefined) {
        index = this.labels.push(label) - 1;
        labelIndex.set(label, index);
        this.examplesOf.push(0);
        centroids.push(new Map());
      }
      this.examplesOf[index] = (this.examplesOf[index] ?? 0) + 1;
      const example = this.labelOf.push(index) - 1;
      const centroid = centroids[index] as Map<number, number>;
      for (const [id, weight] of vector) {
        (examples[id] as number[]).push(example);
        (weights[id] as number[]).push(weight);
        centroid.set(id, (centroid.get(id) ?? 0) + weight);
      }
    }
    for (let id = 0; id < examples.length; id += 1) {
      this.postings.push({ examples: Int32Array.from(examples[id] as number[]), weights: Float64Array.from(weights[id] as number[]) });
      this.centroidPostings.push([]);
    }
    centroids.forEach((centroid, label) => {
      for (const [id, weight] of normalize(centroid)) this.centroidPostings[id]?.push({ label, weight });
    });
  }

  private weigh(bag: Map<number, number>): Map<number, number> {
    const vector = new Map<number, number>();
    for (const [id, count] of bag) vector.set(id, (1 + Math.log(count)) * (this.idf[id] as number));
    return normalize(vector);
  }

  /** The text's weighted terms; terms the corpus never uses are left out. */
  vectorize(text: string): SparseVector {
    const bag = new Map<number, number>();
    for (const term of terms(text)) {
      const id = this.termIds.get(term);
      if (id !== undefined) bag.set(id, (bag.get(id) ?? 0) + 1);
    }
    return this.weigh(bag);
  }

  /**
   * Scores the text against the examples that share a term with it (the others are 0): each
   * label's three nearest examples, blended with the label's centroid.
   */
  score(text: string): NgramScores {
    const vector = this.vectorize(text);
    const similarity = new Float64Array(this.labelOf.length);
    const touched: number[] = [];
    const toCentroid = new Float64Array(this.labels.length);
    for (const [term, weight] of vector) {
      const posting = this.postings[term];
      if (posting) {
        const { examples, weights } = posting;
        for (let i = 0; i < examples.length; i += 1) {
          const example = examples[i] as number;
          if (similarity[example] === 0) touched.push(example);
          similarity[example] = (similarity[example] as number) + weight * (weights[i] as number);
        }
      }
      for (const { label, weight: w } of this.centroidPostings[term] ?? []) toCentroid[label] = (toCentroid[label] ?? 0) + weight * w;
    }
    // The three best similarities of each label (fewer when it has fewer examples); an example that
    // shares no term counts as 0, so every slot starts at 0.
    const best = new Float64Array(this.labels.length * 3);
    let familiarity = 0;
    for (const example of touched) {
      const value = similarity[example] as number;
      if (value > familiarity) familiarity = value;
      const label = this.labelOf[example] as number;
      const slots = Math.min(3, this.examplesOf[label] as number);
      let lowest = label * 3;
      for (let slot = lowest + 1; slot < label * 3 + slots; slot += 1) if ((best[slot] as number) < (best[lowest] as number)) lowest = slot;
      if (value > (best[lowest] as number)) best[lowest] = value;
    }
    const labels = new Map<string, number>();
    this.labels.forEach((label, index) => {
      const slots = Math.min(3, this.examplesOf[index] as number);
      let sum = 0;
      for (let slot = index * 3; slot < index * 3 + slots; slot += 1) sum += best[slot] as number;
      const nearest = Math.max(best[index * 3] as number, best[index * 3 + 1] as number, best[index * 3 + 2] as number);
      labels.set(label, 0.6 * (sum / slots) + 0.4 * (this.scattered.has(label) ? nearest : (toCentroid[index] ?? 0)));
    });
    return { labels, familiarity };
  }
}

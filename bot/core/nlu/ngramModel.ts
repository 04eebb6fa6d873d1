// A character n-gram model of the corpus, used beside NLP.js: it tolerates typos, missing accents
// and unseen word forms, and tells how much a text looks like each language's corpus.
// TF-IDF vectors (words plus character 3- and 4-grams), cosine similarity to the examples.

export type SparseVector = Map<string, number>;

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

function normalize(vector: SparseVector): SparseVector {
  let norm = 0;
  for (const v of vector.values()) norm += v * v;
  norm = Math.sqrt(norm) || 1;
  for (const [k, v] of vector) vector.set(k, v / norm);
  return vector;
}

function cosine(a: SparseVector, b: SparseVector): number {
  const [small, large] = a.size < b.size ? [a, b] : [b, a];
  let sum = 0;
  for (const [k, v] of small) {
    const w = large.get(k);
    if (w !== undefined) sum += v * w;
  }
  return sum;
}

export interface NgramScores {
  /** Per label, a score in 0..1 (best example similarity blended with the label centroid's). */
  readonly labels: Map<string, number>;
  /** Similarity of the text to its nearest example: how familiar the text looks. */
  readonly familiarity: number;
}

export class NgramModel {
  private readonly idf = new Map<string, number>();
  private readonly labels: string[] = [];
  /** For each term, the examples that have it and its weight there: only those are scored. */
  private readonly postings = new Map<string, { example: number; weight: number }[]>();
  private readonly centroids = new Map<string, SparseVector>();

  constructor(samples: readonly { label: string; text: string }[]) {
    const documentFrequency = new Map<string, number>();
    const bags = samples.map(({ label, text }) => {
      const bag = new Map<string, number>();
      for (const term of terms(text)) bag.set(term, (bag.get(term) ?? 0) + 1);
      for (const term of bag.keys()) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
      return { label, bag };
    });
    for (const [term, df] of documentFrequency) this.idf.set(term, Math.log((1 + samples.length) / (1 + df)) + 1);
    for (const { label, bag } of bags) {
      const vector = this.weigh(bag);
      const example = this.labels.push(label) - 1;
      for (const [term, weight] of vector) (this.postings.get(term) ?? this.postings.set(term, []).get(term))?.push({ example, weight });
      const centroid = this.centroids.get(label) ?? new Map<string, number>();
      for (const [k, v] of vector) centroid.set(k, (centroid.get(k) ?? 0) + v);
      this.centroids.set(label, centroid);
    }
    for (const centroid of this.centroids.values()) normalize(centroid);
  }

  private weigh(bag: Map<string, number>): SparseVector {
    const vector: SparseVector = new Map();
    for (const [term, count] of bag) {
      const idf = this.idf.get(term);
      if (idf !== undefined) vector.set(term, (1 + Math.log(count)) * idf);
    }
    return normalize(vector);
  }

  vectorize(text: string): SparseVector {
    const bag = new Map<string, number>();
    for (const term of terms(text)) bag.set(term, (bag.get(term) ?? 0) + 1);
    return this.weigh(bag);
  }

  score(text: string): NgramScores {
    const vector = this.vectorize(text);
    const similarity = new Float64Array(this.labels.length);
    for (const [term, weight] of vector) for (const posting of this.postings.get(term) ?? []) similarity[posting.example] = (similarity[posting.example] ?? 0) + weight * posting.weight;
    const nearest = new Map<string, number[]>();
    let familiarity = 0;
    similarity.forEach((value, example) => {
      familiarity = Math.max(familiarity, value);
      const label = this.labels[example] as string;
      const top = nearest.get(label) ?? [];
      // Keep the three best similarities of each label.
      if (top.length < 3) top.push(value);
      else if (value > Math.min(...top)) top[top.indexOf(Math.min(...top))] = value;
      nearest.set(label, top);
    });
    const labels = new Map<string, number>();
    for (const [label, top] of nearest) {
      // Mean of the three nearest examples of the label, blended with its centroid.
      const knn = top.reduce((a, b) => a + b, 0) / top.length;
      labels.set(label, 0.6 * knn + 0.4 * cosine(vector, this.centroids.get(label) as SparseVector));
    }
    return { labels, familiarity };
  }
}

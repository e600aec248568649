/**
 * A small bounded cache for values that recur within and across messages (the dates and times of
 * a page of records): cleared when full, so it never grows with what the wire sends.
 */
export class RecentValues<K, V> {
  readonly #map = new Map<K, V>();
  readonly #capacity: number;

  constructor(capacity = 512) {
    this.#capacity = capacity;
  }

  get(key: K): V | undefined {
    return this.#map.get(key);
  }

  put(key: K, value: V): V {
    if (this.#map.size >= this.#capacity) this.#map.clear();
    this.#map.set(key, value);
    return value;
  }
}

/** `parse(text)` through a RecentValues: a text parsed once is not parsed again while cached. */
export function cachedParse<T>(
  cache: RecentValues<string, T>,
  parse: (text: string) => T | undefined,
): (text: string) => T | undefined {
  return (text) => {
    const known = cache.get(text);
    if (known !== undefined) return known;
    const parsed = parse(text);
    return parsed === undefined ? undefined : cache.put(text, parsed);
  };
}

/**
 * Texts by an integer key (0 ≤ key < 2^53, e.g. a date's or time's fields packed into one
 * number), direct-mapped: one slot per key hash, replaced on collision. Cheaper than a Map for
 * values that arrive again and again (a page of records), and never larger than `size`.
 */
export class KeyedTexts {
  readonly #keys: Float64Array;
  readonly #texts: (string | undefined)[];
  readonly #shift: number;

  /** `bits`: log2 of the number of slots. */
  constructor(bits = 8) {
    this.#keys = new Float64Array(1 << bits).fill(Number.NaN);
    this.#texts = new Array(1 << bits).fill(undefined);
    this.#shift = 32 - bits;
  }

  #slot(key: number): number {
    // Both 32-bit halves of the key, mixed (Fibonacci hashing).
    return Math.imul((key >>> 0) ^ ((key / 4294967296) >>> 0), 0x9e3779b1) >>> this.#shift;
  }

  /** The text kept for `key`; undefined for any other key, NaN included. */
  get(key: number): string | undefined {
    const slot = this.#slot(key);
    return this.#keys[slot] === key ? this.#texts[slot] : undefined;
  }

  put(key: number, text: string): string {
    const slot = this.#slot(key);
    this.#keys[slot] = key;
    this.#texts[slot] = text;
    return text;
  }
}

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

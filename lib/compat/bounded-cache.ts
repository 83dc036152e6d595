/**
 * Least-recently-used Map with an entry bound and a bound on the total key
 * length: keys are whole canonical schemas, so counting entries alone would
 * let a few huge schemas pin a lot of memory.
 */
export class BoundedCache<V> {
  readonly #map = new Map<string, V>();
  #keyChars = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly maxKeyChars: number,
  ) {}

  get size(): number {
    return this.#map.size;
  }

  get(key: string): V | undefined {
    const value = this.#map.get(key);
    if (value !== undefined) {
      // Re-insert so Map iteration order doubles as recency order.
      this.#map.delete(key);
      this.#map.set(key, value);
    }
    return value;
  }

  set(key: string, value: V): void {
    if (key.length > this.maxKeyChars) return;
    if (this.#map.delete(key)) this.#keyChars -= key.length;
    this.#map.set(key, value);
    this.#keyChars += key.length;
    while (this.#map.size > this.maxEntries || this.#keyChars > this.maxKeyChars) {
      const oldest = this.#map.keys().next();
      if (oldest.done === true) break;
      this.#map.delete(oldest.value);
      this.#keyChars -= oldest.value.length;
    }
  }

  clear(): void {
    this.#map.clear();
    this.#keyChars = 0;
  }
}

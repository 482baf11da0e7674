// Equal strings (and lists of strings) shared instead of copied. JSON.parse makes a new string for every value it
// reads, so a large account's records hold the same emails, ids, add-on states and dates thousands of times over: at
// 5,000 apps, a quarter of the heap that a run keeps is such copies. What is shared is the same text: nothing a
// file, a log or a comparison sees changes.

/** Strings longer than this are rarely repeated (descriptions, URLs with ids): not worth an entry. */
const MAX_SHARED_LENGTH = 256;
/** The table never holds more than this many strings: a very large account's unique ids would otherwise stay. */
const MAX_ENTRIES = 200_000;

const isPlain = (value: object): value is Record<string, unknown> => {
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
};

export class SharedStrings {
  private readonly known = new Map<string, string>();
  private readonly lists = new Map<string, readonly string[]>();

  /** The first string equal to `text` that this table was given. */
  string(text: string): string {
    if (text.length > MAX_SHARED_LENGTH) return text;
    const known = this.known.get(text);
    if (known !== undefined) return known;
    // Full: start again rather than grow; what was shared stays shared.
    if (this.known.size >= MAX_ENTRIES) this.known.clear();
    this.known.set(text, text);
    return text;
  }

  /**
   * `value` with every string in it shared, changed in place: plain objects and arrays are walked, anything else
   * is left as it is. Only for values this run made (parsed from a response or a file), never a caller's.
   * A list of strings is shared too (a collaborator's permissions, a certificate's domains: the same few lists
   * over and over), frozen, so that code changing one in place fails loudly instead of changing them all.
   */
  shareIn<T>(value: T): T {
    if (typeof value === 'string') return this.string(value) as T;
    if (Array.isArray(value)) {
      // A list shared already is frozen, and holds shared strings.
      if (Object.isFrozen(value)) return value;
      for (let i = 0; i < value.length; i++) value[i] = this.shareIn(value[i]);
      if (value.length > 0 && value.every((item) => typeof item === 'string')) return this.list(value) as T;
    } else if (value !== null && typeof value === 'object' && isPlain(value)) {
      const record: Record<string, unknown> = value;
      for (const key of Object.keys(record)) record[key] = this.shareIn(record[key]);
    }
    return value;
  }

  private list(items: string[]): readonly string[] {
    const key = JSON.stringify(items);
    if (key.length > MAX_SHARED_LENGTH) return items;
    const known = this.lists.get(key);
    if (known !== undefined) return known;
    if (this.lists.size >= MAX_ENTRIES) this.lists.clear();
    const shared = Object.freeze(items);
    this.lists.set(key, shared);
    return shared;
  }

  /** Lets go of the table (the strings shared so far stay shared). */
  clear(): void {
    this.known.clear();
    this.lists.clear();
  }
}

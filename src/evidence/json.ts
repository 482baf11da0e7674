/**
 * JSON.stringify's replacer: each object is written with its keys sorted. It copies one object at a time, as the
 * writer reaches it, never the whole value at once: a data file of a large account is tens of megabytes.
 */
function sortedKeys(_key: string, value: unknown): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) out[key] = (value as Record<string, unknown>)[key];
  return out;
}

/** Deterministic JSON: sorted keys, 2-space indent, trailing newline. */
export function toJson(value: unknown): string {
  return `${JSON.stringify(value, sortedKeys, 2)}\n`;
}

/**
 * toJson's text in pieces, one array element at a time: joined, exactly toJson(value). JSON.stringify escapes every
 * line break inside a string, so indenting an element's lines by two spaces is indenting it one level.
 */
export function* jsonPieces(value: unknown): Generator<string> {
  if (!Array.isArray(value) || value.length === 0) {
    yield toJson(value);
    return;
  }
  yield '[\n';
  for (let i = 0; i < value.length; i++) {
    // As JSON.stringify writes an array element it cannot write (undefined, a function): null.
    const text = JSON.stringify(value[i], sortedKeys, 2) ?? 'null';
    yield `  ${text.replaceAll('\n', '\n  ')}${i < value.length - 1 ? ',' : ''}\n`;
  }
  yield ']\n';
}

// localeCompare(b, 'en') is this collator's compare (ECMA-402), without making a collator at each call.
const english = new Intl.Collator('en');

/**
 * Sorts a copy of `items` by the string keys `key` returns, in order. Each item's keys are made once, not at each
 * comparison: a large account's files have tens of thousands of records.
 */
export function sortBy<T>(items: readonly T[], key: (item: T) => string[]): T[] {
  const keyed = items.map((item) => ({ item, keys: key(item) }));
  keyed.sort((a, b) => {
    for (let i = 0; i < a.keys.length; i++) {
      const c = english.compare(a.keys[i] ?? '', b.keys[i] ?? '');
      if (c !== 0) return c;
    }
    return 0;
  });
  return keyed.map((k) => k.item);
}

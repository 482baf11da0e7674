/** Objects with their keys sorted, recursively: the same data always gives the same bytes. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = canonical(v);
    }
    return out;
  }
  return value;
}

/** Deterministic JSON: sorted keys, 2-space indent, trailing newline. */
export function toJson(value: unknown): string {
  return `${JSON.stringify(canonical(value), null, 2)}\n`;
}

/** Sorts a copy of `items` by the string keys `key` returns, in order. */
export function sortBy<T>(items: readonly T[], key: (item: T) => string[]): T[] {
  return [...items].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < ka.length; i++) {
      const c = (ka[i] ?? '').localeCompare(kb[i] ?? '', 'en');
      if (c !== 0) return c;
    }
    return 0;
  });
}

/**
 * A record whose members are made the first time they are read, then kept. Every request
 * gets its own DataLoaders (one per agency and record kind), but most requests read one
 * or two of them, or none: making them all up front was a measurable share of a small
 * request's CPU (issue 12).
 */
export function madeOnFirstUse<K extends string, V>(keys: readonly K[], make: (key: K) => V): Record<K, V> {
  const known = new Set<string>(keys);
  const made = new Map<string, V>();
  return new Proxy({} as Record<K, V>, {
    get(_target, key) {
      if (typeof key !== 'string' || !known.has(key)) return undefined;
      let value = made.get(key);
      if (value === undefined) made.set(key, (value = make(key as K)));
      return value;
    },
    has: (_target, key) => typeof key === 'string' && known.has(key),
    ownKeys: () => [...known],
    getOwnPropertyDescriptor: (_target, key) =>
      typeof key === 'string' && known.has(key) ? { enumerable: true, configurable: true } : undefined,
  });
}

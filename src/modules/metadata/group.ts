// Grouping rows by a key (pure).

/** `items` grouped by `key`, each group's values in item order. */
export function group<T, K, V>(items: readonly T[], key: (t: T) => K, value: (t: T) => V): Map<K, V[]> {
  const m = new Map<K, V[]>();
  for (const it of items) {
    const k = key(it);
    const arr = m.get(k);
    if (arr) arr.push(value(it));
    else m.set(k, [value(it)]);
  }
  return m;
}

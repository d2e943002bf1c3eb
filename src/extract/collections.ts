// Grouping helpers. Appending in place matters at scale: copying a group on every addition
// (`[...old, item]`) is quadratic in the group's size, and groups reach thousands at 10,000 articles.

/** Adds a value to the list kept under a key. */
export function appendTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The value kept under a key, made and kept on first ask (memoisation over a Map or WeakMap). */
export function getOrMake<K, V>(map: { get(key: K): V | undefined; set(key: K, value: V): unknown }, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    map.set(key, value);
  }
  return value;
}

/** Items grouped by a key, in their original order within each group. */
export function groupBy<K, V>(items: Iterable<V>, keyOf: (item: V) => K): Map<K, V[]> {
  const out = new Map<K, V[]>();
  for (const item of items) appendTo(out, keyOf(item), item);
  return out;
}

/** The lists `pick` gives for each item, joined in order: flatMap does the same several times more slowly. */
export function flatten<T, U>(items: Iterable<T>, pick: (item: T) => readonly U[]): U[] {
  const out: U[] = [];
  for (const item of items) {
    const list = pick(item);
    for (let i = 0; i < list.length; i++) out.push(list[i]!);
  }
  return out;
}

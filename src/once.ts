/**
 * `compute(key)` worked out once per key object, kept as long as the key lives: the tables a
 * format implies (its cells, equations, indexes), which every report of a batch reads.
 */
export function oncePer<K extends object, V>(compute: (key: K) => V): (key: K) => V {
  const cache = new WeakMap<K, V>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined) cache.set(key, (value = compute(key)));
    return value;
  };
}

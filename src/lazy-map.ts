/**
 * A Map whose entries are worked out on first use. A report's source positions and raw cell texts
 * are read only when it has findings, and most reports in a batch have none: building the maps
 * for every report cost more than reading them for the few.
 */
export class LazyMap<K, V> extends Map<K, V> {
  private compute: ((set: (key: K, value: V) => void) => void) | undefined;

  constructor(compute: (set: (key: K, value: V) => void) => void) {
    super();
    this.compute = compute;
  }

  private fill(): void {
    const compute = this.compute;
    if (!compute) return;
    this.compute = undefined;
    compute((key, value) => super.set(key, value));
  }

  override get(key: K): V | undefined {
    this.fill();
    return super.get(key);
  }
  override has(key: K): boolean {
    this.fill();
    return super.has(key);
  }
  override set(key: K, value: V): this {
    this.fill();
    return super.set(key, value);
  }
  override clear(): void {
    this.compute = undefined;
    super.clear();
  }
  override delete(key: K): boolean {
    this.fill();
    return super.delete(key);
  }
  override get size(): number {
    this.fill();
    return super.size;
  }
  override entries(): MapIterator<[K, V]> {
    this.fill();
    return super.entries();
  }
  override keys(): MapIterator<K> {
    this.fill();
    return super.keys();
  }
  override values(): MapIterator<V> {
    this.fill();
    return super.values();
  }
  override [Symbol.iterator](): MapIterator<[K, V]> {
    this.fill();
    return super[Symbol.iterator]();
  }
  override forEach(callback: (value: V, key: K, map: Map<K, V>) => void, thisArg?: unknown): void {
    this.fill();
    super.forEach(callback, thisArg);
  }
}

/**
 * Entries noted one by one (two arrays: cheaper than a Map's growth), read as a LazyMap that puts
 * them into the map, in order, on first use. Notes made after that first use are not seen.
 */
export class DeferredMap<K, V> {
  private readonly keys: K[] = [];
  private readonly values: V[] = [];
  readonly map = new LazyMap<K, V>((set) => {
    for (let i = 0; i < this.keys.length; i++) set(this.keys[i]!, this.values[i]!);
  });

  set(key: K, value: V): void {
    this.keys.push(key);
    this.values.push(value);
  }
}

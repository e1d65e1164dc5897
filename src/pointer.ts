/** JSON Pointer (RFC 6901) access to the canonical report. */

const unescape = (token: string) => token.replace(/~1/g, '/').replace(/~0/g, '~');

/** The rules read the same few hundred pointers in every report: split each once (callers must not mutate the array). */
const split = new Map<string, string[]>();

export function tokens(pointer: string): string[] {
  let path = split.get(pointer);
  if (!path) {
    path = pointer === '' ? [] : pointer.slice(1).split('/').map(unescape);
    if (split.size > 50_000) split.clear(); // bounded: pointers from odd input must not pile up
    split.set(pointer, path);
  }
  return path;
}

/** Sets an own property; `__proto__` is the one key whose assignment would reach the prototype. */
function own(node: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(node, key, { value, enumerable: true, writable: true, configurable: true });
  else node[key] = value;
}

/** Sets a value, creating the objects on the way (own, plain properties only). */
export function setAt(root: Record<string, unknown>, pointer: string, value: unknown): void {
  const path = tokens(pointer);
  let node: Record<string, unknown> = root;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i]!;
    const next = Object.hasOwn(node, key) ? node[key] : undefined;
    if (next === null || typeof next !== 'object') {
      const created: Record<string, unknown> = {};
      own(node, key, created);
      node = created;
    } else node = next as Record<string, unknown>;
  }
  own(node, path[path.length - 1]!, value);
}

/** The value at a pointer, or undefined when any step is missing (own properties only). */
export function getAt(root: unknown, pointer: string): unknown {
  let node = root;
  for (const key of tokens(pointer)) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

import type { Formatter } from './types.js';

export * from './types.js';

/** Formatters by name, each loaded only when asked for. */
const FORMATTERS: Record<string, () => Promise<Formatter>> = {
  stylish: async () => (await import('./stylish.js')).stylish,
  json: async () => (await import('./json.js')).json,
  junit: async () => (await import('./junit.js')).junit,
  sarif: async () => (await import('./sarif.js')).sarif,
  github: async () => (await import('./github.js')).github,
  html: async () => (await import('./html.js')).html,
};

export const FORMAT_NAMES = Object.keys(FORMATTERS);

export async function formatter(name: string): Promise<Formatter | undefined> {
  return FORMATTERS[name]?.();
}

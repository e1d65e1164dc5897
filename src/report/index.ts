import type { Formatter, StreamingFormatter } from './types.js';

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

/** The formatters that can print file by file (the CLI streams a batch through them). */
const STREAMING: Record<string, () => Promise<StreamingFormatter>> = {
  stylish: async () => (await import('./stylish.js')).stylishStream,
  json: async () => (await import('./json.js')).jsonStream,
  html: async () => (await import('./html.js')).htmlStream,
};

export const FORMAT_NAMES = Object.keys(FORMATTERS);

/** Formats that draw the tables themselves: they need each result's report values (`FileResult.report`). */
export const DRAWS_TABLES = new Set(['html']);

export async function formatter(name: string): Promise<Formatter | undefined> {
  return FORMATTERS[name]?.();
}

export async function streamingFormatter(name: string): Promise<StreamingFormatter | undefined> {
  return STREAMING[name]?.();
}

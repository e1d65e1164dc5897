import type { Text } from './types.js';

/** A label in both languages. */
export const t = (zh: string, en: string): Text => ({ zh, en });

/** Matching words: each argument is one alternative, its words separated by spaces. */
export const w = (...alternatives: string[]): string[][] => alternatives.map((a) => a.split(' '));

/**
 * The README's examples, run: each block that shows `$ npx disclosure-check …` and what it prints
 * is run as shown, in a folder that holds the project's fixtures, and must print exactly that. A
 * newcomer copies these commands first; a changed message must change them too. A line `…` alone
 * stands for the rest of a long listing, and JSON may be shown shortened (`sameJson`). Blocks that
 * show `$ disclosure-check` without `npx` are sketches over files of the reader's own, not run.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, symlinkSync, writeFileSync, mkdirSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, tempDir } from './helpers/cli.js';

interface Step {
  command: string;
  output: string;
}

interface Example {
  line: number;
  steps: Step[];
}

/** The README's transcripts: fenced blocks whose first line runs `npx disclosure-check` (or sets a variable first). */
function examples(markdown: string): Example[] {
  const lines = markdown.split('\n');
  const out: Example[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] !== '```' || !/^\$ (?:[A-Z_]+=\S+ )*npx disclosure-check\b/.test(lines[i + 1] ?? '')) continue;
    const steps: Step[] = [];
    let j = i + 1;
    for (; j < lines.length && lines[j] !== '```'; j++) {
      if (lines[j]!.startsWith('$ ')) steps.push({ command: lines[j]!.slice(2), output: '' });
      else steps[steps.length - 1]!.output += `${lines[j]}\n`;
    }
    // (a blank line that only sets one command's output apart from the next is the README's, not the CLI's)
    for (const step of steps) step.output = step.output.replace(/\n\n+$/, '\n');
    out.push({ line: i + 2, steps });
    i = j;
  }
  return out;
}

/** Runs a block's commands in one shell, in order, in a folder with the fixtures: what each printed (stdout and stderr, as a terminal shows them). */
function run(example: Example, dir: string): string[] {
  const marker = '@@readme-example-step@@';
  // (the marker keeps `$?` for a step that shows it: `echo $?`)
  const script = example.steps.map((s) => `__status=$?; echo '${marker}'; (exit $__status)\n${s.command}`).join('\n');
  const result = spawnSync('bash', ['-c', `exec 2>&1\n${script}`], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 60_000,
    env: { PATH: `${join(dir, '.bin')}:${process.env.PATH}`, HOME: dir, LANG: 'en_US.UTF-8' },
  });
  return result.stdout.split(`${marker}\n`).slice(1);
}

/** Whether `printed` is what the README shows, where a line `…` alone stands for any lines (the rest of a long listing). */
function shows(shown: string, printed: string): boolean {
  const want = shown.split('\n');
  const got = printed.split('\n');
  const from = (i: number, j: number): boolean => {
    if (i === want.length) return j === got.length;
    if (want[i] === '…') {
      for (let k = j; k <= got.length; k++) if (from(i + 1, k)) return true;
      return false;
    }
    return j < got.length && want[i] === got[j] && from(i + 1, j + 1);
  };
  return from(0, 0);
}

/**
 * Whether printed JSON is what the README shows, shortened: `…` inside a string stands for any
 * text, an element `"…"` for the rest of an array, a key `"…"` for the object's other keys.
 */
function sameJson(shown: string, printed: string): boolean {
  const parse = (text: string): unknown => {
    try {
      return JSON.parse(text);
    } catch {
      return undefined;
    }
  };
  const [want, got] = [parse(shown), parse(printed)];
  return want !== undefined && got !== undefined && resembles(want, got);
}

function resembles(shown: unknown, actual: unknown): boolean {
  if (typeof shown === 'string' && shown.includes('…')) {
    const pattern = shown.split('…').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    return typeof actual === 'string' && new RegExp(`^${pattern.join('[\\s\\S]*')}$`).test(actual);
  }
  if (Array.isArray(shown)) {
    if (!Array.isArray(actual)) return false;
    for (let i = 0; i < shown.length; i++) {
      if (shown[i] === '…') return true;
      if (!resembles(shown[i], actual[i])) return false;
    }
    return shown.length === actual.length;
  }
  if (shown !== null && typeof shown === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return false;
    const keys = Object.keys(shown).filter((key) => key !== '…');
    const fits = keys.every((key) => Object.hasOwn(actual, key) && resembles((shown as Record<string, unknown>)[key], (actual as Record<string, unknown>)[key]));
    return fits && (Object.hasOwn(shown, '…') || Object.keys(actual).length === keys.length);
  }
  return shown === actual;
}

const all = examples(readFileSync(join(ROOT, 'README.md'), 'utf8'));

describe('the README examples', () => {
  it('there are examples to run', () => {
    expect(all.length).toBeGreaterThan(10);
  });

  for (const example of all)
    it(`README.md:${example.line}: ${example.steps[0]!.command}`, () => {
      const dir = tempDir('dc-readme-');
      symlinkSync(join(ROOT, 'fixtures'), join(dir, 'fixtures'));
      // `npx disclosure-check`, as after `npm install`: this build's bin
      mkdirSync(join(dir, '.bin'));
      writeFileSync(join(dir, '.bin', 'npx'), `#!/bin/sh\n[ "$1" = disclosure-check ] || exit 127\nshift\nexec "${process.execPath}" "${BIN}" "$@"\n`);
      chmodSync(join(dir, '.bin', 'npx'), 0o755);
      const printed = run(example, dir);
      expect(printed).toHaveLength(example.steps.length);
      const expected = example.steps.map((s, k) => (shows(s.output, printed[k]!) || sameJson(s.output, printed[k]!) ? printed[k] : s.output));
      expect(printed).toEqual(expected);
    });
});

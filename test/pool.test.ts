import { describe, expect, it } from 'vitest';
import { inOrder } from '../src/pool/pool.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('inOrder: results of parallel tasks, in the order the tasks were given', () => {
  it('yields in task order when later tasks finish first, with at most `ahead` started and not yet yielded', async () => {
    let running = 0;
    let most = 0;
    const run = async (n: number) => {
      running++;
      most = Math.max(most, running);
      await sleep((5 - n) * 3); // the first task is the slowest
      running--;
      return [n * 10, n * 10 + 1];
    };
    const out: number[] = [];
    for await (const value of inOrder([0, 1, 2, 3, 4], run, 3)) out.push(value);
    expect(out).toEqual([0, 1, 10, 11, 20, 21, 30, 31, 40, 41]);
    expect(most).toBe(3);
  });

  it('a failing task fails the batch at its place; tasks already started do not reject unhandled', async () => {
    const out: number[] = [];
    const run = async (n: number) => {
      await sleep(1);
      if (n >= 1) throw new Error(`task ${n} failed`);
      return [n];
    };
    await expect(
      (async () => {
        for await (const value of inOrder([0, 1, 2, 3], run, 4)) out.push(value);
      })(),
    ).rejects.toThrow('task 1 failed');
    expect(out).toEqual([0]);
  });
});

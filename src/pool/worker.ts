/**
 * The worker side of ./pool.ts: started as a worker thread, the bundled CLI serves tasks here
 * instead of reading its command line (see bin/disclosure-check.cjs).
 */
import { parentPort } from 'node:worker_threads';
import { RecentReports, checkPaired, identify } from '../pipeline.js';

/** What a worker does: identify files (for pairing), or check files, each with last year's file if paired. */
export type Job = { kind: 'identify'; files: string[] } | { kind: 'check'; items: [string, string?][]; withData: boolean };
export type Task = Job & { id: number };
/** `results`: the JSON of the results array (a string crosses threads in a fraction of the structured clone's time). */
export type Reply = { id: number; results: string } | { id: number; error: string };

export function serveWorker(): void {
  const port = parentPort;
  if (!port) throw new Error('serveWorker: not in a worker thread');
  // Tasks one at a time, in the order they came: the pool orders the results by task.
  let queue = Promise.resolve();
  port.on('message', (task: Task) => {
    queue = queue.then(async () => {
      try {
        port.postMessage({ id: task.id, results: JSON.stringify(await run(task)) } satisfies Reply);
      } catch (error) {
        const message = error instanceof Error ? `${error.message}${process.env.DISCLOSURE_CHECK_DEBUG ? `\n${error.stack}` : ''}` : String(error);
        port.postMessage({ id: task.id, error: message } satisfies Reply);
      }
    });
  });
}

/** Last year's report is most often among the files this worker has just checked. */
const recent = new RecentReports(4);

async function run(task: Task): Promise<unknown[]> {
  const results: unknown[] = [];
  if (task.kind === 'identify') for (const file of task.files) results.push(await identify(file));
  else
    for (const [file, prior] of task.items) {
      const result = await checkPaired(file, prior, recent);
      if (!task.withData) delete result.report;
      results.push(result);
    }
  return results;
}

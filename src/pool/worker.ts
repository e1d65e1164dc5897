/**
 * The worker side of ./pool.ts: started as a worker thread, the bundled CLI serves tasks here
 * instead of reading its command line (see bin/disclosure-check.cjs).
 */
import { parentPort } from 'node:worker_threads';
import { RecentReports, checkPaired, identify } from '../pipeline.js';

/** What a worker does: identify files (for pairing), or check files, each with last year's file if paired. */
export type Job = { kind: 'identify'; files: string[] } | { kind: 'check'; items: [string, string?][]; withData: boolean };
export type Task = Job & { id: number };
/**
 * `results`: the results array as JSON in UTF-8, whose buffer is handed over, not copied: the
 * structured clone of the result objects, or of a string of Chinese text, costs several times more.
 */
export type Reply = { id: number; results: Uint8Array } | { id: number; error: string };

const encoder = new TextEncoder();

export function serveWorker(): void {
  const port = parentPort;
  if (!port) throw new Error('serveWorker: not in a worker thread');
  // Tasks one at a time, in the order they came: the pool orders the results by task.
  let queue = Promise.resolve();
  port.on('message', (task: Task) => {
    queue = queue.then(async () => {
      try {
        const results = encoder.encode(JSON.stringify(await perform(task)));
        port.postMessage({ id: task.id, results } satisfies Reply, [results.buffer]);
      } catch (error) {
        const message = error instanceof Error ? `${error.message}${process.env.DISCLOSURE_CHECK_DEBUG ? `\n${error.stack}` : ''}` : String(error);
        port.postMessage({ id: task.id, error: message } satisfies Reply);
      }
    });
  });
}

/** Last year's report is most often among the files this thread has just checked. */
const recent = new RecentReports(4);

/** Runs a job in this thread (a worker's, or the main thread's share of a batch). */
export async function perform(job: Job): Promise<unknown[]> {
  const results: unknown[] = [];
  if (job.kind === 'identify') for (const file of job.files) results.push(await identify(file));
  else
    for (const [file, prior] of job.items) {
      const result = await checkPaired(file, prior, recent);
      if (!job.withData) result.report = undefined; // not `delete`: that leaves the object in a slow shape for every stage after
      results.push(result);
    }
  return results;
}

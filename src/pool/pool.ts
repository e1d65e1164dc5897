/**
 * A batch on several threads, one per core: this thread and worker threads check chunks of files
 * side by side, and this thread also pairs the years, puts the results back in input order and
 * prints them. Each worker loads the same bundled CLI (bin/disclosure-check.cjs, with its code
 * cache) and runs the jobs of ./worker.ts; at most a few chunks per thread are in flight, so memory
 * does not grow with the batch.
 */
import { Worker } from 'node:worker_threads';
import { pairYears } from '../check/history.js';
import type { Text } from '../tables/index.js';
import type { FileResult } from '../model.js';
import type { Identity } from '../pipeline.js';
import { perform, type Job, type Reply } from './worker.js';

/** Files per message: a chunk takes long enough that passing messages costs little beside it. */
const IDENTIFY_CHUNK = 128;
const CHECK_CHUNK = 16;
/** Chunks in flight per worker: one being worked on, more queued so that a worker never waits. */
const AHEAD = 3;
/**
 * This thread also parses every worker's results, orders them and prints them: it takes a chunk
 * only when the workers have this many more in flight than it has. Measured on 10,000 files and 2
 * cores, run after run: 5.2–5.7 s against 5.3–6.3 s with none (it checked half the files, and
 * the worker waited for it); 4 starves it (5.8–6.1 s).
 */
const HERE_HANDICAP = 2;

const decoder = new TextDecoder();

/** Where a job runs: a worker thread, or this thread. */
interface Slot {
  inFlight: number;
  send(job: Job): Promise<unknown[]>;
}

/**
 * The batch's threads: this one and `size - 1` workers. This thread takes its share too: with as
 * many busy threads as cores, none waits for a core (a worker per core and this thread waking to
 * take each reply measured slower than one thread alone on this 2-core machine).
 */
class Pool {
  private readonly slots: Slot[] = [];
  private readonly workers: Worker[] = [];
  private readonly waiting = new Map<number, { resolve: (results: unknown[]) => void; reject: (error: Error) => void }>();
  private nextId = 0;
  private failure: Error | undefined;

  /** `script`: the built CLI, which serves jobs when started as a worker. */
  constructor(size: number, script: URL) {
    this.slots.push(this.here());
    for (let i = 1; i < size; i++) this.slots.push(this.worker(script));
  }

  /** This thread: its jobs one after another, each after the replies that came in meanwhile. */
  private here(): Slot {
    let queue: Promise<unknown> = Promise.resolve();
    const slot: Slot = {
      inFlight: 0,
      send: (job) => {
        slot.inFlight++;
        const done = queue.then(() => new Promise((next) => setImmediate(next))).then(() => perform(job));
        queue = done.catch(() => {});
        return done.finally(() => slot.inFlight--);
      },
    };
    return slot;
  }

  private worker(script: URL): Slot {
    const worker = new Worker(script, {
      workerData: { disclosureCheckWorker: true },
      env: { ...process.env, DISCLOSURE_CHECK_WORKER: '1' }, // see bin/disclosure-check.cjs
    });
    worker.on('message', (reply: Reply) => this.settle(reply));
    // A worker that dies (out of memory, a crash in a native module) fails the batch, never hangs it.
    worker.on('error', (error) => this.fail(error));
    worker.on('exit', (code) => this.fail(new Error(`a worker thread stopped (exit code ${code})`)));
    this.workers.push(worker);
    const slot: Slot = {
      inFlight: 0,
      send: (job) => {
        if (this.failure) return Promise.reject(this.failure);
        const id = this.nextId++;
        slot.inFlight++;
        worker.postMessage({ ...job, id });
        return new Promise<unknown[]>((resolve, reject) => this.waiting.set(id, { resolve, reject })).finally(() => slot.inFlight--);
      },
    };
    return slot;
  }

  /** Runs a job where the fewest are waiting, this thread counted with its handicap. */
  run(job: Job): Promise<unknown[]> {
    const load = (slot: Slot) => slot.inFlight + (slot === this.slots[0] ? HERE_HANDICAP : 0);
    return this.slots.reduce((a, b) => (load(b) < load(a) ? b : a)).send(job);
  }

  private settle(reply: Reply): void {
    const waiting = this.waiting.get(reply.id);
    if (!waiting) return;
    this.waiting.delete(reply.id);
    if ('error' in reply) waiting.reject(new Error(reply.error));
    else waiting.resolve(JSON.parse(decoder.decode(reply.results)) as unknown[]);
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const { reject } of this.waiting.values()) reject(this.failure);
    this.waiting.clear();
  }

  async close(): Promise<void> {
    this.failure ??= new Error('the worker threads were closed');
    for (const worker of this.workers) worker.removeAllListeners('exit');
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}

function* chunks<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

/**
 * The results of tasks started in order, yielded in that order, with at most `ahead` tasks
 * started and not yet yielded: a slow chunk holds back the ones after it, never memory.
 */
export async function* inOrder<T, R>(tasks: Iterable<T>, run: (task: T) => Promise<R[]>, ahead: number): AsyncGenerator<R> {
  const started: Promise<R[]>[] = [];
  const pending = tasks[Symbol.iterator]();
  const fill = () => {
    while (started.length < ahead) {
      const next = pending.next();
      if (next.done) return;
      const result = run(next.value);
      result.catch(() => {}); // awaited in turn below; a failure before then is not unhandled
      started.push(result);
    }
  };
  fill();
  while (started.length > 0) {
    const results = await started.shift()!;
    fill();
    yield* results;
  }
}

/**
 * `checkStream` on `jobs` threads: the same results in the same order. The reports' `report`
 * data (which only the html format draws) is kept, and crosses threads, only when `withData` is set.
 */
export async function* checkParallel(
  files: string[],
  { jobs, withData, script }: { jobs: number; withData: boolean; script: URL },
  onFile: (file: string) => void = () => {},
  onNote?: (text: Text) => void,
): AsyncGenerator<FileResult> {
  const pool = new Pool(jobs, script);
  try {
    const ahead = jobs * AHEAD;
    const identities: Identity[] = [];
    for await (const identity of inOrder(chunks(files, IDENTIFY_CHUNK), (part) => pool.run({ kind: 'identify', files: part }) as Promise<Identity[]>, ahead))
      identities.push(identity);
    const pairs = pairYears(identities, files, onNote);
    const items = files.map((file, i): [string, string?] => {
      const j = pairs.get(i);
      return j === undefined ? [file] : [file, files[j]];
    });
    const run = (part: [string, string?][]) => pool.run({ kind: 'check', items: part, withData }) as Promise<FileResult[]>;
    for await (const result of inOrder(chunks(items, CHECK_CHUNK), run, ahead)) {
      onFile(result.file);
      yield result;
    }
  } finally {
    await pool.close();
  }
}

// Loaded with `node --import` by the bench: on exit, appends the process's peak RSS and its live
// heap after a full collection (both KiB, one JSON line) to the file named by BENCH_RSS_FILE, so the
// bench can read them without platform-specific tools. A big batch runs in a second process
// (src/rerun.ts), which gets the probe too: one line each. The probe turns on `gc` only at exit.
import { appendFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

const file = process.env.BENCH_RSS_FILE;
if (file)
  process.on('exit', () => {
    setFlagsFromString('--expose-gc');
    runInNewContext('gc')();
    const peakKiB = process.resourceUsage().maxRSS;
    const liveKiB = Math.round(process.memoryUsage().heapUsed / 1024);
    appendFileSync(file, `${JSON.stringify({ peakKiB, liveKiB })}\n`);
  });

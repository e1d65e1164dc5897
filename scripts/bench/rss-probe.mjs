// Loaded with `node --import` by the bench: on exit, writes the process's peak RSS (KiB) to the
// file named by BENCH_RSS_FILE, so the bench can read it without platform-specific tools.
import { writeFileSync } from 'node:fs';

const file = process.env.BENCH_RSS_FILE;
if (file) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)));

/** Child of the bench: validates one file as a stream and prints its time and peak memory as JSON. */
import { createReadStream } from 'node:fs';
import { validateStream } from '../packages/stix/src/index.js';

const file = process.argv[2];
const t0 = performance.now();
const report = await validateStream(createReadStream(file, { highWaterMark: 1 << 16 }), { bestPractices: false });
const ms = performance.now() - t0;
process.stdout.write(
  JSON.stringify({ ms, objects: report.objectCount, errors: report.errorCount, maxRssKb: process.resourceUsage().maxRSS }),
);

/**
 * Child of the bench: writes N freshly created indicators through createBundleWriter to a file
 * and prints its time and peak memory as JSON (flat memory: the writer holds no object it wrote).
 */
import { createWriteStream } from 'node:fs';
import { create, createBundleWriter } from '../packages/stix/src/index.js';

const [file, count] = [process.argv[2], Number(process.argv[3])];
const now = () => Date.UTC(2024, 0, 1);
const writer = createBundleWriter(createWriteStream(file));
const t0 = performance.now();
for (let i = 0; i < count; i++)
  await writer.write(
    create(
      'indicator',
      {
        name: `C2 address ${i}`,
        pattern: `[ipv4-addr:value = '10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}']`,
        pattern_type: 'stix',
        valid_from: '2024-01-01T00:00:00Z',
      },
      { now },
    ),
  );
await writer.close();
const ms = performance.now() - t0;
process.stdout.write(JSON.stringify({ ms, objects: writer.count, maxRssKb: process.resourceUsage().maxRSS }));

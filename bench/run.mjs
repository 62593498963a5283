// npm run bench [-- OPTIONS]: runs each bench file in its own process with the same options
// (validate.ts: validation and streaming; authoring.ts: building, ids, conversion, store;
// pattern.ts: STIX patterning; taxii.ts: the TAXII server on SQLite and PostgreSQL;
// transfer.ts: pull and sync between servers).
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const rest = only ? args.filter((_, i) => i !== args.indexOf('--only') && i !== args.indexOf('--only') + 1) : args;
let status = 0;
for (const file of ['validate.ts', 'authoring.ts', 'pattern.ts', 'taxii.ts', 'transfer.ts']) {
  if (only && !file.startsWith(only)) continue;
  console.log(`\n=== bench/${file}\n`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', join(here, file), ...rest], { stdio: 'inherit' });
  status ||= result.status ?? 1;
}
process.exit(status);

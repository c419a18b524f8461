// Runs every experiments/*.ts in name order (or the ones named on the command line) with tsx.
// Experiments are long runs that reproduce published results; each prints its own table.
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const only = process.argv.slice(2);
const files = readdirSync('experiments')
  .filter((f) => f.endsWith('.ts') && !f.startsWith('_'))
  .sort()
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)));
let failed = 0;
for (const f of files) {
  console.log(`\n=== experiments/${f} ===`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', `experiments/${f}`], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);

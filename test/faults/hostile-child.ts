// Runs hostile folder cases (hostile.ts) in this process, one JSON line each:
// {"start": name} before it, then {"name", "outcome": "ok" | "error" | "untyped", "message", "rssMB"}.
// A case that blocks leaves its "start" line last; the parent's timeout reports it as a hang.
// Usage: hostile-child.ts <root> <first case index>

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { LstmkitError } from '../../src/errors.js';
import { loadModel, loadTfjsModelFromDir } from '../../src/node/model-files.js';
import { HOSTILE_CASES } from './hostile.js';

const [root, from = '0'] = process.argv.slice(2);
const line = (o: object) => process.stdout.write(`${JSON.stringify(o)}\n`);
for (let i = Number(from); i < HOSTILE_CASES.length; i++) {
  const c = HOSTILE_CASES[i];
  const dir = join(root, `case-${i}`),
    outside = join(root, `outside-${i}`);
  mkdirSync(dir, { recursive: true });
  mkdirSync(outside, { recursive: true });
  await c.setup(dir, outside);
  line({ start: c.name });
  const before = process.resourceUsage().maxRSS;
  let outcome = 'ok',
    message = '';
  try {
    await (c.loader === 'native' ? loadModel(dir) : loadTfjsModelFromDir(dir));
  } catch (e) {
    outcome = e instanceof LstmkitError ? 'error' : 'untyped';
    message = e instanceof Error ? e.message : String(e);
  }
  line({ name: c.name, outcome, message, rssMB: (process.resourceUsage().maxRSS - before) / 1024 });
}

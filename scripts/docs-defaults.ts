// Writes the forecaster's defaults table (generated from DEFAULTS) into docs/forecasting.md.
// Usage: npm run docs:defaults  (tsx scripts/docs-defaults.ts)
import { readFileSync, writeFileSync } from 'node:fs';
import { DEFAULTS_TABLE_MARKERS, defaultsTable } from '../src/forecast/defaults-table.js';

const path = 'docs/forecasting.md';
const text = readFileSync(path, 'utf8');
const [start, end] = DEFAULTS_TABLE_MARKERS;
const a = text.indexOf(start),
  b = text.indexOf(end);
if (a < 0 || b < a) throw new Error(`${path} has no ${start} ... ${end} markers`);
writeFileSync(path, `${text.slice(0, a + start.length)}\n${defaultsTable()}\n${text.slice(b)}`);
console.log(`wrote the defaults table into ${path}`);

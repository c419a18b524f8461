// Peak memory of loading a saved model folder, in its own process. Usage: load-memory.ts <dir>.
// Prints JSON: the weights.bin size, the loaded model's own memory (weights, gradients, optimizer
// slots) and the growth of the peak resident set during the load.

import { statSync } from 'node:fs';
import { join } from 'node:path';
import { loadCheckpoint } from '../../src/node/model-files.js';

const dir = process.argv[2];
const file = statSync(join(dir, 'weights.bin')).size;
const before = process.memoryUsage().rss;
const { model, optimizer } = await loadCheckpoint(dir);
const peak = process.resourceUsage().maxRSS * 1024;
const weights = model.countParams() * 4;
const slots = optimizer ? optimizer.slotsPerWeight * weights : 0;
process.stdout.write(`${JSON.stringify({ file, modelBytes: 2 * weights + slots, peakGrowth: peak - before })}\n`);

import { loadModel } from './src/node/model-files.ts';
import { statSync } from 'node:fs';
const dir = process.argv[2];
const size = statSync(dir + '/weights.bin').size;
globalThis.gc?.();
const before = process.memoryUsage().rss;
const m = await loadModel(dir);
const peak = process.resourceUsage().maxRSS * 1024;
console.log('size MB', (size/1e6).toFixed(1), 'rss before', (before/1e6).toFixed(0), 'peak', (peak/1e6).toFixed(0), 'ratio (peak-before)/size', ((peak-before)/size).toFixed(2), m.countParams());

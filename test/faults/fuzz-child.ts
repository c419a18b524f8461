// Runs a part of the loader fuzz (loader-fuzz.ts) in its own process, so that a load that blocks
// shows as the parent's timeout. Usage: fuzz-child.ts <root> <seed> <first> <count>; prints the result as JSON.

import { fuzzLoaders } from './loader-fuzz.js';

const [root, seed, first, count] = process.argv.slice(2);
const r = await fuzzLoaders(root, Number(seed), Number(first), Number(count));
process.stdout.write(`${JSON.stringify(r)}\n`);

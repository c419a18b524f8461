import { saveModel } from './src/node/model-files.ts';
import { sequential, dense, setRandomSeed, tensor } from './src/index.ts';
setRandomSeed(1);
const units = Number(process.argv[2] ?? 2048);
const m = sequential([dense({ units, inputShape: [units] }), dense({ units }), dense({ units: 1 })]);
m.build([[units]]);
const opt = process.argv[3] === 'adam';
if (opt) { m.compile({ optimizer: 'adam', loss: 'mse' }); await m.fit(tensor(new Float32Array(units*2), [2, units]), tensor(new Float32Array(2), [2,1]), { epochs: 1 }); }
await saveModel(m, '/tmp/rss/m' + (opt ? 'a' : ''));
console.log('params', m.countParams());

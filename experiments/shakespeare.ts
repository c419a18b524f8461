// Generative character model on the full tiny-shakespeare (../shared/data/tinyshakespeare.txt, 1.1 MB):
// 2-layer LSTM, truncated BPTT (k1 = k2 = 25 within 100-character sequences), fixed split (last 10%
// validates), validation loss in nats/char beside a unigram model's, and a temperature-0.8 sample.
// Skips cleanly when the file is absent. Options: --units N --epochs N --chars N (use the first N chars),
// --reference (the TypeScript kernels).

import { existsSync, readFileSync } from 'node:fs';
import { shakespeare } from '../examples/shakespeare.js';
import { referenceBackend, setBackend } from '../src/index.js';

const file = new URL('../../shared/data/tinyshakespeare.txt', import.meta.url);
const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};

if (!existsSync(file)) {
  console.log(`skipped: ${file.pathname} not found (the full tiny-shakespeare text lives in ../shared/data)`);
} else {
  // --reference runs the TypeScript reference kernels instead of the default WebAssembly backend.
  if (process.argv.includes('--reference')) setBackend(referenceBackend());
  const full = readFileSync(file, 'utf8');
  const text = full.slice(0, arg('chars', full.length));
  const units = arg('units', 128),
    epochs = arg('epochs', 1);
  const t0 = Date.now();
  const r = await shakespeare(
    text,
    {
      units,
      seqLength: 100,
      epochs,
      batchSize: 32,
      learningRate: 0.002,
      tbptt: 25,
      callbacks: [
        {
          onBatchEnd: (b, logs) => {
            if ((b + 1) % 50 === 0) console.log(`  batch ${b + 1}: loss ${logs.loss.toFixed(3)}`);
          },
        },
      ],
    },
    'ROMEO:\n',
    400,
  );
  const secs = (Date.now() - t0) / 1000;
  console.log(`| text | model | epochs | validation nats/char | unigram model | time |\n|---|---|---|---|---|---|`);
  console.log(
    `| ${text.length} chars | 2 x LSTM(${units}) | ${epochs} | ${r.valLoss?.toFixed(3)} | ${r.unigramLoss?.toFixed(3)} | ${secs.toFixed(0)} s |`,
  );
  console.log('\nsample (temperature 0.8):\n');
  console.log(`ROMEO:\n${r.sample}`);
}

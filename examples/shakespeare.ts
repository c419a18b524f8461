// A generative character model (Karpathy's char-rnn setting) on tiny-shakespeare with the library's
// text module: one-hot characters, two stacked LSTMs over any length, a softmax over the characters at
// every step, truncated BPTT within sequences cut from the first 90% of the text, the held-out loss in
// nats per character beside a unigram model's, and a sample at temperature 0.8 (the last step's
// distribution, state carried from character to character). The CLI does the same:
//   lstmkit train-text datasets/tinyshakespeare-excerpt.txt --out models/char && lstmkit generate models/char --seed-text "ROMEO:"
// Run: npx tsx examples/shakespeare.ts [file]

import { generateText, type TrainTextOptions, type TrainTextResult, trainText } from '../src/index.js';

/** The example's settings for the 60 KB excerpt: 2 × LSTM(64), 3 epochs (about a minute on 2 cores). */
export const EXCERPT_SETTINGS: TrainTextOptions = {
  units: 64,
  seqLength: 50,
  tbptt: 25,
  epochs: 3,
  batchSize: 16,
  learningRate: 0.005,
};

/** Trains on `text` and samples `length` characters after `prompt`. */
export async function shakespeare(
  text: string,
  options: TrainTextOptions = EXCERPT_SETTINGS,
  prompt = 'ROMEO:\n',
  length = 300,
): Promise<TrainTextResult & { sample: string }> {
  const r = await trainText(text, options);
  return { ...r, sample: generateText(r.model, r.vocabulary, prompt, { length, temperature: 0.8, seed: 1 }) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { readFileSync } = await import('node:fs');
  const file = process.argv[2] ?? 'datasets/tinyshakespeare-excerpt.txt';
  const r = await shakespeare(readFileSync(file, 'utf8'), {
    ...EXCERPT_SETTINGS,
    callbacks: [
      { onEpochEnd: (e, logs) => console.log(`epoch ${e + 1}: train loss ${logs.loss.toFixed(3)} nats/char`) },
    ],
  });
  console.log(`held-out ${r.valLoss?.toFixed(3)} nats/char (a unigram model: ${r.unigramLoss?.toFixed(3)})`);
  console.log(`ROMEO:\n${r.sample}`);
}

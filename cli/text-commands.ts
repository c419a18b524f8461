// `lstmkit train-text <file> --out dir` (a character model trained with truncated BPTT, saved with its
// vocabulary) and `lstmkit generate <model-dir> --seed-text s` (temperature / top-k sampling from the
// last step's distribution). The work is the library's (src/text/); this file reads, checks, prints.

import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Vocabulary } from '../src/data/vocabulary.js';
import { loadModel, saveModel } from '../src/node/model-files.js';
import { trainText } from '../src/text/char-model.js';
import { generateText, vocabularyFromJson } from '../src/text/generate.js';
import { UsageError } from './errors.js';
import { intOption, numOption } from './forecast-command.js';
import { stageDir } from './output.js';
import { progressCallback } from './progress.js';

/** Largest text file train-text reads, and largest vocab.json generate reads. */
const MAX_TEXT_BYTES = 256 * 1024 * 1024;
const MAX_VOCAB_BYTES = 16 * 1024 * 1024;

/** The file's text, after checking that it is a regular file of at most `limit` bytes. */
function readBounded(path: string, limit: number, what: string): string {
  if (!existsSync(path)) throw new UsageError(`file not found: ${path}; check the path to the ${what}`);
  const st = statSync(path);
  if (!st.isFile()) throw new UsageError(`${path} is not a regular file; pass the ${what}`);
  if (st.size > limit) throw new UsageError(`${path} has ${st.size} bytes, more than the ${limit} a ${what} may have`);
  return readFileSync(path, 'utf8');
}

export const TRAIN_TEXT_USAGE = `usage: lstmkit train-text <file.txt> --out <dir> [--units 128] [--layers 2] [--seq-length 100]
                          [--tbptt 25] [--epochs 1] [--batch-size 32] [--learning-rate 0.002]
                          [--validation 0.1] [--seed 1] [--json]`;

/** `lstmkit train-text <file> --out dir`: a character model, saved with vocab.json so `generate` reads it. */
export async function trainTextCommand(argv: string[]): Promise<void> {
  const { values: o, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      units: { type: 'string' },
      layers: { type: 'string' },
      'seq-length': { type: 'string' },
      tbptt: { type: 'string' },
      epochs: { type: 'string' },
      'batch-size': { type: 'string' },
      'learning-rate': { type: 'string' },
      validation: { type: 'string' },
      seed: { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  if (positionals.length !== 1) throw new UsageError(TRAIN_TEXT_USAGE);
  if (!o.out) throw new UsageError('--out is required; pass --out <dir> for the saved model and vocabulary');
  const text = readBounded(positionals[0], MAX_TEXT_BYTES, 'text file');
  const seqLength = intOption(o['seq-length'], '--seq-length') ?? 100;
  const validationSplit = numOption(o.validation, '--validation', 0, 0.9) ?? 0.1;
  if ((text.length * (1 - validationSplit)) / seqLength < 1)
    throw new UsageError(
      `the text has ${text.length} characters, too few for one training sequence of --seq-length ${seqLength}; use a longer text or a shorter --seq-length`,
    );
  const epochs = intOption(o.epochs, '--epochs') ?? 1;
  const stage = stageDir(o.out);
  try {
    const r = await trainText(text, {
      seqLength,
      units: intOption(o.units, '--units') ?? 128,
      layers: intOption(o.layers, '--layers') ?? 2,
      tbptt: intOption(o.tbptt, '--tbptt') ?? 25,
      epochs,
      batchSize: intOption(o['batch-size'], '--batch-size') ?? 32,
      learningRate: numOption(o['learning-rate'], '--learning-rate', 0, 10) ?? 0.002,
      validationSplit,
      seed: intOption(o.seed, '--seed', 0) ?? 1,
      ...(o.json ? {} : { callbacks: [progressCallback('char LSTM', epochs)] }),
    });
    await saveModel(r.model, stage.path);
    stage.write('vocab.json', JSON.stringify(r.vocabulary));
    const dir = stage.commit();
    const loss = r.history.history.loss.at(-1) ?? null;
    if (o.json)
      process.stdout.write(
        `${JSON.stringify({ out: dir, vocabulary: r.vocabulary.tokens.length, loss, valLoss: r.valLoss, unigramLoss: r.unigramLoss })}\n`,
      );
    else {
      console.log(`saved a character model (${r.vocabulary.tokens.length} characters) to ${dir}`);
      console.log(`training loss ${loss?.toFixed(3)} nats/char`);
      if (r.valLoss !== null)
        console.log(`held-out loss ${r.valLoss.toFixed(3)} nats/char (a unigram model: ${r.unigramLoss?.toFixed(3)})`);
    }
  } catch (e) {
    stage.discard();
    throw e;
  }
}

/** vocab.json of a model folder, with one clear line for every way it can be wrong. */
function readVocabulary(dir: string): Vocabulary {
  const path = join(dir, 'vocab.json');
  if (!existsSync(path))
    throw new UsageError(
      `${dir} has no vocab.json; a character model needs its vocabulary (train one with 'lstmkit train-text', or write a JSON array of the characters in index order)`,
    );
  const raw = readBounded(path, MAX_VOCAB_BYTES, 'vocab.json');
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (e) {
    throw new UsageError(`${path} is not JSON (${(e as Error).message}); write a JSON array of the characters`);
  }
  try {
    return vocabularyFromJson(value, path);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

export const GENERATE_USAGE =
  'usage: lstmkit generate <model-dir> --seed-text <text> [--length 200] [--temperature 1] [--top-k K] [--seed S]';

/** `lstmkit generate <model-dir> --seed-text s`: continues s with text sampled from a character model. */
export async function generateCommand(argv: string[]): Promise<void> {
  const { values: o, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'seed-text': { type: 'string' },
      length: { type: 'string' },
      temperature: { type: 'string' },
      'top-k': { type: 'string' },
      seed: { type: 'string' },
    },
  });
  if (positionals.length !== 1) throw new UsageError(GENERATE_USAGE);
  const dir = positionals[0];
  if (!existsSync(join(dir, 'model.json')))
    throw new UsageError(`no saved model in ${dir}; pass a folder with model.json, weights.bin and vocab.json`);
  const vocabulary = readVocabulary(dir);
  const seedText = o['seed-text'] ?? '';
  if (!seedText) throw new UsageError('--seed-text is required; pass a few characters to start from');
  const known = new Set(vocabulary.tokens);
  const unknown = vocabulary.level === 'char' ? [...seedText].find((c) => !known.has(c)) : undefined;
  if (unknown !== undefined)
    throw new UsageError(
      `--seed-text has ${JSON.stringify(unknown)}, which is not in the model's vocabulary; use characters the model was trained on`,
    );
  const temperature = numOption(o.temperature, '--temperature', 0, 100) ?? 1;
  const topK = intOption(o['top-k'], '--top-k');
  const model = await loadModel(dir);
  const text = generateText(model, vocabulary, seedText, {
    length: intOption(o.length, '--length', 0) ?? 200,
    temperature,
    ...(topK ? { topK } : {}),
    seed: intOption(o.seed, '--seed', 0) ?? 42,
  });
  process.stdout.write(`${seedText}${text}\n`);
}

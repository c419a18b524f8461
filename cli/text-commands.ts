// `lstmkit train-text <file> --out dir` (a character model trained with truncated BPTT, saved with its
// vocabulary) and `lstmkit generate <model-dir> --seed-text s` (temperature / top-k sampling from the
// last step's distribution). The work is the library's (src/text/); this file reads, checks, prints.

import {
  FormatError,
  GENERATE_DEFAULTS,
  generateText,
  modelToArtifacts,
  TRAIN_TEXT_DEFAULTS,
  trainText,
  type Vocabulary,
  vocabularyFromJson,
} from 'lstmkit';
import { loadModel, readOutputText, readRegularFile, writeFolder } from 'lstmkit/node';
import { type CommandSpec, intValue, numberValue, parseCommand } from './args.js';
import { UsageError } from './errors.js';
import { checkOut, FORCE_OPTION } from './output.js';
import { progressCallback } from './progress.js';

/** Largest text file train-text reads, and largest vocab.json generate reads. */
const MAX_TEXT_BYTES = 256 * 1024 * 1024;
const MAX_VOCAB_BYTES = 16 * 1024 * 1024;

const D = TRAIN_TEXT_DEFAULTS;

export const TRAIN_TEXT: CommandSpec = {
  name: 'train-text',
  summary:
    'Train a character model (stacked LSTMs, truncated BPTT, Adam) on the first part of a text file and save it with its vocabulary (vocab.json), so lstmkit generate reads it; prints the held-out loss beside a unigram model.',
  positionals: '<file.txt>',
  arity: [1, 1],
  options: {
    units: { type: 'string', description: 'units of each LSTM', default: String(D.units), value: 'N', group: 'model' },
    layers: { type: 'string', description: 'stacked LSTMs', default: String(D.layers), value: 'N', group: 'model' },
    'seq-length': {
      type: 'string',
      description: 'characters per training sequence',
      default: String(D.seqLength),
      value: 'N',
      group: 'training',
    },
    tbptt: {
      type: 'string',
      description: 'truncated BPTT window (steps per update)',
      default: String(D.tbptt),
      value: 'N',
      group: 'training',
    },
    epochs: {
      type: 'string',
      description: 'passes over the text',
      default: String(D.epochs),
      value: 'N',
      group: 'training',
    },
    'batch-size': {
      type: 'string',
      description: 'sequences per update',
      default: String(D.batchSize),
      value: 'N',
      group: 'training',
    },
    'learning-rate': {
      type: 'string',
      description: "Adam's learning rate",
      default: String(D.learningRate),
      value: 'r',
      group: 'training',
    },
    validation: {
      type: 'string',
      description: 'fraction at the end of the text held out for the loss (0 for none)',
      default: String(D.validationSplit),
      value: 'f',
      group: 'training',
    },
    seed: {
      type: 'string',
      description: 'seeds weights and shuffling',
      default: String(D.seed),
      value: 'S',
      group: 'training',
    },
    out: {
      type: 'string',
      description: 'folder for model.json, weights.bin and vocab.json (required)',
      value: 'dir',
      group: 'run',
    },
    force: FORCE_OPTION,
    json: { type: 'boolean', description: 'print a JSON summary', group: 'run' },
  },
  examples: [
    'lstmkit train-text datasets/tinyshakespeare-excerpt.txt --out out/char --epochs 30 --learning-rate 0.003',
    'lstmkit train-text notes.txt --out out/notes --units 64 --layers 1 --seq-length 50',
  ],
};

export const GENERATE: CommandSpec = {
  name: 'generate',
  summary:
    "Continue a seed text with characters sampled from a character model saved by lstmkit train-text (a folder with model.json, weights.bin and vocab.json), from the last step's distribution.",
  positionals: '<model-dir>',
  arity: [1, 1],
  options: {
    'seed-text': { type: 'string', description: 'the text to continue (required)', value: 'text' },
    length: {
      type: 'string',
      description: 'characters to generate',
      default: String(GENERATE_DEFAULTS.length),
      value: 'N',
    },
    temperature: {
      type: 'string',
      description: 'below 1 safer, above 1 more varied',
      default: String(GENERATE_DEFAULTS.temperature),
      value: 't',
    },
    'top-k': {
      type: 'string',
      description: 'sample among the k most likely characters only',
      default: 'all',
      value: 'K',
    },
    seed: { type: 'string', description: 'seeds the sampling', default: String(GENERATE_DEFAULTS.seed), value: 'S' },
  },
  examples: ["lstmkit generate out/char --seed-text 'ROMEO:' --length 400 --temperature 0.5 --seed 1"],
};

/** A whole regular file of at most `limit` bytes as text; a missing or odd file is one UsageError line. */
function readText(path: string, limit: number, what: string): string {
  try {
    return Buffer.from(readRegularFile(path, { where: 'train-text', maxBytes: limit })).toString('utf8');
  } catch (e) {
    if (e instanceof FormatError) throw new UsageError(`${e.message.replace(/^train-text: /, '')}; pass the ${what}`);
    throw e;
  }
}

/** `lstmkit train-text <file> --out dir`: a character model, saved with vocab.json so `generate` reads it. */
export async function trainTextCommand(argv: string[]): Promise<void> {
  const parsed = parseCommand(TRAIN_TEXT, argv);
  if (!parsed) return;
  const { values: o, positionals } = parsed;
  if (typeof o.out !== 'string')
    throw new UsageError('--out is required; pass --out <dir> for the saved model and vocabulary');
  const seqLength = intValue(o['seq-length'], 'seq-length') ?? D.seqLength;
  const validationSplit = numberValue(o.validation, 'validation', 0, 0.9) ?? D.validationSplit;
  const epochs = intValue(o.epochs, 'epochs') ?? D.epochs;
  const options = {
    seqLength,
    units: intValue(o.units, 'units') ?? D.units,
    layers: intValue(o.layers, 'layers') ?? D.layers,
    tbptt: intValue(o.tbptt, 'tbptt') ?? D.tbptt,
    epochs,
    batchSize: intValue(o['batch-size'], 'batch-size') ?? D.batchSize,
    learningRate: numberValue(o['learning-rate'], 'learning-rate', 0, 10, true) ?? D.learningRate,
    validationSplit,
    seed: intValue(o.seed, 'seed', 0) ?? D.seed,
  };
  const text = readText(positionals[0], MAX_TEXT_BYTES, 'text file to train on');
  if ((text.length * (1 - validationSplit)) / seqLength < 1)
    throw new UsageError(
      `the text has ${text.length} characters, too few for one training sequence of --seq-length ${seqLength}; use a longer text or a shorter --seq-length`,
    );
  await checkOut(o.out, o.force === true);
  const json = o.json === true;
  const r = await trainText(text, {
    ...options,
    ...(json ? {} : { callbacks: [progressCallback('char LSTM', epochs)] }),
  });
  const { topology, weights } = modelToArtifacts(r.model);
  const files = new Map<string, string | Uint8Array>([
    ['model.json', JSON.stringify(topology)],
    ['weights.bin', weights],
    ['vocab.json', JSON.stringify(r.vocabulary)],
  ]);
  const dir = await writeFolder(o.out, files, { overwrite: o.force === true });
  const loss = r.history.history.loss.at(-1) ?? null;
  if (json)
    process.stdout.write(
      `${JSON.stringify({ out: dir, vocabulary: r.vocabulary.tokens.length, loss, valLoss: r.valLoss, unigramLoss: r.unigramLoss })}\n`,
    );
  else {
    console.log(`saved a character model (${r.vocabulary.tokens.length} characters) to ${dir}`);
    console.log(`training loss ${loss?.toFixed(3)} nats/char`);
    if (r.valLoss !== null)
      console.log(`held-out loss ${r.valLoss.toFixed(3)} nats/char (a unigram model: ${r.unigramLoss?.toFixed(3)})`);
  }
}

/** vocab.json of a model folder, with one clear line for every way it can be wrong. */
function readVocabulary(dir: string): Vocabulary {
  let raw: string;
  try {
    raw = readOutputText(dir, 'vocab.json', { where: 'generate', maxBytes: MAX_VOCAB_BYTES });
  } catch (e) {
    if (e instanceof FormatError && /no such file/.test(e.message))
      throw new UsageError(
        `${dir} has no vocab.json; a character model needs its vocabulary (train one with 'lstmkit train-text', or write a JSON array of the characters in index order)`,
      );
    throw e;
  }
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (e) {
    throw new UsageError(
      `${dir}/vocab.json is not JSON (${(e as Error).message}); write a JSON array of the characters`,
    );
  }
  return vocabularyFromJson(value, `${dir}/vocab.json`);
}

/** `lstmkit generate <model-dir> --seed-text s`: continues s with text sampled from a character model. */
export async function generateCommand(argv: string[]): Promise<void> {
  const parsed = parseCommand(GENERATE, argv);
  if (!parsed) return;
  const { values: o, positionals } = parsed;
  const dir = positionals[0];
  const seedText = typeof o['seed-text'] === 'string' ? o['seed-text'] : '';
  if (!seedText) throw new UsageError('--seed-text is required; pass a few characters to start from');
  const length = intValue(o.length, 'length', 0) ?? GENERATE_DEFAULTS.length;
  const temperature = numberValue(o.temperature, 'temperature', 0, 100, true) ?? GENERATE_DEFAULTS.temperature;
  const topK = intValue(o['top-k'], 'top-k');
  const seed = intValue(o.seed, 'seed', 0) ?? GENERATE_DEFAULTS.seed;
  const model = await loadModel(dir);
  const vocabulary = readVocabulary(dir);
  const known = new Set(vocabulary.tokens);
  const unknown = vocabulary.level === 'char' ? [...seedText].find((c) => !known.has(c)) : undefined;
  if (unknown !== undefined)
    throw new UsageError(
      `--seed-text has ${JSON.stringify(unknown)}, which is not in the model's vocabulary; use characters the model was trained on`,
    );
  const text = generateText(model, vocabulary, seedText, {
    length,
    temperature,
    ...(topK !== undefined ? { topK } : {}),
    seed,
  });
  process.stdout.write(`${seedText}${text}\n`);
}

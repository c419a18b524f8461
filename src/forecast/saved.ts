// The saved forecaster format, defined once for the library, the CLI and the playground: a spec
// (forecaster.json: the resolved config, the fitted input transform, the training span) and one
// model (topology + weights) per ensemble member. In memory it is ForecasterArtifacts; the browser
// keeps it in IndexedDB; lstmkit/node writes it as a folder:
//   forecaster.json   member-0/model.json   member-0/weights.bin   member-1/...

import { ConfigError, FormatError } from '../errors.js';
import { type ModelArtifacts, modelToArtifacts } from '../io/artifacts.js';
import { indexedDbHandler, loadModel } from '../io/handlers.js';
import { type Json, parseJsonSafe } from '../io/safe-json.js';
import type { Model } from '../model/model.js';
import { Sequential } from '../model/sequential.js';
import { checkForecastConfig, DEFAULTS, type ForecastConfig, type ResolvedForecastConfig } from './config.js';
import { featureCount, type InputSpec } from './inputs.js';
import { NeuralForecaster, type TrainingSpan, valuesHash } from './neural.js';

export const FORECASTER_FORMAT = 'lstmkit-forecaster';
export const FORECASTER_VERSION = 1;
/** File name of the spec inside a saved forecaster folder. */
export const FORECASTER_SPEC_FILE = 'forecaster.json';

/** How the data were read (recorded by the CLI so predict/evaluate read new files the same way). */
export interface DataSource {
  target: string;
  date: string | null;
  features: string[];
}

/** forecaster.json: everything besides the weights. */
export interface ForecasterSpec {
  format: typeof FORECASTER_FORMAT;
  version: number;
  config: ResolvedForecastConfig;
  inputs: InputSpec;
  members: number;
  epochsKept: number[];
  meanLosses: number[];
  training: TrainingSpan;
  data: DataSource | null;
}

/** A forecaster in memory: its spec and one model's artifacts per member. */
export interface ForecasterArtifacts {
  spec: ForecasterSpec;
  members: { topology: object; weights: Uint8Array }[];
}

/** Where saveForecaster writes: nothing (memory), 'indexeddb://name'. Node adds folders (lstmkit/node). */
export type ForecasterTarget = undefined | `indexeddb://${string}`;

/**
 * The artifacts of a trained neural forecaster.
 * @example const a = forecasterArtifacts(result.finalModel); a.spec.config.horizon;
 */
export function forecasterArtifacts(f: NeuralForecaster, data: DataSource | null = null): ForecasterArtifacts {
  const s = f.fitted;
  return {
    spec: {
      format: FORECASTER_FORMAT,
      version: FORECASTER_VERSION,
      config: f.config,
      inputs: s.inputs,
      members: s.members.length,
      epochsKept: s.epochsKept,
      meanLosses: s.meanLosses,
      training: s.training,
      data,
    },
    members: s.members.map((m) => {
      const a = modelToArtifacts(m, { includeOptimizer: false });
      return { topology: a.topology, weights: a.weights };
    }),
  };
}

function fail(msg: string, file = FORECASTER_SPEC_FILE): never {
  throw new FormatError(msg, file);
}

const posInt = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v > 0;
const nums = (v: unknown) => Array.isArray(v) && v.every((x) => typeof x === 'number' && Number.isFinite(x));

/**
 * Checks a parsed forecaster.json and returns it typed; every problem is a FormatError naming the field.
 * @example checkForecasterSpec(JSON.parse(text))
 */
export function checkForecasterSpec(raw: unknown, file = FORECASTER_SPEC_FILE): ForecasterSpec {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    fail(
      `must be a JSON object written by lstmkit (saveForecaster / lstmkit train), got ${raw === null ? 'null' : Array.isArray(raw) ? 'an array' : typeof raw}`,
      file,
    );
  const s = raw as Record<string, unknown>;
  if (s.format !== FORECASTER_FORMAT)
    fail(
      `"format" must be "${FORECASTER_FORMAT}", got ${JSON.stringify(s.format) ?? 'nothing'}; this is not a saved lstmkit forecaster`,
      file,
    );
  if (s.version !== FORECASTER_VERSION)
    fail(
      `"version" ${JSON.stringify(s.version)} is not supported (this lstmkit reads version ${FORECASTER_VERSION})`,
      file,
    );
  const c = s.config as Record<string, unknown> | null;
  if (!c || typeof c !== 'object') fail('"config" must be an object', file);
  const base: Record<string, unknown> = {};
  for (const k of Object.keys(DEFAULTS)) {
    if (!(k in c)) fail(`"config.${k}" is missing`, file);
    base[k] = c[k];
  }
  try {
    checkForecastConfig(base as Partial<ForecastConfig>, file);
  } catch (e) {
    fail(`"config": ${(e as Error).message.replace(`${file}: `, '')}`, file);
  }
  for (const k of ['horizon', 'lookback', 'season', 'batchSize', 'test'])
    if (!posInt(c[k])) fail(`"config.${k}" must be a positive integer, got ${JSON.stringify(c[k])}`, file);
  if (!(Number.isInteger(c.calibration) && (c.calibration as number) >= 0))
    fail('"config.calibration" must be an integer >= 0', file);
  if (typeof c.difference !== 'boolean')
    fail(`"config.difference" must be true or false, got ${JSON.stringify(c.difference)}`, file);
  for (const k of ['seasons', 'seasonalFeatures'])
    if (!nums(c[k]) || !(c[k] as number[]).every((m) => m > 1))
      fail(`"config.${k}" must be a list of season lengths`, file);
  const inputs = s.inputs as Record<string, unknown> | null;
  if (!inputs || typeof inputs !== 'object') fail('"inputs" must be an object', file);
  const p = inputs.pipeline as Record<string, unknown> | null;
  if (p?.kind !== 'pipeline' || !Array.isArray(p.steps) || !(Number.isInteger(p.lag) && (p.lag as number) >= 0))
    fail('"inputs.pipeline" must be a fitted pipeline ({ kind: "pipeline", steps, lag })', file);
  const range = inputs.covariateRange as { lo?: unknown; hi?: unknown } | null;
  if (!range || !nums(range.lo) || !nums(range.hi) || (range.lo as number[]).length !== (range.hi as number[]).length)
    fail('"inputs.covariateRange" must be { lo: number[], hi: number[] } of equal length', file);
  if (!nums(inputs.seasonalFeatures)) fail('"inputs.seasonalFeatures" must be a list of numbers', file);
  if (
    inputs.windowLevel !== undefined &&
    !(Number.isInteger(inputs.windowLevel) && (inputs.windowLevel as number) >= 0)
  )
    fail(`"inputs.windowLevel" must be an integer >= 0, got ${JSON.stringify(inputs.windowLevel)}`, file);
  if (inputs.levelInput !== undefined && typeof inputs.levelInput !== 'boolean')
    fail(`"inputs.levelInput" must be true or false, got ${JSON.stringify(inputs.levelInput)}`, file);
  if (!posInt(s.members) || (s.members as number) > 64)
    fail(`"members" must be an integer in 1..64, got ${JSON.stringify(s.members)}`, file);
  for (const k of ['epochsKept', 'meanLosses'])
    if (!nums(s[k]) || (s[k] as number[]).length !== s.members) fail(`"${k}" must list one number per member`, file);
  const t = s.training as Record<string, unknown> | null;
  if (
    !t ||
    !posInt(t.length) ||
    typeof t.hash !== 'string' ||
    typeof t.dated !== 'boolean' ||
    typeof t.first !== 'number' ||
    typeof t.last !== 'number'
  )
    fail('"training" must be { length, first, last, dated, hash }', file);
  const d = s.data as Record<string, unknown> | null;
  if (
    d !== null &&
    d !== undefined &&
    (typeof d !== 'object' ||
      typeof d.target !== 'string' ||
      !(d.date === null || typeof d.date === 'string') ||
      !Array.isArray(d.features))
  )
    fail('"data" must be null or { target, date, features }', file);
  return { ...(s as unknown as ForecasterSpec), data: (d as unknown as DataSource | undefined) ?? null };
}

/**
 * Rebuilds a forecaster from its artifacts (checked: a damaged spec or model is a FormatError).
 * @example const f = await restoreForecaster(forecasterArtifacts(trained)); f.predict(series, 12);
 */
export async function restoreForecaster(a: ForecasterArtifacts): Promise<NeuralForecaster> {
  const spec = checkForecasterSpec(a?.spec);
  if (!Array.isArray(a.members) || a.members.length !== spec.members)
    fail(
      `the spec lists ${spec.members} member(s) but ${Array.isArray(a.members) ? a.members.length : 'no'} model(s) came with it`,
    );
  const models: Model[] = [];
  for (const m of a.members) models.push(await loadModel(m as ModelArtifacts));
  return forecasterFromParts(spec, models);
}

/**
 * A forecaster from a checked spec and its loaded member models (lstmkit/node loads the models
 * from the folder's member-<r> subfolders and calls this).
 */
export function forecasterFromParts(spec: ForecasterSpec, models: readonly Model[]): NeuralForecaster {
  if (models.length !== spec.members)
    fail(`the spec lists ${spec.members} member(s) but ${models.length} model(s) were loaded`);
  const members = models.map((model, r) => {
    if (!(model instanceof Sequential)) fail(`member ${r} is a graph model; forecasters are sequential`, `member-${r}`);
    const shape = model.inputShapes()?.[0];
    const F = featureCount(spec.inputs);
    if (!shape || shape[0] !== spec.config.lookback || shape[1] !== F)
      fail(
        `member ${r} takes inputs of shape [${shape}] but the spec needs [${spec.config.lookback}, ${F}]`,
        `member-${r}`,
      );
    return model;
  });
  const histories = members.map(() => ({ epoch: [], history: {}, params: { epochs: 0, steps: 0, samples: 0 } }));
  return new NeuralForecaster(spec.config, {
    inputs: spec.inputs,
    members,
    histories,
    epochsKept: spec.epochsKept,
    meanLosses: spec.meanLosses,
    training: spec.training,
  });
}

/** What a saved forecaster knows about data it is asked to score. */
export interface TrainingOverlap {
  /** Values among the scored ones that the model was trained on (0 = none). */
  overlap: number;
  /** One sentence for the user, or null when there is no overlap. */
  warning: string | null;
}

/**
 * Tells whether scoring from `firstOrigin` on `values` would score values the forecaster was trained
 * on: by time stamps when both have dates, else by recognising the training values at the start.
 * @example trainingOverlap(f.fitted.training, series, 100).warning
 */
export function trainingOverlap(
  training: TrainingSpan,
  values: ArrayLike<number>,
  firstOrigin: number,
  dates?: readonly number[],
): TrainingOverlap {
  let overlap = 0;
  if (training.dated && dates) {
    for (let t = firstOrigin; t < values.length; t++)
      if (dates[t] >= training.first && dates[t] <= training.last) overlap++;
  } else if (
    values.length >= training.length &&
    valuesHash(Array.prototype.slice.call(values, 0, training.length)) === training.hash
  ) {
    overlap = Math.max(0, training.length - firstOrigin);
  }
  return {
    overlap,
    warning: overlap
      ? `${overlap} of the scored values were used to train this model, so these errors are optimistic; score it on values after its training data (it was trained on ${training.length} values${training.dated ? ` up to ${new Date(training.last).toISOString().slice(0, 10)}` : ''})`
      : null,
  };
}

/**
 * Saves a trained forecaster: in memory (returns the artifacts) or to 'indexeddb://name'.
 * In Node, `saveForecaster(f, dir)` from lstmkit/node writes a folder.
 * @example const a = await saveForecaster(f); await saveForecaster(f, 'indexeddb://airline');
 */
export async function saveForecaster(
  f: NeuralForecaster,
  target?: ForecasterTarget,
  data: DataSource | null = null,
): Promise<ForecasterArtifacts> {
  const a = forecasterArtifacts(f, data);
  if (target === undefined) return a;
  const m = /^indexeddb:\/\/(.+)$/.exec(target);
  if (!m)
    throw new ConfigError(
      `unknown target ${JSON.stringify(target)}; expected 'indexeddb://name' (folders: saveForecaster from lstmkit/node)`,
      'saveForecaster',
    );
  for (const [r, art] of a.members.entries()) await indexedDbHandler(`${m[1]}/member-${r}`).save!(art);
  // the spec goes last, so a reader never sees a spec without its members
  await indexedDbHandler(m[1]).save!({ topology: { lstmkitForecaster: a.spec }, weights: new Uint8Array(0) });
  return a;
}

/**
 * Loads a forecaster saved by saveForecaster: from artifacts or 'indexeddb://name'.
 * @example const f = await loadForecaster('indexeddb://airline');
 */
export async function loadForecaster(source: ForecasterArtifacts | `indexeddb://${string}`): Promise<NeuralForecaster> {
  if (typeof source !== 'string') return restoreForecaster(source);
  const m = /^indexeddb:\/\/(.+)$/.exec(source);
  if (!m)
    throw new ConfigError(
      `unknown source ${JSON.stringify(source)}; expected 'indexeddb://name' or artifacts`,
      'loadForecaster',
    );
  const head = await indexedDbHandler(m[1]).load!();
  const topo =
    typeof head.topology === 'string'
      ? (parseJsonSafe(head.topology, `indexeddb://${m[1]}`) as { [k: string]: Json })
      : (head.topology as { [k: string]: Json });
  const spec = checkForecasterSpec(topo?.lstmkitForecaster);
  const members: ForecasterArtifacts['members'] = [];
  for (let r = 0; r < spec.members; r++) {
    const art = await indexedDbHandler(`${m[1]}/member-${r}`).load!();
    members.push({ topology: art.topology as object, weights: art.weights as Uint8Array });
  }
  return restoreForecaster({ spec, members });
}

/**
 * The folder of ensemble member r inside a saved forecaster folder (it holds model.json and weights.bin).
 * @example memberFolder(0) //=> 'member-0'
 */
export function memberFolder(r: number): string {
  return `member-${r}`;
}

/**
 * The files of a saved forecaster by path inside its folder: forecaster.json and
 * member-<r>/model.json + member-<r>/weights.bin. lstmkit/node writes exactly these; the playground
 * offers them as a zip.
 * @example [...forecasterFileMap(await saveForecaster(f)).keys()] //=> ['member-0/model.json', 'member-0/weights.bin', ..., 'forecaster.json']
 */
export function forecasterFileMap(a: ForecasterArtifacts): Map<string, string | Uint8Array> {
  const files = new Map<string, string | Uint8Array>();
  a.members.forEach((m, r) => {
    files.set(`${memberFolder(r)}/model.json`, JSON.stringify(m.topology));
    files.set(`${memberFolder(r)}/weights.bin`, m.weights);
  });
  files.set(FORECASTER_SPEC_FILE, `${JSON.stringify(a.spec, null, 1)}\n`);
  return files;
}

const text = (v: string | Uint8Array) => (typeof v === 'string' ? v : new TextDecoder().decode(v));

/**
 * The artifacts of a saved forecaster from its folder's files, keyed by path: relative to the folder,
 * or below one top folder or its model/ subfolder (a `forecast --out` folder), as a browser's folder
 * picker lists them. Checked like loadForecaster (FormatError naming the file).
 * @example const f = await loadForecaster(artifactsFromFiles(new Map([['m/forecaster.json', spec], ...])));
 */
export function artifactsFromFiles(files: ReadonlyMap<string, string | Uint8Array>): ForecasterArtifacts {
  const paths = new Map([...files].map(([p, v]) => [p.replace(/\\/g, '/').replace(/^\/+/, ''), v]));
  const specPath = [...paths.keys()]
    .filter((p) => p === FORECASTER_SPEC_FILE || p.endsWith(`/${FORECASTER_SPEC_FILE}`))
    .sort((a, b) => a.split('/').length - b.split('/').length)[0];
  if (specPath === undefined)
    throw new FormatError(
      `no ${FORECASTER_SPEC_FILE} among the ${paths.size} file(s); pick the folder written by saveForecaster, 'lstmkit train --out' or 'lstmkit forecast --out'`,
      'artifactsFromFiles',
    );
  const base = specPath.slice(0, -FORECASTER_SPEC_FILE.length);
  const spec = checkForecasterSpec(parseJsonSafe(text(paths.get(specPath)!), specPath), specPath);
  const members = Array.from({ length: spec.members }, (_, r) => {
    const topo = `${base}${memberFolder(r)}/model.json`,
      bin = `${base}${memberFolder(r)}/weights.bin`;
    const t = paths.get(topo),
      w = paths.get(bin);
    if (t === undefined || w === undefined)
      throw new FormatError(
        `${specPath} lists ${spec.members} member(s) but ${t === undefined ? topo : bin} is missing`,
        'artifactsFromFiles',
      );
    if (typeof w === 'string') throw new FormatError('must be read as bytes, not text', bin);
    return { topology: parseJsonSafe(text(t), topo) as object, weights: w };
  });
  return { spec, members };
}

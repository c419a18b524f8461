// The PM2.5 recipe on the raw UCI file in ../shared/data (skipped with a message when it is absent).
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { POLLUTION_COLUMNS, pollutionInverse, pollutionRecipe } from '../../src/data/recipes/pollution.js';
import { seriesToSupervised } from '../../src/data/supervised.js';
import { scalerTransform } from '../../src/data/scalers.js';
import { DataError } from '../../src/errors.js';
import { assertClose } from '../helpers/close.js';

const path = fileURLToPath(new URL('../../../shared/data/pollution.csv', import.meta.url));
const skip = existsSync(path) ? false : `the raw PM2.5 file is not at ${path} (only ../shared/data has it)`;
const text = skip ? '' : readFileSync(path, 'utf8');

test('pollutionRecipe @example: lag 1 gives the tutorial shapes (8760, 1, 8) and (35039, 1, 8)', { skip }, () => {
  const d = pollutionRecipe(text, { lag: 1 });
  assert.deepEqual([d.trainX.length, d.trainX[0].length, d.trainX[0][0].length, d.testX.length], [8760, 1, 8, 35039]);
  assert.deepEqual([d.trainY.length, d.testY.length, d.values.length, d.time.length], [8760, 35039, 43800, 43800]);
  assert.equal(new Date(d.time[0]).toISOString(), '2010-01-02T00:00:00.000Z');
  assert.deepEqual(d.windDirection.classes, ['NE', 'NW', 'SE', 'cv']);
  assert.equal(POLLUTION_COLUMNS.indexOf('wnd_dir'), 4);
  // The tutorial's printed reframed.head() (its MinMaxScaler ran in float32, hence atol 2e-6):
  const head = [
    [0.129779, 0.352941, 0.245902, 0.527273, 0.666667, 0.00229, 0, 0, 0.148893],
    [0.148893, 0.367647, 0.245902, 0.527273, 0.666667, 0.003811, 0, 0, 0.15996],
    [0.15996, 0.426471, 0.229508, 0.545454, 0.666667, 0.005332, 0, 0, 0.182093],
    [0.182093, 0.485294, 0.229508, 0.563637, 0.666667, 0.008391, 0.037037, 0, 0.138833],
    [0.138833, 0.485294, 0.229508, 0.563637, 0.666667, 0.009912, 0.074074, 0, 0.109658],
  ];
  for (const [i, row] of head.entries())
    assertClose([...d.trainX[i][0], d.trainY[i]], row, { atol: 2e-6 }, `reframed row ${i + 1}`);
  // the same frame as the pandas-shift recipe (series_to_supervised, keep var1..8(t-1) and var1(t))
  const sup = seriesToSupervised(scalerTransform(d.scaler, d.values.slice(0, 50)), { nIn: 1, nOut: 1 });
  for (const [i, r] of sup.rows.entries()) assert.deepEqual([...d.trainX[i][0], d.trainY[i]], r.slice(0, 9));
  // targets in µg/m³: the first test target is the hour after the first year (+ lag)
  assertClose(
    pollutionInverse(d.scaler, d.testY.slice(0, 3)),
    d.values.slice(8761, 8764).map((r) => r[0]),
    { atol: 1e-9 },
  );
  assert.deepEqual([d.testTargetIndex[0], d.trainTargetIndex[0]], [8761, 1]);
});

test('pollutionRecipe lag 3: (8760, 3, 8) and (35037, 3, 8); no target precedes its inputs', { skip }, () => {
  const d = pollutionRecipe(text, { lag: 3 });
  assert.deepEqual(
    [d.trainX.length, d.trainX[0].length, d.trainX[0][0].length, d.testX.length, d.testX[0].length],
    [8760, 3, 8, 35037, 3],
  );
  assert.deepEqual(d.trainX[1][0], d.trainX[0][1]);
  assert.equal(d.trainY[0], d.trainX[3][0][0]); // y at t is pollution of the step after the window
  assert.ok(d.testTargetIndex.every((t, i) => t === 8763 + i));
});

test('pollutionRecipe errors and the leak-free scaling option', { skip }, () => {
  const short = text.split('\n').slice(0, 100).join('\n');
  assert.throws(
    () => pollutionRecipe(short),
    (e: Error) => e instanceof DataError && /need at least/.test(e.message),
  );
  assert.throws(() => pollutionRecipe('a,b\n1,2\n'), /no column|names column/);
  const d = pollutionRecipe(short, { trainHours: 50, scaleOn: 'train' });
  assert.equal(d.trainX.length, 50);
  assert.ok(
    d.trainX.flat(2).every((v) => v >= 0 && v <= 1),
    'training inputs are within [0, 1] when fitted on them',
  );
});

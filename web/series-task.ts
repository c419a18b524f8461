// A forecasting task for the playground: the series scaled by its training part's range, cut into
// windows before and after the 80% split. Loops only (200,000 values are fine); no imports, so
// Node tests can run it.

/** A forecasting task: scaled windows for training and testing, and what is needed to undo scaling. */
export interface SeriesTask {
  kind: 'series';
  name: string;
  values: number[];
  labels: string[];
  /** Index of the first test value. */
  testStart: number;
  min: number;
  max: number;
  lookback: number;
  horizon: number;
  /** Scaled windows: x (N, lookback), y (N, horizon); train windows end before testStart. */
  trainX: number[][];
  trainY: number[][];
  /** Test windows by forecast origin o (first forecast index), o = testStart .. n - horizon. */
  testX: number[][];
  testY: number[][];
  testOrigins: number[];
  season: number;
}

/**
 * Scales a series by its training part's range and cuts it into train and test windows.
 * @example prepareSeries('y', values, labels, 8, 1, 12).trainX.length
 */
export function prepareSeries(
  name: string,
  values: number[],
  labels: string[],
  lookback: number,
  horizon: number,
  season: number,
): SeriesTask {
  const n = values.length;
  const testStart = Math.max(lookback + horizon + 4, Math.round(n * 0.8));
  if (testStart + horizon > n)
    throw new Error(
      `the series has ${n} values: too short for lookback ${lookback} and horizon ${horizon} with a 20% test part`,
    );
  let min = Number.POSITIVE_INFINITY,
    max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < testStart; i++) {
    if (values[i] < min) min = values[i];
    if (values[i] > max) max = values[i];
  }
  const span = max - min || 1;
  const s = values.map((v) => (v - min) / span);
  const trainX: number[][] = [],
    trainY: number[][] = [],
    testX: number[][] = [],
    testY: number[][] = [],
    testOrigins: number[] = [];
  for (let o = lookback; o + horizon <= n; o++) {
    const x = s.slice(o - lookback, o),
      y = s.slice(o, o + horizon);
    if (o + horizon <= testStart) {
      trainX.push(x);
      trainY.push(y);
    } else if (o >= testStart) {
      testX.push(x);
      testY.push(y);
      testOrigins.push(o);
    }
  }
  if (trainX.length < 8) throw new Error(`only ${trainX.length} training windows; use a shorter lookback`);
  return {
    kind: 'series',
    name,
    values,
    labels,
    testStart,
    min,
    max: min + span,
    lookback,
    horizon,
    trainX,
    trainY,
    testX,
    testY,
    testOrigins,
    season,
  };
}

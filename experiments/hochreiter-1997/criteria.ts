// The paper's success and stopping criteria, each as a judge the training loop consults: it may watch
// every training sequence (observe) and decides at each check whether training has succeeded.

import type { Model } from '../../src/index.js';
import { BATCH_VALUES, maxAbsError, predictSamples, Recent, Rng } from './harness.js';
import type { Sample, Task } from './tasks.js';

export interface Judge {
  observe?: (sample: Sample, rows: Float32Array) => void;
  /** True when the criterion is met after `sequences` training sequences. */
  check: (sequences: number) => boolean | Promise<boolean>;
  /** Numbers to report after training (test errors, the sequences at a first criterion, ...). */
  report: () => Record<string, number> | Promise<Record<string, number>>;
}

/** Experiment 1: every symbol of every string is predicted, i.e. the k most active outputs are the k allowed symbols. */
export function allowedSymbolsJudge(model: Model, task: Task, sets: Sample[][]): Judge {
  const K = task.outputs;
  let failing = 0;
  const stringOk = (s: Sample, rows: Float32Array) =>
    s.allowed!.every((allowed, t) => {
      const row = rows.subarray(t * K, (t + 1) * K);
      const order = Array.from(row.keys()).sort((a, b) => row[b] - row[a]);
      return order.slice(0, allowed.length).every((k) => allowed.includes(k));
    });
  return {
    async check() {
      failing = 0;
      for (const set of sets) {
        const outs = await predictSamples(model, task, set);
        failing += set.filter((s, i) => !stringOk(s, outs[i])).length;
      }
      return failing === 0;
    },
    report: () => ({ wrongStrings: failing }),
  };
}

/** Experiment 2a: the largest absolute error of any output at any step of the fixed sequences is below `tol`. */
export function allOutputsJudge(model: Model, task: Task, samples: Sample[], tol: number): Judge {
  let worst = 1;
  return {
    async check() {
      const outs = await predictSamples(model, task, samples);
      worst = Math.max(...outs.map((o, i) => maxAbsError(o, samples[i].y, task.outputs)));
      return worst < tol;
    },
    report: () => ({ maxError: worst }),
  };
}

/**
 * Experiments 2b/2c: the final outputs' absolute errors are below `tol` for `confirm` fresh sequences
 * (the paper's 10,000 successive sequences). A cheaper probe of `probe` sequences runs first.
 */
export function freshSequencesJudge(
  model: Model,
  task: Task,
  seed: number,
  tol: number,
  probe = 500,
  confirm = 10_000,
): Judge {
  const rng = new Rng(seed);
  let wrong = Number.NaN;
  // Generated and judged in chunks: 10,000 one-hot sequences of 2c at q = p = 1000 would take 40 GB.
  const countWrong = async (n: number) => {
    let wrong = 0;
    for (let done = 0; done < n; ) {
      const first = task.sample(rng);
      const chunk = Math.min(n - done, Math.max(1, Math.floor(BATCH_VALUES / (first.T * task.inputs))));
      const samples = [first, ...Array.from({ length: chunk - 1 }, () => task.sample(rng))];
      const outs = await predictSamples(model, task, samples);
      wrong += samples.filter((s, i) => maxAbsError(outs[i], s.y, task.outputs) >= tol).length;
      done += chunk;
    }
    return wrong;
  };
  return {
    async check() {
      if ((await countWrong(probe)) > 0) return false;
      wrong = await countWrong(confirm);
      return wrong === 0;
    },
    report: () => ({ wrongOfConfirm: wrong }),
  };
}

/**
 * Experiment 3's stopping criteria on a fixed test set of 256: ST1 = at most `maxWrong` misclassified
 * (|output − clean target| > `tol`), ST2 = ST1 and mean absolute error below `meanTol`. Training stops at
 * ST2; the report gives the sequences at ST1 and the fraction misclassified on 2560 fresh sequences.
 */
export function stoppingJudge(
  model: Model,
  task: Task & { clean(s: Sample): number },
  seed: number,
  c: { tol: number; maxWrong: number; meanTol: number },
): Judge {
  const rng = new Rng(seed);
  const test = Array.from({ length: 256 }, () => task.sample(rng));
  let st1: number | null = null,
    fraction = Number.NaN;
  const errors = async (set: Sample[]) =>
    (await predictSamples(model, task, set)).map((o, i) => Math.abs(o[0] - task.clean(set[i])));
  return {
    async check(sequences) {
      const e = await errors(test);
      const ok1 = e.filter((v) => v > c.tol).length <= c.maxWrong;
      if (ok1 && st1 === null) st1 = sequences;
      const done = ok1 && e.reduce((a, b) => a + b, 0) / e.length < c.meanTol;
      if (done) {
        const fresh = Array.from({ length: 2560 }, () => task.sample(rng));
        fraction = (await errors(fresh)).filter((v) => v > c.tol).length / 2560;
      }
      return done;
    },
    report: () => ({ st1: st1 ?? Number.NaN, fractionMisclassified: fraction }),
  };
}

/**
 * Experiments 4-6: over the 2000 most recent training sequences, at most `maxWrong` had an output off by
 * `tol` or more and the mean squared error per output is below `meanTol`. The report tests 2560 fresh
 * sequences: how many are wrong, and their mean squared error.
 */
export function recentJudge(
  model: Model,
  task: Task,
  seed: number,
  c: { tol: number; maxWrong: number; meanTol: number },
): Judge {
  const wrong = new Recent(2000),
    sq = new Recent(2000);
  const K = task.outputs;
  const mse = (rows: Float32Array, y: Float32Array) => {
    let s = 0;
    for (let k = 0; k < K; k++) s += (rows[k] - y[k]) ** 2;
    return s / K;
  };
  return {
    observe(s, rows) {
      wrong.push(maxAbsError(rows, s.y, K) >= c.tol ? 1 : 0);
      sq.push(mse(rows, s.y));
    },
    check: () => wrong.full && wrong.countWhere((v) => v === 1) <= c.maxWrong && sq.mean() < c.meanTol,
    async report() {
      const rng = new Rng(seed);
      const test = Array.from({ length: 2560 }, () => task.sample(rng));
      const outs = await predictSamples(model, task, test);
      return {
        wrongOf2560: test.filter((s, i) => maxAbsError(outs[i], s.y, K) >= c.tol).length,
        testMse: outs.reduce((a, o, i) => a + mse(o, test[i].y), 0) / test.length,
      };
    },
  };
}

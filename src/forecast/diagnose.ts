// diagnose(): a verdict on a training run from its learning curves (and optionally per-layer
// gradient norms), with the evidence and the usual remedies: underfit, overfit, good fit, unstable,
// exploding or vanishing gradients. Rules follow the learning-curve reading of Goodfellow et al.,
// "Deep Learning" ch. 11, and Brownlee's "How to use learning curves to diagnose ... models".

import { ConfigError } from '../errors.js';
import { lineChart } from '../charts/line-chart.js';
import type { History } from '../model/callbacks.js';
import type { GradientNorms } from './gradient-norms.js';
import { maxOf, minOf } from '../array-stats.js';

export type Verdict = 'good fit' | 'underfit' | 'overfit' | 'unstable' | 'exploding gradients' | 'vanishing gradients';

/** One rule that fired, with its numbers. */
export interface Finding {
  verdict: Verdict;
  evidence: string;
}

export interface Diagnosis {
  /** The first finding in order: NaN loss, overfit, unstable, exploding, vanishing, underfit; else 'good fit'. */
  verdict: Verdict;
  evidence: string[];
  advice: string[];
  /** Every rule that fired. */
  findings: Finding[];
}

export interface DiagnoseOptions {
  /** Per-layer gradient norms from gradientNormTracker(model).norms. */
  gradientNorms?: GradientNorms;
  /** Loss of a trivial predictor (e.g. the variance of the scaled targets): a final loss above 0.8× it is "high". */
  baselineLoss?: number;
  /** Relative rise of val_loss above its minimum that counts as overfitting. Default 0.2. */
  overfitRise?: number;
  /**
   * Relative fall of the training loss over the last fifth of the epochs that counts as "still
   * falling" (when it is also over a tenth of the whole run's fall). Default 0.2.
   */
  stillFalling?: number;
  /** A global gradient norm above this counts as exploding. Default 1e3. */
  explodingNorm?: number;
  /** First-to-last layer gradient-norm ratio (or a global norm) below this counts as vanishing. Default 1e-5. */
  vanishingRatio?: number;
}

const ADVICE: Record<Verdict, string> = {
  'good fit': 'keep this setup; confirm on the test part with walk-forward evaluation',
  underfit: 'train longer (more epochs) or add capacity (more units or layers); check the learning rate is not too low',
  overfit: 'stop earlier (early stopping on val_loss), add dropout, or shrink the model; more data helps most',
  unstable: 'lower the learning rate (try 10× smaller; findLearningRate suggests one) and clip gradients (clipnorm: 1)',
  'exploding gradients': 'clip gradients (clipnorm or globalClipnorm), lower the learning rate, scale the inputs',
  'vanishing gradients':
    'use fewer stacked layers or shorter lookbacks, keep LSTM/GRU (not SimpleRNN), check unitForgetBias and input scaling',
};

const f = (v: number) => (Number.isFinite(v) ? Number(v.toPrecision(3)).toString() : String(v));

function firstNonFinite(v: readonly number[]): number {
  return v.findIndex((x) => !Number.isFinite(x));
}

/**
 * Reads a training run's curves and names what went wrong (or that it went well), with evidence.
 * @example const d = diagnose(history, { gradientNorms: tracker.norms }); console.log(d.verdict, d.evidence);
 */
export function diagnose(history: History, options: DiagnoseOptions = {}): Diagnosis {
  const loss = history?.history?.['loss'];
  if (!Array.isArray(loss) || loss.length === 0)
    throw new ConfigError('diagnose needs a History with at least one epoch of loss (what fit() returns)', 'diagnose');
  const val = history.history['val_loss'];
  const E = loss.length,
    last = loss[E - 1];
  const findings: Finding[] = [];
  const add = (verdict: Verdict, evidence: string) => findings.push({ verdict, evidence });

  // unstable: NaN/Inf (ranked first), spikes (an epoch's loss above twice the best so far), or
  // ending above the start. Spikes rank after overfitting: a memorizing model's loss wobbles near zero.
  const bad = firstNonFinite(loss);
  if (bad >= 0) add('unstable', `the training loss became ${loss[bad]} at epoch ${bad + 1}`);
  else {
    let best = loss[0];
    const spikes: number[] = [];
    for (let i = 1; i < E; i++) {
      if (loss[i] > 2 * best) spikes.push(i);
      best = Math.min(best, loss[i]);
    }
    if (spikes.length)
      add(
        'unstable',
        `${spikes.length} loss spike(s) above twice the best loss so far (first at epoch ${spikes[0] + 1}: ${f(loss[spikes[0]])})`,
      );
    if (E >= 3 && last > loss[0])
      add('unstable', `the training loss ended higher than it started (${f(loss[0])} -> ${f(last)})`);
  }

  const g = options.gradientNorms;
  if (g?.perEpoch.length) {
    const maxG = g.maxGlobal.reduce((a, b) => (Number.isNaN(b) || Number.isNaN(a) ? Number.NaN : Math.max(a, b)), 0);
    const explode = options.explodingNorm ?? 1e3,
      vanish = options.vanishingRatio ?? 1e-5;
    if (!Number.isFinite(maxG)) add('exploding gradients', `a gradient norm became ${maxG}`);
    else if (maxG > explode)
      add('exploding gradients', `the largest global gradient norm was ${f(maxG)} (> ${explode})`);
    const tail = g.perEpoch.slice(-Math.max(1, Math.ceil(g.perEpoch.length / 5)));
    const mean = g.layers.map((_, i) => tail.reduce((s, e) => s + e[i], 0) / tail.length);
    if (mean.length >= 2 && mean.every(Number.isFinite)) {
      const ratio = mean[0] / maxOf(mean);
      if (ratio < vanish)
        add(
          'vanishing gradients',
          `the first layer's gradient norm (${g.layers[0]}: ${f(mean[0])}) is ${f(ratio)} of the largest`,
        );
    }
    const top = maxOf(mean);
    if (Number.isFinite(maxG) && maxG < vanish * 1e-2 && last > 1e-6)
      add('vanishing gradients', `all gradient norms stayed below ${f(maxG)} while the loss is ${f(last)}`);
    else if (top < vanish && last > 1e-6)
      add('vanishing gradients', `every layer's gradient norm ended below ${f(top)} while the loss is ${f(last)}`);
  }

  // overfit: validation loss rises well above its minimum while the training loss keeps falling
  if (Array.isArray(val) && val.length === E && val.every(Number.isFinite) && E >= 5) {
    let b = 0;
    for (let i = 1; i < E; i++) if (val[i] < val[b]) b = i;
    const rise = val[E - 1] / val[b] - 1;
    if (rise > (options.overfitRise ?? 0.2) && E - 1 - b >= Math.max(3, Math.round(E / 10)) && last < loss[b])
      add(
        'overfit',
        `val_loss was lowest at epoch ${b + 1} (${f(val[b])}) and rose ${f(rise * 100)}% to ${f(val[E - 1])} while the training loss fell from ${f(loss[b])} to ${f(last)}`,
      );
  }

  // underfit: still falling at the end, or high (vs a baseline) / flat from the start
  if (bad < 0) {
    const k = Math.max(1, Math.floor(E / 5));
    const drop = 1 - last / loss[E - 1 - k];
    if (E < 5 && last < loss[0])
      add('underfit', `only ${E} epoch(s) and the training loss is still falling (${f(loss[0])} -> ${f(last)})`);
    else if (drop > (options.stillFalling ?? 0.2) && (loss[E - 1 - k] - last) / (loss[0] - last) > 0.1)
      add(
        'underfit',
        `the training loss still fell ${f(drop * 100)}% over the last ${k} epoch(s) (${f(loss[E - 1 - k])} -> ${f(last)})`,
      );
    else if (options.baselineLoss !== undefined && last > 0.8 * options.baselineLoss)
      add(
        'underfit',
        `the final loss ${f(last)} is ${f(last / options.baselineLoss)}× that of a trivial predictor (${f(options.baselineLoss)})`,
      );
    else if (E >= 5 && 1 - last / loss[0] < 0.1)
      add(
        'underfit',
        `the training loss is flat: it fell only ${f((1 - last / loss[0]) * 100)}% since the first epoch (${f(loss[0])} -> ${f(last)})`,
      );
  }

  // NaN first; then overfit; then spikes, which exploding gradients usually cause (same remedy)
  const rank = (x: Finding) =>
    x.verdict === 'unstable' && /became/.test(x.evidence)
      ? 0
      : ['overfit', 'unstable', 'exploding gradients', 'vanishing gradients', 'underfit'].indexOf(x.verdict) + 1;
  const top = [...findings].sort((a, b) => rank(a) - rank(b))[0];
  const verdict: Verdict = top?.verdict ?? 'good fit';
  const evidence = findings.filter((x) => x.verdict === verdict).map((x) => x.evidence);
  if (verdict === 'good fit') {
    evidence.push(
      `the training loss settled at ${f(last)} (from ${f(loss[0])})${Array.isArray(val) && val.length ? `, val_loss at ${f(val[val.length - 1])}` : ''} with no spikes, no late rise of val_loss and no late fall of the training loss`,
    );
  }
  const advice = [...new Set([verdict, ...findings.map((x) => x.verdict)])].map((v) => ADVICE[v]);
  return { verdict, evidence, advice, findings };
}

/**
 * The diagnosis as text for the terminal.
 * @example console.log(renderDiagnosis(diagnose(history)));
 */
export function renderDiagnosis(d: Diagnosis): string {
  const others = d.findings.filter((x) => x.verdict !== d.verdict);
  return [
    `diagnosis: ${d.verdict}`,
    ...d.evidence.map((e) => `  evidence: ${e}`),
    ...others.map((x) => `  also ${x.verdict}: ${x.evidence}`),
    ...d.advice.map((a) => `  advice: ${a}`),
  ].join('\n');
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * An HTML fragment for reports: the verdict, evidence and advice, the learning curves (log10 of the
 * losses when they span more than a factor 100) and, when tracked, the per-layer gradient norms.
 * @example const html = diagnosisHtml(history, diagnose(history));
 */
export function diagnosisHtml(history: History, d: Diagnosis, gradientNorms?: GradientNorms): string {
  const h = history.history,
    x = history.epoch.map((e) => e + 1);
  const curves = [h['loss'] ?? [], h['val_loss'] ?? []];
  const finite = curves.flat().filter((v) => Number.isFinite(v) && v > 0);
  const logScale = finite.length > 0 && maxOf(finite) / minOf(finite) > 100;
  const tr = (v: readonly number[]) => (logScale ? v.map((y) => (y > 0 ? Math.log10(y) : Number.NaN)) : [...v]);
  const series = [{ label: 'loss', x, y: tr(curves[0]), color: '#1f77b4' }];
  if (curves[1].length) series.push({ label: 'val_loss', x, y: tr(curves[1]), color: '#d62728' });
  const parts = [
    '<section class="diagnosis">',
    `<h2>Diagnosis: ${esc(d.verdict)}</h2>`,
    `<ul>${d.evidence.map((e) => `<li>${esc(e)}</li>`).join('')}</ul>`,
    `<p>Advice: ${d.advice.map(esc).join('; ')}.</p>`,
    lineChart(series, {
      title: 'Learning curves',
      xLabel: 'epoch',
      yLabel: logScale ? 'log10 loss' : 'loss',
      height: 280,
    }),
  ];
  if (gradientNorms?.perEpoch.length) {
    const colors = ['#2ca02c', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#17becf'];
    const gs = gradientNorms.layers.map((name, i) => ({
      label: name,
      x: gradientNorms.perEpoch.map((_, e) => e + 1),
      y: gradientNorms.perEpoch.map((e) => (e[i] > 0 ? Math.log10(e[i]) : Number.NaN)),
      color: colors[i % colors.length],
    }));
    parts.push(
      lineChart(gs, { title: 'Gradient norms per layer', xLabel: 'epoch', yLabel: 'log10 norm', height: 240 }),
    );
  }
  parts.push('</section>');
  return parts.join('\n');
}

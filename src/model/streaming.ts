// Streaming inference: model.step(x_t) runs one time step of a sequential recurrent model with the
// state carried from the previous step (the serving case: one new observation at a time), equal to
// the full-sequence outputs at that step; model.resetStates() starts a new sequence. Each recurrent
// layer runs its backend kernel with T = 1 on buffers allocated once per batch size (the wasm backend
// keeps the packed recurrent kernel between steps and uses its matrix-vector kernel for B ≤ 4);
// Dense, Dropout and TimeDistributed layers run their usual call on the step.

import { getBackend, type Backend, type RecurrentOptions } from '../backend/backend.js';
import { ShapeError, StateError } from '../errors.js';
import type { Layer } from '../layers/layer.js';
import { type FloatArray, shapeString, Tensor, type TensorLike, tensor } from '../tensor.js';

/** Layer classes step() can run; recurrent ones carry state, the others act on each step alone. */
const RECURRENT = ['LSTM', 'GRU', 'SimpleRNN'];
const PER_STEP = ['Dense', 'Dropout', 'TimeDistributed'];

interface Cell {
  layer: Layer;
  kind: 'LSTM' | 'GRU' | 'SimpleRNN';
  D: number;
  H: number;
  options: RecurrentOptions & { resetAfter: boolean };
  returnSequences: boolean;
}

/** Per-batch-size buffers of one recurrent layer: input, output, state (double-buffered), workspace. */
interface CellRun {
  x: FloatArray; // (B,1,D)
  y: FloatArray; // (B,H)
  states: FloatArray[]; // [h] or [h, c], each (B,H)
  next: FloatArray[]; // the step's final states, swapped with states after the step
  ws: unknown;
}

interface Stream {
  backend: Backend;
  B: number;
  runs: Map<Layer, CellRun>;
}

const streams = new WeakMap<object, Stream>();

function cellOf(layer: Layer, where: string): Cell | null {
  if (!RECURRENT.includes(layer.className)) {
    if (PER_STEP.includes(layer.className)) return null;
    throw new StateError(
      `step() runs LSTM, GRU, SimpleRNN, Dense, Dropout and TimeDistributed layers; layer '${layer.name}' is a ${layer.className}, which needs the whole sequence: use predict()`,
      where,
    );
  }
  const c = layer.getConfig() as {
    units: number;
    activation: RecurrentOptions['activation'];
    recurrentActivation?: RecurrentOptions['activation'];
    goBackwards: boolean;
    returnSequences: boolean;
    resetAfter?: boolean;
  };
  if (c.goBackwards)
    throw new StateError(
      `layer '${layer.name}' has goBackwards: it reads the sequence from its end, so it cannot stream`,
      where,
    );
  return {
    layer,
    kind: layer.className as Cell['kind'],
    D: layer.params()[0].shape[0],
    H: c.units,
    options: {
      activation: c.activation,
      recurrentActivation: c.recurrentActivation ?? 'linear',
      goBackwards: false,
      returnSequences: false,
      resetAfter: c.resetAfter ?? true,
    },
    returnSequences: c.returnSequences,
  };
}

function newRun(be: Backend, cell: Cell, B: number): CellRun {
  const { kind, D, H } = cell;
  const n = kind === 'LSTM' ? 2 : 1;
  const states = Array.from({ length: n }, () => be.alloc(B * H));
  const next = Array.from({ length: n }, () => be.alloc(B * H));
  const ws =
    kind === 'LSTM'
      ? be.lstmWorkspace(B, 1, D, H)
      : kind === 'GRU'
        ? be.gruWorkspace(B, 1, D, H)
        : be.simpleRnnWorkspace(B, 1, D, H);
  return { x: be.alloc(B * D), y: be.alloc(B * H), states, next, ws };
}

/** One step of a recurrent layer on x (B,1,D): writes run.y (B,H) and carries the states. */
function stepCell(be: Backend, cell: Cell, run: CellRun): void {
  const [W, U, b] = cell.layer.params();
  const { y, x, states, next } = run;
  const bias = b ? b.value : null;
  // Argument objects written out (no spread): this runs once per layer per step.
  if (cell.kind === 'LSTM')
    be.lstmForward({
      y,
      hT: next[0],
      cT: next[1],
      ws: run.ws as never,
      x,
      W: W.value,
      U: U.value,
      b: bias,
      h0: states[0],
      c0: states[1],
      mask: null,
      options: cell.options,
    });
  else {
    // GRU and SimpleRNN take the same arguments (one state).
    const forward = cell.kind === 'GRU' ? be.gruForward : be.simpleRnnForward;
    forward({
      y,
      hT: next[0],
      ws: run.ws as never,
      x,
      W: W.value,
      U: U.value,
      b: bias,
      h0: states[0],
      mask: null,
      options: cell.options,
    });
  }
  run.states = next;
  run.next = states;
}

/** The step's input as (B,1,F) data, from [B, F], [B, 1, F] or [F] (one sample). */
function stepInput(x: TensorLike, F: number, where: string): Tensor {
  const t = x instanceof Tensor ? x : tensor(x);
  const s = t.shape;
  const ok =
    (s.length === 2 && s[1] === F) || (s.length === 3 && s[1] === 1 && s[2] === F) || (s.length === 1 && s[0] === F);
  if (!ok)
    throw new ShapeError(
      `step() takes one time step: shape [batch, ${F}] (or [batch, 1, ${F}], or [${F}] for one sample), got ${shapeString(s)}`,
      where,
    );
  return t.reshape([s.length === 1 ? 1 : s[0], 1, F]);
}

/**
 * Runs one time step of a built sequential model with every recurrent layer's state carried from the
 * previous call; returns the model's output for that step, (batch, ...output shape without the time axis).
 */
export function stepModel(
  model: { name: string; layers: Layer[]; inputShapes(): number[][] | null },
  x: TensorLike,
): Tensor {
  const where = `${model.name}.step`;
  const shapes = model.inputShapes();
  if (!shapes)
    throw new StateError(
      'the model is not built yet: give the first layer an inputShape or fit it before step()',
      where,
    );
  const F = shapes[0][shapes[0].length - 1];
  const xt = stepInput(x, F, where);
  const B = xt.shape[0];
  const be = getBackend();
  let st = streams.get(model);
  if (st && (st.backend !== be || st.B !== B)) {
    if (st.backend === be)
      throw new ShapeError(
        `step() got a batch of ${B} after steps with batch ${st.B}: each row continues its own sequence, so call resetStates() before changing the batch size`,
        where,
      );
    st = undefined; // the backend changed: start over on the new one
  }
  if (!st) streams.set(model, (st = { backend: be, B, runs: new Map() }));
  let h: Tensor = xt;
  let seq = true; // h is (B,1,·) rather than (B,·)
  for (const layer of model.layers) {
    const cell = cellOf(layer, where);
    if (!cell) {
      h = layer.call([h], { training: false, mask: null })[0];
      continue;
    }
    if (!seq)
      throw new StateError(
        `layer '${layer.name}' needs a sequence but the layer before it returns only its last output`,
        where,
      );
    let run = st.runs.get(layer);
    if (!run) st.runs.set(layer, (run = newRun(be, cell, B)));
    run.x.set(h.data);
    stepCell(be, cell, run);
    seq = cell.returnSequences;
    h = new Tensor(run.y, seq ? [B, 1, cell.H] : [B, cell.H]);
  }
  const out = Float32Array.from(h.data);
  return new Tensor(out, seq ? [B, ...h.shape.slice(2)] : h.shape);
}

/** Forgets the streaming state of a model: the next step() starts a new sequence from zero states. */
export function resetStream(model: object): void {
  streams.delete(model);
}

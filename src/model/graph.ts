// Functional (graph) models, as keras.Model(inputs, outputs): nodes run in topological order; backward
// runs them in reverse, summing gradients where a tensor feeds several layers. A layer called at
// several nodes (shared) keeps one forward cache, so before its backward at a node the graph re-runs
// that node's forward on the saved inputs: each node's backward then sees its own cache.

import { getBackend } from '../backend/backend.js';
import { ConfigError } from '../errors.js';
import type { CallContext, Layer } from '../layers/layer.js';
import { uniqueName } from '../layers/layer.js';
import { type Tensor as T, Tensor, type TensorLike } from '../tensor.js';
import { Model, type PredictConfig } from './model.js';
import { summaryShape, summaryTable } from './summary.js';
import { type GraphNode, SymbolicTensor } from '../layers/symbolic.js';

export interface GraphModelConfig {
  inputs: SymbolicTensor | SymbolicTensor[];
  outputs: SymbolicTensor | SymbolicTensor[];
  name?: string;
}

interface NodeRun {
  inputs: T[];
  ctx: CallContext;
}

export class GraphModel extends Model {
  readonly name: string;
  readonly inputs: SymbolicTensor[];
  readonly outputs: SymbolicTensor[];
  /** Nodes in topological order. */
  readonly nodes: GraphNode[];
  private readonly layerList: Layer[];
  private readonly useCount = new Map<Layer, number>();
  private runs: NodeRun[] = [];

  constructor(config: GraphModelConfig) {
    super();
    this.name = config.name ?? uniqueName('functional');
    const where = this.name;
    this.inputs = Array.isArray(config.inputs) ? [...config.inputs] : [config.inputs];
    this.outputs = Array.isArray(config.outputs) ? [...config.outputs] : [config.outputs];
    for (const t of [...this.inputs, ...this.outputs]) {
      if (!(t instanceof SymbolicTensor))
        throw new ConfigError('model() takes symbolic tensors from input() and layer.apply()', where);
    }
    for (const t of this.inputs)
      if (t.node) throw new ConfigError(`inputs must come from input(), but '${t.label}' is a layer output`, where);
    if (new Set(this.inputs).size !== this.inputs.length)
      throw new ConfigError('the same input is listed twice in inputs', where);
    this.nodes = topologicalNodes(this.outputs, new Set(this.inputs), where);
    this.layerList = [];
    for (const n of this.nodes) {
      this.useCount.set(n.layer, (this.useCount.get(n.layer) ?? 0) + 1);
      if (!this.layerList.includes(n.layer)) this.layerList.push(n.layer);
    }
  }

  get layers(): Layer[] {
    return this.layerList;
  }
  get inputCount(): number {
    return this.inputs.length;
  }
  get outputCount(): number {
    return this.outputs.length;
  }
  inputShapes(): number[][] {
    return this.inputs.map((t) => [...t.shape]);
  }
  /** Layers are built when applied; nothing is left to build. */
  build(_inputShapes: number[][]): void {}

  override outputNames(): string[] {
    return this.outputs.map((t) => (t.node ? t.node.layer.name : t.name));
  }

  protected forwardBatch(xs: T[], training: boolean): T[] {
    const values = new Map<number, T>();
    const masks = new Map<number, T | null>();
    this.inputs.forEach((t, i) => {
      values.set(t.id, xs[i]);
      masks.set(t.id, null);
    });
    this.runs = [];
    for (const node of this.nodes) {
      const ins = node.inputs.map((t) => values.get(t.id)!);
      const inMasks = node.inputs.map((t) => masks.get(t.id) ?? null);
      const ctx: CallContext = { training, mask: inMasks[0], masks: inMasks };
      const outs = node.layer.call(ins, ctx);
      const outMask = node.layer.computeMask(ins, inMasks[0]);
      node.outputs.forEach((t, k) => {
        values.set(t.id, outs[k]);
        const o = outs[k];
        const fits = outMask && (k === 0 || (o.rank >= 3 && o.shape[1] === outMask.shape[1]));
        masks.set(t.id, fits ? outMask : null);
      });
      if (training) this.runs.push({ inputs: ins, ctx });
    }
    return this.outputs.map((t) => values.get(t.id)!);
  }

  protected backwardBatch(dys: T[]): void {
    const grads = new Map<number, T>();
    const add = (id: number, g: T | null) => {
      if (!g) return;
      const prev = grads.get(id);
      if (!prev) return void grads.set(id, g);
      const sum = new Tensor(getBackend().alloc(g.size), prev.shape);
      for (let i = 0; i < g.size; i++) sum.data[i] = prev.data[i] + g.data[i];
      grads.set(id, sum);
    };
    for (let k = 0; k < this.outputs.length; k++) add(this.outputs[k].id, dys[k]);
    for (let n = this.nodes.length - 1; n >= 0; n--) {
      const node = this.nodes[n];
      const dOuts = node.outputs.map((t) => grads.get(t.id) ?? null);
      if (dOuts.every((d) => d === null)) continue;
      const run = this.runs[n];
      if ((this.useCount.get(node.layer) ?? 1) > 1) node.layer.call(run.inputs, run.ctx);
      // A node fed only by the model's inputs need not compute its input gradients: nothing reads them.
      const dIns = node.layer.backward(dOuts, !node.inputs.every((t) => this.inputs.some((i) => i.id === t.id)));
      for (let i = 0; i < node.inputs.length; i++) add(node.inputs[i].id, dIns[i] ?? null);
    }
  }

  /** Predictions in batches: a Tensor for a one-output model, else one Tensor per output (pass the type). */
  predict<R extends T | T[] = T>(x: TensorLike | TensorLike[], config: PredictConfig = {}): R {
    const outs = this.predictOutputs(x, config);
    return (outs.length === 1 ? outs[0] : outs) as R;
  }

  /** A Keras-style table with a "Connected to" column. Returns it; prints it unless print is false. */
  summary(
    print: ((line: string) => void) | false = (l) =>
      (globalThis as { console?: { log(s: string): void } }).console?.log(l),
  ): string {
    const fmt = summaryShape;
    const rows = [
      ...this.inputs.map((t) => ({ name: t.name, type: 'InputLayer', shape: fmt(t.shape), params: 0 })),
      ...this.layerList.map((l) => {
        const nodes = this.nodes.filter((n) => n.layer === l);
        const outs = nodes[0].outputs;
        return {
          name: l.name,
          type: l.className,
          shape: outs.length === 1 ? fmt(outs[0].shape) : `[${outs.map((o) => fmt(o.shape)).join(', ')}]`,
          params: l.countParams(),
          connectedTo: nodes.flatMap((n) => n.inputs.map((t) => t.label)).join(', '),
        };
      }),
    ];
    const text = summaryTable(this.name, rows, this.params());
    if (print) print(text);
    return text;
  }
}

/** Nodes reachable backwards from the outputs, ordered so every node follows its producers. */
function topologicalNodes(outputs: SymbolicTensor[], inputs: Set<SymbolicTensor>, where: string): GraphNode[] {
  const order: GraphNode[] = [];
  const state = new Map<GraphNode, 1 | 2>();
  const visitTensor = (t: SymbolicTensor) => {
    if (inputs.has(t)) return;
    if (!t.node) throw new ConfigError(`output depends on input '${t.name}' which is not in inputs`, where);
    visit(t.node);
  };
  const visit = (n: GraphNode) => {
    const s = state.get(n);
    if (s === 2) return;
    if (s === 1) throw new ConfigError(`the graph has a cycle through layer '${n.layer.name}'`, where);
    state.set(n, 1);
    for (const t of n.inputs) visitTensor(t);
    state.set(n, 2);
    order.push(n);
  };
  for (const t of outputs) visitTensor(t);
  return order;
}

/**
 * A functional model from symbolic inputs to symbolic outputs (several of each allowed).
 * @example
 * const x = input({ shape: [3, 1] });
 * const m = model({ inputs: x, outputs: dense({ units: 1 }).apply(lstm({ units: 8 }).apply(x)) });
 */
export function model(config: GraphModelConfig): GraphModel {
  if (!config || typeof config !== 'object') throw new ConfigError('model() takes { inputs, outputs }', 'model');
  return new GraphModel(config);
}

// ONNX export (opset 17, IR version 8) of Sequential and functional models: each layer maps to a few
// ONNX ops (onnx-layers.ts); a layer without a mapping is a ConfigError naming it. Inputs are float32
// [batch, ...inputShape] (Embedding ids are cast to int64 inside the graph).

import { ConfigError } from '../errors.js';
import type { Activation } from '../kernels/activations.js';
import type { Layer } from '../layers/layer.js';
import { GraphModel } from '../model/graph.js';
import type { Model } from '../model/model.js';
import { Sequential } from '../model/sequential.js';
import { activationNode, attrInt, attrInts, Graph } from './onnx-graph.js';
import { exportAttention, exportBidirectional, exportConv1d, exportPool1d, exportRecurrent } from './onnx-layers.js';
import { DTYPE, encodeModelProto } from './onnx-proto.js';

export interface OnnxExportOptions {
  /** Graph input names. Default 'input' (one input) or 'input_0', 'input_1', ... */
  inputNames?: string[];
  /** Graph output names. Default 'output' (one output) or 'output_0', 'output_1', ... */
  outputNames?: string[];
}

const EXPORTABLE = [
  'AdditiveAttention',
  'Add',
  'Attention',
  'AveragePooling1D',
  'Bidirectional',
  'Concatenate',
  'Conv1D',
  'Dense',
  'Dropout',
  'Embedding',
  'Flatten',
  'GRU',
  'GlobalAveragePooling1D',
  'GlobalMaxPooling1D',
  'LSTM',
  'MaxPooling1D',
  'RepeatVector',
  'Reshape',
  'SimpleRNN',
  'TimeDistributed',
];

/**
 * The layer class names exportOnnx can write.
 * @example onnxExportableLayers().includes('LSTM')  //=> true
 */
export function onnxExportableLayers(): string[] {
  return [...EXPORTABLE];
}

function exportDense(g: Graph, x: string, layer: Layer, where: string): string {
  const c = layer.getConfig() as { activation: Activation };
  const [W, b] = layer.params();
  let y = g.op('MatMul', [x, g.floats(`${layer.name}_kernel`, W.shape, W.value)]);
  if (b) y = g.op('Add', [y, g.floats(`${layer.name}_bias`, b.shape, b.value)]);
  return activationNode(g, y, c.activation, `${where}: layer '${layer.name}'`);
}

/** ONNX ops for one layer call: input names and per-sample input shapes in, output names out. */
function exportLayer(g: Graph, xs: string[], shapes: number[][], layer: Layer, where: string): string[] {
  if (['LSTM', 'GRU', 'SimpleRNN'].includes(layer.className)) return exportRecurrent(g, xs, layer, where);
  if (layer.className === 'Attention' || layer.className === 'AdditiveAttention')
    return exportAttention(g, xs, shapes, layer);
  return [exportOne(g, xs, shapes, layer, where)];
}

function exportOne(g: Graph, xs: string[], shapes: number[][], layer: Layer, where: string): string {
  const x = xs[0];
  const c = layer.getConfig() as Record<string, unknown>;
  switch (layer.className) {
    case 'Dense':
      return exportDense(g, x, layer, where);
    case 'Bidirectional':
      return exportBidirectional(g, x, layer, where);
    case 'TimeDistributed': {
      const inner = (layer as unknown as { layer: Layer }).layer;
      if (inner.className !== 'Dense')
        throw new ConfigError(
          `layer '${layer.name}' wraps ${inner.className}; ONNX export handles TimeDistributed(Dense)`,
          where,
        );
      return exportDense(g, x, inner, where); // MatMul broadcasts over the time axis
    }
    case 'Dropout':
      return x; // identity at inference
    case 'Conv1D':
      return exportConv1d(g, x, layer, shapes[0], where);
    case 'MaxPooling1D':
    case 'AveragePooling1D':
      return exportPool1d(g, x, layer, shapes[0]);
    case 'GlobalAveragePooling1D':
      return g.op('ReduceMean', [x], [attrInts('axes', [1]), attrInt('keepdims', 0)]);
    case 'GlobalMaxPooling1D':
      return g.op('ReduceMax', [x], [attrInts('axes', [1]), attrInt('keepdims', 0)]);
    case 'Flatten':
      return g.op('Flatten', [x], [attrInt('axis', 1)]);
    case 'Reshape':
      return g.op('Reshape', [x, g.int64s('shape', [0, ...(c.targetShape as number[])])]);
    case 'RepeatVector':
      return g.op('Tile', [g.op('Unsqueeze', [x, g.int64s('axes', [1])]), g.int64s('repeats', [1, c.n as number, 1])]);
    case 'Embedding': {
      if (c.maskZero)
        throw new ConfigError(`layer '${layer.name}' has maskZero; ONNX export does not carry masks`, where);
      const [E] = layer.params();
      const ids = g.op('Cast', [x], [attrInt('to', DTYPE.INT64)]);
      return g.op('Gather', [g.floats(`${layer.name}_embeddings`, E.shape, E.value), ids], [attrInt('axis', 0)]);
    }
    case 'Concatenate':
      return g.op('Concat', xs, [attrInt('axis', c.axis as number)]);
    case 'Add':
      return g.op('Sum', xs);
    default:
      throw new ConfigError(
        `layer '${layer.name}' (${layer.className}) has no ONNX export; exportable: ${EXPORTABLE.join(', ')}`,
        where,
      );
  }
}

const valueInfo = (name: string, shape: number[]) => ({
  name,
  type: {
    tensorType: {
      elemType: DTYPE.FLOAT,
      shape: {
        dim: [
          { dimParam: 'batch' },
          ...shape.map((d, i) => (Number.isNaN(d) ? { dimParam: `dim${i + 1}` } : { dimValue: d })),
        ],
      },
    },
  },
});

/**
 * The model as ONNX bytes (opset 17), runnable in onnxruntime: inputs float32 [batch, ...inputShape].
 * Asynchronous because the protobuf encoder (protobufjs) is loaded on first use only.
 * @example const bytes = await exportOnnx(model); // writeFileSync('model.onnx', bytes) in Node
 */
export async function exportOnnx(model: Model, options: OnnxExportOptions = {}): Promise<Uint8Array> {
  const where = 'exportOnnx';
  if (!model.built)
    throw new ConfigError('the model is not built yet: give the first layer an inputShape or fit it first', where);
  const g = new Graph();
  const inShapes = model.inputShapes()!;
  const inNames = options.inputNames ?? (inShapes.length === 1 ? ['input'] : inShapes.map((_, i) => `input_${i}`));
  let outs: string[];
  let outShapes: number[][];
  if (model instanceof Sequential) {
    let x = inNames[0];
    let shape = inShapes[0];
    for (const layer of model.layers) {
      x = exportLayer(g, [x], [shape], layer, where)[0];
      shape = layer.computeOutputShapes([shape])[0];
    }
    outs = [x];
    outShapes = [shape];
  } else if (model instanceof GraphModel) {
    const names = new Map<number, string>(); // SymbolicTensor id -> ONNX name
    model.inputs.forEach((t, i) => {
      names.set(t.id, inNames[i]);
    });
    for (const n of model.nodes) {
      const results = exportLayer(
        g,
        n.inputs.map((t) => names.get(t.id)!),
        n.inputs.map((t) => t.shape),
        n.layer,
        where,
      );
      if (results.length !== n.outputs.length)
        throw new ConfigError(
          `layer '${n.layer.name}' has ${n.outputs.length} outputs but its ONNX export gives ${results.length}`,
          where,
        );
      n.outputs.forEach((t, k) => {
        names.set(t.id, results[k]);
      });
    }
    outs = model.outputs.map((t) => names.get(t.id)!);
    outShapes = model.outputs.map((t) => t.shape);
  } else throw new ConfigError('exportOnnx supports Sequential and functional models', where);
  const outNames = options.outputNames ?? (outs.length === 1 ? ['output'] : outs.map((_, i) => `output_${i}`));
  if (inNames.length !== inShapes.length || outNames.length !== outs.length)
    throw new ConfigError(`give ${inShapes.length} input names and ${outs.length} output names`, where);
  outs.forEach((o, i) => {
    g.nodes.push({
      opType: 'Identity',
      name: `${outNames[i]}_identity`,
      input: [o],
      output: [outNames[i]],
      attribute: [],
    });
  });
  return encodeModelProto({
    irVersion: 8,
    opsetImport: [{ domain: '', version: 17 }],
    producerName: 'lstmkit',
    producerVersion: '0.1.0',
    graph: {
      name: model.name,
      node: g.nodes,
      initializer: g.inits,
      input: inShapes.map((s, i) => valueInfo(inNames[i], s)),
      output: outShapes.map((s, i) => valueInfo(outNames[i], s)),
    },
  });
}

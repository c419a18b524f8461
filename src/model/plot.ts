// plotModel: the model as a diagram of layer boxes (Keras' plot_model), drawn by the charts module's
// layerDiagram. Sequential models are a chain from their input; functional models follow their graph
// (a shared layer appears once per call).

import { type DiagramNode, layerDiagram } from '../charts/diagram.js';
import { StateError } from '../errors.js';
import type { Layer } from '../layers/layer.js';
import { GraphModel } from './graph.js';
import type { Model } from './model.js';
import { Sequential } from './sequential.js';

export interface PlotModelOptions {
  /** Input and output shapes in each box (default false, as in Keras). */
  showShapes?: boolean;
  /** 'name (ClassName)' instead of 'ClassName' (default false, as in Keras 3). */
  showLayerNames?: boolean;
  /** The parameter count in each box (default false). */
  showParams?: boolean;
  /** A title above the diagram (default none). */
  title?: string;
}

/** Marks SVG files written by plotModel (data-lstmkit attribute), so a tool may replace its own files. */
export const PLOT_MODEL_KIND = 'plot-model';

const RECURRENT = new Set(['LSTM', 'GRU', 'SimpleRNN', 'Bidirectional']);
const DENSE = new Set(['Dense', 'TimeDistributed']);

const shapeText = (shapes: readonly (readonly number[])[]) => {
  const one = (s: readonly number[]) => `(None, ${s.join(', ')})`;
  return shapes.length === 1 ? one(shapes[0]) : `[${shapes.map(one).join(', ')}]`;
};

function box(
  id: string,
  name: string,
  className: string,
  inShapes: readonly (readonly number[])[] | null,
  outShapes: readonly (readonly number[])[],
  layer: Layer | null,
  o: PlotModelOptions,
): DiagramNode {
  const lines: string[] = [];
  if (o.showShapes) lines.push(inShapes ? `${shapeText(inShapes)} → ${shapeText(outShapes)}` : shapeText(outShapes));
  if (o.showParams && layer) lines.push(`${layer.countParams().toLocaleString('en-US')} params`);
  return {
    id,
    title: o.showLayerNames ? `${name} (${className})` : className,
    lines,
    kind: !layer ? 'input' : RECURRENT.has(className) ? 'recurrent' : DENSE.has(className) ? 'dense' : 'other',
  };
}

/**
 * The model as an SVG diagram: a box per layer (and per input), arrows along the data flow.
 * @example writeFileSync('model.svg', plotModel(model, { showShapes: true, showLayerNames: true }));
 */
export function plotModel(model: Model, options: PlotModelOptions = {}): string {
  if (!model.built)
    throw new StateError(
      `model '${model.name}' is not built yet: give the first layer an inputShape or fit it first, then plot it`,
      'plotModel',
    );
  const nodes: DiagramNode[] = [];
  const edges: [string, string][] = [];
  const diagram = { ...(options.title ? { title: options.title } : {}), kind: PLOT_MODEL_KIND };
  if (model instanceof Sequential) {
    const input = model.inputShapes()![0];
    const shapes = model.outputShapes();
    nodes.push(box('in', 'input', 'InputLayer', null, [input], null, options));
    model.layers.forEach((l, i) => {
      nodes.push(box(`l${i}`, l.name, l.className, [i === 0 ? input : shapes[i - 1]], [shapes[i]], l, options));
      edges.push([i === 0 ? 'in' : `l${i - 1}`, `l${i}`]);
    });
    return layerDiagram(nodes, edges, diagram);
  }
  if (model instanceof GraphModel) {
    const producer = new Map<number, string>(); // SymbolicTensor id -> box id
    model.inputs.forEach((t, i) => {
      nodes.push(box(`in${i}`, t.name, 'InputLayer', null, [t.shape], null, options));
      producer.set(t.id, `in${i}`);
    });
    model.nodes.forEach((n, k) => {
      const id = `n${k}`;
      const name = n.callIndex > 0 ? `${n.layer.name}[${n.callIndex}]` : n.layer.name;
      nodes.push(
        box(
          id,
          name,
          n.layer.className,
          n.inputs.map((t) => t.shape),
          n.outputs.map((t) => t.shape),
          n.layer,
          options,
        ),
      );
      for (const from of new Set(n.inputs.map((t) => producer.get(t.id)!))) edges.push([from, id]);
      for (const t of n.outputs) producer.set(t.id, id);
    });
    return layerDiagram(nodes, edges, diagram);
  }
  throw new StateError(`plotModel draws Sequential and functional models; '${model.name}' is neither`, 'plotModel');
}

// The layer registry: custom layers registered with registerLayer (and registerTfjsConverter) save,
// load and import like built-in ones; the lists of supported classes name every built-in layer.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type CallContext, SimpleLayer } from '../../src/layers/layer.js';
import {
  dense,
  FormatError,
  loadModel,
  loadTfjsModel,
  onnxExportableLayers,
  registeredLayers,
  registerLayer,
  registerTfjsConverter,
  sequential,
  setRandomSeed,
  type Shape,
  Tensor,
  tensor,
  tfjsImportableLayers,
} from '../../src/index.js';

/** y = x · factor, one trainable scalar. */
class Scale extends SimpleLayer {
  readonly className = 'Scale';
  constructor(readonly config: { name?: string; init?: number }) {
    super(config, 'scale');
  }
  protected override declare(): void {
    this.addWeight('factor', [1], { name: 'constant', value: this.config.init ?? 2 });
  }
  override computeOutputShape(s: Shape): number[] {
    return [...s];
  }
  override forward(x: Tensor, _ctx: CallContext): Tensor {
    const f = this.params()[0].value[0];
    return new Tensor(
      Float32Array.from(x.data, (v) => v * f),
      x.shape,
    );
  }
  override backwardOne(dy: Tensor): Tensor {
    return dy;
  }
  override getConfig() {
    return { name: this.name, init: this.config.init ?? 2 };
  }
}

test('registerLayer makes a custom layer loadable; unknown classes are refused before that', async () => {
  setRandomSeed(2);
  const m = sequential([dense({ units: 2, inputShape: [3] }), new Scale({ init: 3 })]);
  const { artifacts } = await m.save();
  if (!registeredLayers().includes('Scale'))
    await assert.rejects(
      loadModel(artifacts),
      (e) => e instanceof FormatError && /unknown layer class 'Scale'/.test(e.message),
    );
  registerLayer('Scale', (c) => new Scale(c as { name?: string; init?: number }));
  assert.ok(registeredLayers().includes('Scale'));
  const copy = (await loadModel(artifacts)) as typeof m;
  const x = tensor([[1, 2, 3]]);
  assert.deepEqual(Array.from(copy.predict(x).data), Array.from(m.predict(x).data));
  assert.throws(() => registerLayer('', () => new Scale({})), /registerLayer needs a class name/);
});

test('registerTfjsConverter imports a custom Keras class; the supported-class lists cover the built-in layers', () => {
  registerLayer('Scale', (c) => new Scale(c as { name?: string; init?: number }));
  registerTfjsConverter('Scale', (c) => ({ init: c.factor_init }));
  const json = {
    modelTopology: {
      class_name: 'Sequential',
      config: {
        name: 's',
        layers: [{ class_name: 'Scale', config: { name: 'scale_1', factor_init: 1, batch_input_shape: [null, 2] } }],
      },
    },
    weightSpecs: [{ name: 'scale_1/factor', shape: [1], dtype: 'float32' }],
  };
  const m = loadTfjsModel(json, Float32Array.of(5));
  assert.deepEqual(Array.from(m.predictOutputs(tensor([[1, -2]]))[0].data), [5, -10]);
  for (const c of ['Dense', 'LSTM', 'GRU', 'SimpleRNN', 'Bidirectional', 'Conv1D', 'Embedding', 'Attention']) {
    assert.ok(tfjsImportableLayers().includes(c), `tfjs import lists ${c}`);
    assert.ok(onnxExportableLayers().includes(c), `ONNX export lists ${c}`);
  }
});

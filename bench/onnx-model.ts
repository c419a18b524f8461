// Builds, in memory, the ONNX model onnxruntime-node runs in the benchmark: the LSTM operator
// (opset 14, gates i,o,f,c, seq-major X (T,B,F)) followed by a MatMul + Add head on the last hidden
// state, with weights converted from Keras layout. Protobuf written by hand (the few fields needed).

class Pb {
  private bytes: number[] = [];
  private varint(v: number): void {
    while (v > 127) {
      this.bytes.push((v & 127) | 128);
      v = Math.floor(v / 128);
    }
    this.bytes.push(v);
  }
  int(field: number, v: number): this {
    this.varint(field * 8);
    this.varint(v);
    return this;
  }
  bytesField(field: number, data: Uint8Array): this {
    this.varint(field * 8 + 2);
    this.varint(data.length);
    for (const b of data) this.bytes.push(b);
    return this;
  }
  str(field: number, s: string): this {
    return this.bytesField(field, new TextEncoder().encode(s));
  }
  msg(field: number, m: Pb): this {
    return this.bytesField(field, m.done());
  }
  done(): Uint8Array {
    return Uint8Array.from(this.bytes);
  }
}

function tensorProto(name: string, dims: number[], data: Float32Array | BigInt64Array, type: 1 | 7): Pb {
  const t = new Pb();
  for (const d of dims) t.int(1, d);
  return t
    .int(2, type)
    .str(8, name)
    .bytesField(9, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
}

function valueInfo(name: string, dims: (number | string)[]): Pb {
  const shape = new Pb();
  for (const d of dims) shape.msg(1, typeof d === 'number' ? new Pb().int(1, d) : new Pb().str(2, d));
  return new Pb().str(1, name).msg(2, new Pb().msg(1, new Pb().int(1, 1).msg(2, shape)));
}

function node(op: string, inputs: string[], outputs: string[], attrs: [string, number][] = []): Pb {
  const n = new Pb();
  for (const i of inputs) n.str(1, i);
  for (const o of outputs) n.str(2, o);
  n.str(3, `${op}_0`).str(4, op);
  for (const [name, v] of attrs) n.msg(5, new Pb().str(1, name).int(3, v).int(20, 2));
  return n;
}

/**
 * Keras weights (kernel (F,4H), recurrentKernel (H,4H), bias (4H), dense (H,1), (1)) -> ONNX model bytes.
 * With `stream`, the state is an input and an output (initial_h, initial_c -> Y_h, Y_c, each (1,B,H)),
 * so a caller steps T = 1 sequences and feeds the state back: the serving loop of a streaming model.
 */
export function lstmOnnxModel(
  T: number,
  F: number,
  H: number,
  kernel: Float32Array,
  rec: Float32Array,
  bias: Float32Array,
  dW: Float32Array,
  db: Float32Array,
  stream = false,
): Uint8Array {
  // Keras gate order i,f,c,o -> ONNX i,o,f,c; ONNX W is (1,4H,F) = per-gate transposed kernels.
  const order = [0, 3, 1, 2];
  const W = new Float32Array(4 * H * F),
    R = new Float32Array(4 * H * H),
    B = new Float32Array(8 * H);
  for (let g = 0; g < 4; g++) {
    const k = order[g];
    for (let j = 0; j < H; j++) {
      for (let f = 0; f < F; f++) W[(g * H + j) * F + f] = kernel[f * 4 * H + k * H + j];
      for (let h = 0; h < H; h++) R[(g * H + j) * H + h] = rec[h * 4 * H + k * H + j];
      B[g * H + j] = bias[k * H + j];
    }
  }
  const lstmIn = stream ? ['X', 'W', 'R', 'B', '', 'initial_h', 'initial_c'] : ['X', 'W', 'R', 'B'];
  const lstmOut = stream ? ['', 'Y_h', 'Y_c'] : ['', 'Y_h'];
  const graph = new Pb()
    .msg(1, node('LSTM', lstmIn, lstmOut, [['hidden_size', H]]))
    .msg(1, node('Reshape', ['Y_h', 'shape'], ['h']))
    .msg(1, node('MatMul', ['h', 'Wd'], ['hw']))
    .msg(1, node('Add', ['hw', 'bd'], ['y']))
    .str(2, 'lstm_head')
    .msg(5, tensorProto('W', [1, 4 * H, F], W, 1))
    .msg(5, tensorProto('R', [1, 4 * H, H], R, 1))
    .msg(5, tensorProto('B', [1, 8 * H], B, 1))
    .msg(5, tensorProto('shape', [2], BigInt64Array.from([-1n, BigInt(H)]), 7))
    .msg(5, tensorProto('Wd', [H, 1], dW, 1))
    .msg(5, tensorProto('bd', [1], db, 1))
    .msg(11, valueInfo('X', [T, 'batch', F]))
    .msg(12, valueInfo('y', ['batch', 1]));
  if (stream)
    graph
      .msg(11, valueInfo('initial_h', [1, 'batch', H]))
      .msg(11, valueInfo('initial_c', [1, 'batch', H]))
      .msg(12, valueInfo('Y_h', [1, 'batch', H]))
      .msg(12, valueInfo('Y_c', [1, 'batch', H]));
  return new Pb().int(1, 7).msg(8, new Pb().str(1, '').int(2, 14)).msg(7, graph).done();
}

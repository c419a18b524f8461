// safetensors (huggingface/safetensors): an 8-byte little-endian header length N, N bytes of JSON
// header { name: { dtype, shape, data_offsets: [begin, end] }, __metadata__?: {...} }, then the raw
// little-endian tensor data. Read F32, F64, F16 and BF16 (as float32/float64); write F32.

import { FormatError } from '../errors.js';
import { sizeOf, Tensor } from '../tensor.js';
import { expectArray, expectInt, expectObject, expectShape, parseJsonSafe } from './safe-json.js';

const BYTES: Record<string, number> = { F32: 4, F64: 8, F16: 2, BF16: 2 };
/** Largest header accepted (the format's own limit is 100 MB). */
const MAX_HEADER = 100_000_000;

function half(bits: number): number {
  const s = bits & 0x8000 ? -1 : 1,
    e = (bits >> 10) & 0x1f,
    f = bits & 0x3ff;
  if (e === 0) return s * 2 ** -14 * (f / 1024);
  if (e === 31) return f ? Number.NaN : s * Infinity;
  return s * 2 ** (e - 15) * (1 + f / 1024);
}

/**
 * Reads a safetensors file into named tensors (F64 stays float64; F32, F16, BF16 become float32).
 * Every offset, shape and size is checked against the file; problems are FormatErrors.
 * @example const state = readSafetensors(new Uint8Array(await file.arrayBuffer())); state.get('lstm.weight_ih_l0')
 */
export function readSafetensors(bytes: Uint8Array): Map<string, Tensor> {
  const where = 'readSafetensors';
  if (!(bytes instanceof Uint8Array)) throw new FormatError('expected the file bytes as a Uint8Array', where);
  if (bytes.length < 8)
    throw new FormatError(
      `file has ${bytes.length} bytes; a safetensors file starts with an 8-byte header length`,
      where,
    );
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = Number(view.getBigUint64(0, true));
  if (n > MAX_HEADER || 8 + n > bytes.length)
    throw new FormatError(`header length ${n} does not fit in a file of ${bytes.length} bytes`, where);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + n));
  } catch {
    throw new FormatError('header is not valid UTF-8', where);
  }
  const header = expectObject(parseJsonSafe(text, where), 'header', where);
  const dataStart = 8 + n,
    dataLength = bytes.length - dataStart;
  const out = new Map<string, Tensor>();
  for (const [name, entry] of Object.entries(header)) {
    if (name === '__metadata__') continue;
    const e = expectObject(entry, `tensor '${name}'`, where);
    const dtype = e.dtype;
    const size = typeof dtype === 'string' && Object.hasOwn(BYTES, dtype) ? BYTES[dtype] : 0;
    if (!size)
      throw new FormatError(
        `tensor '${name}' has dtype ${JSON.stringify(dtype)}; supported: ${Object.keys(BYTES).join(', ')}`,
        where,
      );
    const shape = expectShape(e.shape, `tensor '${name}'.shape`, where);
    const offsets = expectArray(e.data_offsets, `tensor '${name}'.data_offsets`, where, 2);
    const begin = expectInt(offsets[0], `tensor '${name}'.data_offsets[0]`, where, 0, dataLength);
    const end = expectInt(offsets[1], `tensor '${name}'.data_offsets[1]`, where, begin, dataLength);
    const count = sizeOf(shape);
    if (end - begin !== count * size)
      throw new FormatError(
        `tensor '${name}' of shape [${shape}] ${dtype} needs ${count * size} bytes but data_offsets span ${end - begin}`,
        where,
      );
    const at = dataStart + begin;
    let data: Float32Array | Float64Array;
    if (dtype === 'F64') {
      data = new Float64Array(count);
      for (let i = 0; i < count; i++) data[i] = view.getFloat64(at + 8 * i, true);
    } else {
      data = new Float32Array(count);
      if (dtype === 'F32') for (let i = 0; i < count; i++) data[i] = view.getFloat32(at + 4 * i, true);
      else if (dtype === 'F16') for (let i = 0; i < count; i++) data[i] = half(view.getUint16(at + 2 * i, true));
      else {
        const tmp = new DataView(new ArrayBuffer(4));
        for (let i = 0; i < count; i++) {
          tmp.setUint32(0, view.getUint16(at + 2 * i, true) << 16, false);
          data[i] = tmp.getFloat32(0, false);
        }
      }
    }
    out.set(name, new Tensor(data, shape));
  }
  return out;
}

/**
 * Writes named tensors as a safetensors file (F32, or F64 for float64 tensors), keys sorted.
 * @example const bytes = writeSafetensors({ 'fc.weight': tensor([[1, 2]]) });
 */
export function writeSafetensors(
  tensors: Record<string, Tensor> | Map<string, Tensor>,
  metadata?: Record<string, string>,
): Uint8Array {
  const entries = [...(tensors instanceof Map ? tensors.entries() : Object.entries(tensors))].sort(([a], [b]) =>
    a < b ? -1 : a > b ? 1 : 0,
  );
  const header: Record<string, unknown> = metadata ? { __metadata__: metadata } : {};
  let off = 0;
  for (const [name, t] of entries) {
    const size = t.data instanceof Float64Array ? 8 : 4;
    header[name] = { dtype: size === 8 ? 'F64' : 'F32', shape: t.shape, data_offsets: [off, off + t.size * size] };
    off += t.size * size;
  }
  const raw = new TextEncoder().encode(JSON.stringify(header));
  // Pad the header with spaces so the data starts 8-byte aligned, as the reference writer does.
  const head = new Uint8Array(raw.length + ((8 - ((8 + raw.length) % 8)) % 8)).fill(0x20);
  head.set(raw);
  const out = new Uint8Array(8 + head.length + off);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(head.length), true);
  out.set(head, 8);
  let at = 8 + head.length;
  for (const [, t] of entries) {
    if (t.data instanceof Float64Array) for (let i = 0; i < t.size; i++, at += 8) view.setFloat64(at, t.data[i], true);
    else for (let i = 0; i < t.size; i++, at += 4) view.setFloat32(at, t.data[i], true);
  }
  return out;
}

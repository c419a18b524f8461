// Allocation in the kernels' shared WebAssembly memory. Blocks are 64-byte aligned, in size classes
// (quarter powers of two), reused from free lists; a freed block at the top of the heap lowers the bump
// pointer (with any free blocks below it), so memory freed by one workload serves blocks of other sizes. Views returned by alloc() are freed when garbage
// collected (FinalizationRegistry); a subarray keeps its parent alive, so a live slice never loses its
// block. Shared memory never detaches views when it grows. Past the soft cap, alloc() returns plain
// arrays, which kernels copy in (slow path) instead of failing.

import type { WasmMemory } from './wasm-api.js';

const PAGE = 65536;
/** Blocks from this size up also hold an equal ArrayBuffer, so V8 counts them as external memory and
 * collects dead views (returning their blocks) before the wasm heap grows far: without it, a long epoch
 * of 32 KB batch tensors grew the heap by 170 MB before any garbage collection ran. */
const PRESSURE_BYTES = 4096;

/** A Float32Array in wasm memory; subarrays hold their parent so its block stays allocated. */
export class WasmF32 extends Float32Array {
  owner: Float32Array | null = null;
  /** The heap it was allocated from (its memory's buffer object may be replaced by V8; this is not). */
  heap: WasmHeap | null = null;
  override subarray(begin?: number, end?: number): WasmF32 {
    const v = super.subarray(begin, end) as WasmF32;
    v.owner = this;
    v.heap = this.heap;
    return v;
  }
}

function sizeClass(bytes: number): number {
  if (bytes <= 64) return 64;
  const p = 2 ** Math.floor(Math.log2(bytes));
  const q = p / 4;
  return Math.ceil(bytes / q) * q;
}

export class WasmHeap {
  private top: number;
  /** Free blocks: size class -> block addresses; and block end -> block address, to trim the top. */
  private readonly free = new Map<number, Set<number>>();
  private readonly freeEnd = new Map<number, number>();
  private readonly buffers = new Set<ArrayBufferLike>();
  private readonly pressure = new WeakMap<object, ArrayBuffer>();
  private readonly registry = new FinalizationRegistry<[number, number]>(([p, cls]) => this.release(p, cls));
  constructor(
    readonly memory: WasmMemory,
    base: number,
    /** Bytes past which alloc() returns plain arrays. */
    readonly softCap = 1536 * 1024 * 1024,
  ) {
    this.top = base;
    this.buffers.add(memory.buffer);
  }

  /**
   * Whether `a` is a view into this memory: allocated here (V8 may hand out a new buffer object for a
   * shared memory without growing it, so the heap tag is checked first), or on a buffer seen here.
   */
  owns(a: Float32Array): boolean {
    return (a instanceof WasmF32 && a.heap === this) || this.buffers.has(a.buffer);
  }

  /** The current buffer (grows never detach it: the memory is shared). */
  get buffer(): ArrayBufferLike {
    return this.memory.buffer;
  }

  /** A raw block of at least `bytes`, not tracked by GC: give it back with release(). -1 past the cap. */
  reserve(bytes: number): [ptr: number, cls: number] {
    const cls = sizeClass(bytes);
    const set = this.free.get(cls);
    if (set?.size) {
      const p = set.values().next().value as number;
      set.delete(p);
      this.freeEnd.delete(p + cls);
      return [p, cls];
    }
    const end = this.top + cls;
    if (end > this.softCap) return [-1, cls];
    const have = this.memory.buffer.byteLength;
    if (end > have) {
      this.memory.grow(Math.max(Math.ceil((end - have) / PAGE), Math.ceil(have / PAGE / 4)));
      this.buffers.add(this.memory.buffer);
    }
    const p = this.top;
    this.top = end;
    return [p, cls];
  }

  release(p: number, cls: number): void {
    if (p + cls === this.top) {
      // The top block: give its range back to the bump pointer, with the free blocks right below it.
      this.top = p;
      for (let q = this.freeEnd.get(this.top); q !== undefined; q = this.freeEnd.get(this.top)) {
        this.free.get(this.top - q)?.delete(q);
        this.freeEnd.delete(this.top);
        this.top = q;
      }
      return;
    }
    let set = this.free.get(cls);
    if (!set) this.free.set(cls, (set = new Set()));
    set.add(p);
    this.freeEnd.set(p + cls, p);
  }

  /** A zeroed Float32Array of n floats in wasm memory (plain array past the soft cap). */
  alloc(n: number): Float32Array {
    const bytes = Math.max(4 * n, 4);
    const [p, cls] = this.reserve(bytes);
    if (p < 0) return new Float32Array(n);
    const v = new WasmF32(this.memory.buffer as ArrayBuffer, p, n);
    v.heap = this;
    v.fill(0);
    this.registry.register(v, [p, cls]);
    // Tell the garbage collector about the memory this view holds, so dead views are found in time.
    if (cls >= PRESSURE_BYTES) this.pressure.set(v, new ArrayBuffer(cls));
    return v;
  }

  /** The bump pointer: bytes below it are handed out or on free lists. */
  get used(): number {
    return this.top;
  }
}

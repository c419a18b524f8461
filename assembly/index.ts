// lstmkit's WebAssembly kernels (AssemblyScript, SIMD; relaxed SIMD in the second build).
// Memory is imported and shared: the JavaScript side owns allocation (src/backend/wasm/memory.ts).

export { gemm, gemmRange, packAll, packFloats } from './gemm';
export { matvecPacked } from './matvec';
export { lstmStepForward, lstmStepBackward, restoreMasked } from './lstm';
export {
  recurrentProduct,
  lstmForwardSeq,
  lstmBackwardSeq,
  gruForwardSeq,
  gruBackwardSeq,
  rnnForwardSeq,
  rnnBackwardSeq,
} from './sequence';
export { fillRows, addColumnSums, timeMajor } from './elementwise';
export { adamUpdate } from './optim';
export { actInPlace } from './math';

/** First byte the JavaScript allocator may use. */
export function heapBase(): usize {
  return (__heap_base + 63) & ~63;
}

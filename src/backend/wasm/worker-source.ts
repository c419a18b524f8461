// The worker's code as a classic script (no module loader, no TypeScript), so Node (eval: true) and
// browsers (a Blob URL) start it the same way. It instantiates the kernels on the shared memory,
// reports 'ready', then serves tasks forever: spin on the task word, then Atomics.wait; claim chunks
// with compare-and-swap on the counter tagged with the task number (see threads.ts).

/** The step loops a rows task can run (threads.ts runRows); each takes (...arguments, r0, r1, work). */
export const SEQ_EXPORTS = [
  'lstmForwardSeq',
  'lstmBackwardSeq',
  'gruForwardSeq',
  'gruBackwardSeq',
  'rnnForwardSeq',
  'rnnBackwardSeq',
] as const;

export const WORKER_SOURCE = `
const SEQ = ${JSON.stringify(SEQ_EXPORTS)};
'use strict';
function serve(d, post) {
  const inst = new WebAssembly.Instance(d.module, { env: { memory: d.memory, abort() { throw new Error('wasm abort'); } } });
  const k = inst.exports;
  const I = new Int32Array(d.memory.buffer, d.ctrl, 96);
  const work = I[32 + d.id];
  post('ready');
  let seq = 0;
  for (;;) {
    let spins = 0;
    while (Atomics.load(I, 0) === seq) {
      if (++spins > d.spin) { Atomics.wait(I, 0, seq); spins = 0; }
    }
    seq = Atomics.load(I, 0);
    for (;;) {
      const w = Atomics.load(I, 1);
      const i = w & 255;
      if ((w >>> 8) !== seq || i >= I[3]) break;
      if (Atomics.compareExchange(I, 1, w, w + 1) !== w) continue;
      const chunks = I[3], kind = I[4];
      try {
      if (kind === 2) {
        const B = I[6], panels = Math.ceil(B / 6);
        const lo = Math.round((panels * i) / chunks) * 6, hi = Math.min(B, Math.round((panels * (i + 1)) / chunks) * 6);
        const args = Array.from(I.subarray(8, 8 + I[7]));
        k[SEQ[I[5]]](...args, lo, hi, work);
      } else {
        const M = I[8], N = I[9];
        const units = kind ? Math.ceil(N / 8) : Math.ceil(M / 6);
        const lo = Math.round((units * i) / chunks), hi = Math.round((units * (i + 1)) / chunks);
        if (kind) k.gemmRange(I[5], I[6], I[7], M, N, I[10], I[11], I[12], I[13], work, 0, M, lo * 8, Math.min(N, hi * 8), I[14]);
        else k.gemmRange(I[5], I[6], I[7], M, N, I[10], I[11], I[12], I[13], work, lo * 6, Math.min(M, hi * 6), 0, N, I[14]);
      }
      } catch (e) {
        // a trap in a kernel: tell the caller (it throws) and keep serving
        Atomics.store(I, 31, 1);
      }
      Atomics.add(I, 2, 1);
    }
  }
}
if (typeof process === 'undefined' && typeof self !== 'undefined') {
  self.onmessage = (e) => serve(e.data, (m) => self.postMessage(m));
} else {
  // Node runs eval'd worker code as CommonJS or as a module depending on the package type: import() works in both.
  import('node:worker_threads').then(({ parentPort }) => parentPort.once('message', (d) => serve(d, (m) => parentPort.postMessage(m))));
}
`;

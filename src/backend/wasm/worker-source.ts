// The worker's code as a classic script (no module loader, no TypeScript), so Node (eval: true) and
// browsers (a Blob URL) start it the same way. It instantiates the kernels on the shared memory,
// reports 'ready', then serves its control slot forever: spin on the sequence word, then Atomics.wait.

export const WORKER_SOURCE = `
'use strict';
function serve(d, post) {
  const inst = new WebAssembly.Instance(d.module, { env: { memory: d.memory, abort() { throw new Error('wasm abort'); } } });
  const k = inst.exports;
  const I = new Int32Array(d.memory.buffer, d.ctrl + 4 * d.slot * d.id, d.slot);
  post('ready');
  let seq = 0;
  for (;;) {
    let spins = 0;
    while (Atomics.load(I, 0) === seq) {
      if (++spins > d.spin) { Atomics.wait(I, 0, seq); spins = 0; }
    }
    seq = Atomics.load(I, 0);
    if (I[2] === 1) k.gemmRange(I[3], I[4], I[5], I[6], I[7], I[8], I[9], I[10], I[11], I[12], I[13], I[14], I[15], I[16], I[17]);
    Atomics.store(I, 1, seq);
  }
}
if (typeof require === 'function') {
  const { parentPort } = require('node:worker_threads');
  parentPort.once('message', (d) => serve(d, (m) => parentPort.postMessage(m)));
} else {
  self.onmessage = (e) => serve(e.data, (m) => self.postMessage(m));
}
`;

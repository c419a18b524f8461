// Training progress for the CLI on stderr: one bar over all epochs (drawn by lstmkit/node's
// renderBar, Keras style, with ETA), redrawn in place on a terminal, or a line every 10% of the
// epochs otherwise. Per-epoch bars (fit's verbose 1) would print hundreds of lines for short epochs.

import type { Callback } from '../src/model/callbacks.js';
import { renderBar } from '../src/node/progress-bar.js';

/**
 * A fit() callback drawing `label` and a bar with ETA over `epochs` epochs.
 * @example await model.fit(x, y, { epochs: 100, callbacks: [progressCallback('LSTM', 100)] });
 */
export function progressCallback(
  label: string,
  epochs: number,
  stream: { write(s: string): unknown; isTTY?: boolean } = process.stderr,
): Callback {
  let t0 = 0;
  const tty = stream.isTTY === true;
  return {
    onTrainBegin() {
      t0 = performance.now();
    },
    onEpochEnd(epoch, logs) {
      const done = epoch + 1;
      const shown: Record<string, number> = {};
      for (const k of ['loss', 'val_loss']) if (logs[k] !== undefined) shown[k] = logs[k];
      const line = `${label} epoch ${renderBar(done, epochs, 30, (performance.now() - t0) / 1000, shown)}`;
      if (tty) stream.write(`\r${line}\x1b[K${done === epochs ? '\n' : ''}`);
      else if (done === epochs || done % Math.max(1, Math.round(epochs / 10)) === 0) stream.write(`${line}\n`);
    },
  };
}

// Training progress for the CLI: a one-line bar with ETA on a terminal (stderr), or an epoch line
// every 10% when stderr is not a terminal. Silent with --json.

import type { Callback } from '../src/model/callbacks.js';

/**
 * A fit() callback drawing a progress bar with ETA for `label`.
 * @example await model.fit(x, y, { epochs: 100, callbacks: [progressCallback('LSTM', 100)] });
 */
export function progressCallback(label: string, epochs: number, stream: NodeJS.WriteStream = process.stderr): Callback {
  let t0 = 0;
  const tty = stream.isTTY === true;
  return {
    onTrainBegin() {
      t0 = performance.now();
    },
    onEpochEnd(epoch, logs) {
      const done = epoch + 1,
        elapsed = (performance.now() - t0) / 1000;
      const eta = (elapsed / done) * (epochs - done);
      const loss = `loss ${logs['loss']?.toExponential(3)}${logs['val_loss'] !== undefined ? ` val_loss ${logs['val_loss'].toExponential(3)}` : ''}`;
      if (tty) {
        const width = 30,
          fill = Math.round((done / epochs) * width);
        stream.write(
          `\r${label} [${'#'.repeat(fill)}${'.'.repeat(width - fill)}] ${done}/${epochs} ${loss} ETA ${eta.toFixed(0)}s `,
        );
        if (done === epochs) stream.write('\n');
      } else if (done === epochs || done % Math.max(1, Math.round(epochs / 10)) === 0) {
        stream.write(`${label} epoch ${done}/${epochs} ${loss} ETA ${eta.toFixed(0)}s\n`);
      }
    },
    onTrainEnd() {
      if (tty) stream.write('\r\x1b[K');
    },
  };
}

// A terminal progress bar for fit({ verbose: 1 }) in Node, in Keras' style:
//   Epoch 3/20
//   12/40 [======>.......................] - ETA: 2s - loss: 0.0412
// It redraws one line with \r on a TTY (at most every 50 ms) and prints only the final line otherwise.

import { formatLogs, type Logs, type ProgressReporter, setProgressReporter } from '../model/callbacks.js';

export interface ProgressBarOptions {
  /** Bar width in characters. Default 30. */
  width?: number;
  /** Where to write; default process.stdout. */
  stream?: { write(s: string): unknown; isTTY?: boolean };
  /** Clock in ms (tests). Default Date.now. */
  now?: () => number;
}

/** Formats seconds as Keras does: 7s, 1:05, 1:02:03. */
export function formatEta(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  const h = Math.floor(s / 3600),
    m = Math.floor((s % 3600) / 60),
    r = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${r}` : `${m}:${r}`;
}

/**
 * One epoch's bar: `done/steps [===>....] - ETA: 3s - loss: …`, the ETA from the mean time per step so far.
 * @example renderBar(10, 40, 30, 6, { loss: 0.5 })  //=> '10/40 [=======>......................] - ETA: 18s - loss: 0.5000'
 */
export function renderBar(done: number, steps: number, width: number, elapsedSeconds: number, logs: Logs): string {
  const filled = steps > 0 ? Math.floor((width * done) / steps) : width;
  const bar =
    done >= steps
      ? '='.repeat(width)
      : `${'='.repeat(Math.max(0, filled - 1))}>${'.'.repeat(width - Math.max(filled, 1))}`;
  const pad = String(steps).length;
  const time =
    done >= steps
      ? `${formatEta(elapsedSeconds)}`
      : `ETA: ${formatEta((elapsedSeconds / Math.max(done, 1)) * (steps - done))}`;
  const metrics = formatLogs(logs);
  return `${String(done).padStart(pad)}/${steps} [${bar}] - ${time}${metrics ? ` - ${metrics}` : ''}`;
}

/** The ProgressReporter that draws the bar. */
export function progressBar(options: ProgressBarOptions = {}): ProgressReporter {
  const width = options.width ?? 30,
    out = options.stream ?? process.stdout,
    now = options.now ?? Date.now;
  let steps = 0,
    t0 = 0,
    lastDraw = 0,
    sum: Record<string, number> = {},
    count = 0;
  return {
    epochBegin(epoch, epochs, s) {
      steps = s;
      t0 = now();
      lastDraw = 0;
      sum = {};
      count = 0;
      out.write(`Epoch ${epoch + 1}/${epochs}\n`);
    },
    batchEnd(step, logs) {
      count++;
      sum.loss = (sum.loss ?? 0) + logs.loss;
      const t = now();
      if (!out.isTTY || (t - lastDraw < 50 && step + 1 < steps)) return;
      lastDraw = t;
      out.write(`\r${renderBar(step + 1, steps, width, (t - t0) / 1000, { loss: sum.loss / count })}\x1b[K`);
    },
    epochEnd(_epoch, logs, seconds) {
      out.write(
        `${out.isTTY ? '\r' : ''}${renderBar(steps, steps, width, seconds, logs)}${out.isTTY ? '\x1b[K' : ''}\n`,
      );
    },
  };
}

/**
 * Makes fit({ verbose: 1 }) draw a terminal progress bar with ETA (lstmkit/node only).
 * @example useProgressBar(); await model.fit(x, y, { epochs: 10, verbose: 1 });
 */
export function useProgressBar(options: ProgressBarOptions = {}): void {
  setProgressReporter(() => progressBar(options));
}

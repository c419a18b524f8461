// Kills at every fault point inside a model save, a CLI --out commit and a writeFolder (SIGKILL
// through the test hook, not timing): whatever instant the process dies, a reader finds the old or the new version
// whole, the user's own file survives, and the next run finishes or cleans up (no temporaries left).

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { complete, inspect, placeUserFile, runChild, temporaries } from './harness.js';
import { MODES } from './writers.js';

const root = mkdtempSync(join(tmpdir(), 'lstmkit-kill-'));
after(() => rmSync(root, { recursive: true, force: true }));

const NAMES = { save: 'saveModel', output: 'a CLI --out commit', folder: 'writeFolder' };

for (const mode of MODES) {
  test(`a kill at every fault point of ${NAMES[mode]} leaves the old or new version whole`, async () => {
    const dir = join(root, mode);
    mkdirSync(dir);
    placeUserFile(dir);
    let current = 0;
    const points = await complete(mode, dir, current);
    assert.ok(points.length >= 9, `expected the fault points of a whole save, got ${points.join(', ')}`);
    // Every point of a save; for an output, every point of the outer commit plus one inside the model
    // save into the stage (all of those come before the commit point; npm run test:faults tries them all).
    const outer = points.lastIndexOf('commit:staged');
    const chosen = points
      .map((_, i) => i)
      .filter((i) => mode === 'save' || i >= outer || i === points.indexOf('commit:journal'));
    for (const at of chosen) {
      const first = runChild(mode, dir, current + 1, at);
      assert.ok(first.killed, `kill at point ${at}: the child was not killed (${first.stderr})`);
      const seen = await inspect(mode, dir, [current, current + 1]);
      assert.deepEqual(seen.problems, [], `after a kill at point ${at}`);
      // Item 2: the next save, killed as well (possibly while it recovers the first one), still leaves a
      // model; tried where there is something to recover (from the commit point on).
      if (mode === 'save' && at >= points.indexOf('commit:journal')) {
        const second = runChild(mode, dir, current + 2, at);
        assert.ok(second.killed || second.code === 0, `second run at point ${at}: ${second.stderr}`);
        const again = await inspect(mode, dir, [current, current + 1, current + 2]);
        assert.deepEqual(again.problems, [], `after two kills at point ${at}`);
      }
      current += 3;
      await complete(mode, dir, current);
      const done = await inspect(mode, dir, [current]);
      assert.deepEqual(done.problems, [], `the run after a kill at point ${at}`);
      assert.deepEqual(temporaries(dir), [], `temporaries left after the run following a kill at point ${at}`);
    }
  });
}

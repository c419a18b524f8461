// Numeric assertions with explicit tolerances: |a - e| <= atol + rtol·|e| element by element.

import assert from 'node:assert/strict';

export interface Tolerance {
  rtol?: number;
  atol?: number;
}

/** Asserts two arrays (or numbers) agree; the message names the first bad index and both values. */
export function assertClose(
  actual: ArrayLike<number> | number,
  expected: ArrayLike<number> | number,
  tol: Tolerance,
  label = 'value',
): void {
  const a = typeof actual === 'number' ? [actual] : actual;
  const e = typeof expected === 'number' ? [expected] : expected;
  assert.equal(a.length, e.length, `${label}: length ${a.length} != expected ${e.length}`);
  const rtol = tol.rtol ?? 0,
    atol = tol.atol ?? 0;
  let worst = -1,
    worstRatio = 0;
  for (let i = 0; i < a.length; i++) {
    const err = Math.abs(a[i] - e[i]),
      lim = atol + rtol * Math.abs(e[i]);
    if (!(err <= lim)) {
      const ratio = Number.isFinite(err) ? err / (lim || 1e-300) : Infinity;
      if (ratio > worstRatio || worst < 0) {
        worst = i;
        worstRatio = ratio;
      }
    }
  }
  if (worst >= 0) {
    assert.fail(
      `${label}[${worst}]: got ${a[worst]}, expected ${e[worst]} (rtol ${rtol}, atol ${atol}); ${countBad(a, e, rtol, atol)} of ${a.length} outside`,
    );
  }
}

function countBad(a: ArrayLike<number>, e: ArrayLike<number>, rtol: number, atol: number): number {
  let n = 0;
  for (let i = 0; i < a.length; i++) if (!(Math.abs(a[i] - e[i]) <= atol + rtol * Math.abs(e[i]))) n++;
  return n;
}

/** Max |a - b| / max(|b|, floor): a single relative error number for reports. */
export function maxRelError(a: ArrayLike<number>, b: ArrayLike<number>, floor = 1e-3): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]) / Math.max(Math.abs(b[i]), floor));
  return m;
}

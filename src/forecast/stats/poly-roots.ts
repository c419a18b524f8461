// Largest root modulus of a real polynomial, by the Durand-Kerner (Weierstrass) iteration; used by
// the ETS admissibility test (the characteristic equation of a seasonal model must have its roots
// inside the unit circle).

import { DataError } from '../../errors.js';

/**
 * max |z| over the complex roots z of c[0]·x^d + c[1]·x^(d-1) + ... + c[d] (highest degree first).
 * @example largestRootModulus([1, 0, -4])  //=> 2   (x² − 4)
 */
export function largestRootModulus(coefficients: ArrayLike<number>): number {
  const lead = coefficients[0];
  const d = coefficients.length - 1;
  if (d < 1 || lead === 0 || !Number.isFinite(lead))
    throw new DataError(
      'needs a polynomial of degree ≥ 1 with a finite, non-zero leading coefficient',
      'largestRootModulus',
    );
  const a = Array.from(coefficients, (c) => c / lead); // monic
  const re = new Float64Array(d),
    im = new Float64Array(d);
  // start points spread on a circle a little larger than the Cauchy bound's typical scale
  let radius = 0;
  for (let k = 1; k <= d; k++) radius = Math.max(radius, Math.abs(a[k]) ** (1 / k));
  radius = Math.max(radius, 1e-3) * 1.1;
  for (let k = 0; k < d; k++) {
    const t = (2 * Math.PI * k) / d + 0.4;
    re[k] = radius * Math.cos(t);
    im[k] = radius * Math.sin(t);
  }
  for (let iter = 0; iter < 1000; iter++) {
    let change = 0;
    for (let k = 0; k < d; k++) {
      // p(z_k) by Horner
      let pr = 1,
        pi = 0;
      for (let j = 1; j <= d; j++) {
        const r = pr * re[k] - pi * im[k] + a[j];
        pi = pr * im[k] + pi * re[k];
        pr = r;
      }
      // Π_{j≠k} (z_k - z_j)
      let qr = 1,
        qi = 0;
      for (let j = 0; j < d; j++) {
        if (j === k) continue;
        const dr = re[k] - re[j],
          di = im[k] - im[j];
        const r = qr * dr - qi * di;
        qi = qr * di + qi * dr;
        qr = r;
      }
      const den = qr * qr + qi * qi || 1e-300;
      const sr = (pr * qr + pi * qi) / den,
        si = (pi * qr - pr * qi) / den;
      re[k] -= sr;
      im[k] -= si;
      change = Math.max(change, Math.hypot(sr, si) / (1 + Math.hypot(re[k], im[k])));
    }
    if (change < 1e-14) break;
  }
  let max = 0;
  for (let k = 0; k < d; k++) max = Math.max(max, Math.hypot(re[k], im[k]));
  return max;
}

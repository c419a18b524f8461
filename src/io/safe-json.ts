// Defensive JSON for untrusted model files: parse errors become FormatError, keys that could reach
// an object prototype ('__proto__', 'constructor', 'prototype') are rejected, nesting is bounded, and
// every object comes back with a null prototype so no later lookup can hit Object.prototype.

import { FormatError } from '../errors.js';

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_DEPTH = 64;

/** A JSON value whose objects have null prototypes. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * Parses JSON text from an untrusted file into null-prototype objects; throws FormatError on bad
 * syntax, forbidden keys or nesting deeper than 64.
 * @example parseJsonSafe('{"a": [1, 2]}', 'model.json')  //=> { a: [1, 2] } (null prototype)
 */
export function parseJsonSafe(text: string, where: string): Json {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new FormatError(`not valid JSON (${(e as Error).message})`, where);
  }
  return sanitizeJson(raw, where);
}

/** Deep-copies a parsed JSON value into null-prototype objects, rejecting forbidden keys. */
export function sanitizeJson(value: unknown, where: string, path = '$', depth = 0): Json {
  if (depth > MAX_DEPTH) throw new FormatError(`nesting deeper than ${MAX_DEPTH} levels at ${path}`, where);
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new FormatError(`non-finite number at ${path}`, where);
    return value;
  }
  if (Array.isArray(value)) return value.map((v, i) => sanitizeJson(v, where, `${path}[${i}]`, depth + 1));
  if (typeof value === 'object') {
    const out = Object.create(null) as { [key: string]: Json };
    for (const key of Object.keys(value)) {
      if (FORBIDDEN.has(key))
        throw new FormatError(`forbidden key '${key}' at ${path} (prototype pollution attempt?)`, where);
      out[key] = sanitizeJson((value as Record<string, unknown>)[key], where, `${path}.${key}`, depth + 1);
    }
    return out;
  }
  throw new FormatError(`unexpected ${typeof value} at ${path}`, where);
}

/** True for a plain (possibly null-prototype) object that is not an array. */
export function isObject(v: unknown): v is { [key: string]: Json } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The object at `v`, or a FormatError naming `what`. */
export function expectObject(v: unknown, what: string, where: string): { [key: string]: Json } {
  if (!isObject(v)) throw new FormatError(`${what} must be an object, got ${describe(v)}`, where);
  return v;
}

/** The array at `v`, or a FormatError naming `what`. */
export function expectArray(v: unknown, what: string, where: string, maxLength = 1 << 20): Json[] {
  if (!Array.isArray(v)) throw new FormatError(`${what} must be an array, got ${describe(v)}`, where);
  if (v.length > maxLength)
    throw new FormatError(`${what} has ${v.length} entries, more than the limit ${maxLength}`, where);
  return v as Json[];
}

/** The string at `v`, or a FormatError naming `what`. */
export function expectString(v: unknown, what: string, where: string): string {
  if (typeof v !== 'string') throw new FormatError(`${what} must be a string, got ${describe(v)}`, where);
  return v;
}

/** An integer in [lo, hi], or a FormatError naming `what`. */
export function expectInt(v: unknown, what: string, where: string, lo = 0, hi = Number.MAX_SAFE_INTEGER): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < lo || v > hi) {
    throw new FormatError(`${what} must be an integer in [${lo}, ${hi}], got ${describe(v)}`, where);
  }
  return v;
}

/** A shape: integers in [minDim, maxDim], at most 8 axes. */
export function expectShape(v: unknown, what: string, where: string, maxDim = 1 << 28, minDim = 0): number[] {
  const a = expectArray(v, what, where, 8);
  return a.map((d, i) => expectInt(d, `${what}[${i}]`, where, minDim, maxDim));
}

function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

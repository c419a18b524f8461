// Numbers written as text (CSV cells, pasted data): the one grammar every reader shares, and the
// one way a cell is quoted in an error message (trimmed, so a 5 MB cell makes a short message).

/** The largest finite float32; models compute in float32, so a larger cell would become Infinity. */
export const FLOAT32_MAX = 3.4028234663852886e38;

/**
 * True when `v` survives the copy to float32 as a finite number (|v| up to FLOAT32_MAX, plus what rounds to it).
 * @example [fitsFloat32(3e38), fitsFloat32(1e39), fitsFloat32(Number.NaN)]  //=> [true, false, false]
 */
export function fitsFloat32(v: number): boolean {
  return Number.isFinite(Math.fround(v));
}

/** Decimal numbers: optional sign, digits with an optional point, optional exponent. No hex, no Infinity. */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
/** The same with a decimal comma (1,5), for data whose fields are separated by ';' or tabs. */
const DECIMAL_COMMA = /^[+-]?\d+,\d+([eE][+-]?\d+)?$/;

/** Longest cell text quoted in a message. */
const QUOTE_CHARS = 40;

/** A parsed cell: its value, or why it is not a usable number. */
export type NumberCell = { value: number; problem: null } | { value: number; problem: string };

/**
 * Reads one cell as a decimal number (surrounding spaces ignored). Hex ('0x8D'), 'Infinity' and
 * values beyond the float32 range are refused with the reason; `decimalComma` also accepts '1,5'.
 * @example parseNumberCell(' 2.5e3 ').value  //=> 2500
 * @example parseNumberCell('0x8D').problem  //=> 'is not a decimal number'
 */
export function parseNumberCell(text: string, options: { decimalComma?: boolean } = {}): NumberCell {
  let s = text.trim();
  if (options.decimalComma && DECIMAL_COMMA.test(s)) s = s.replace(',', '.');
  if (!DECIMAL.test(s)) return { value: Number.NaN, problem: 'is not a decimal number' };
  const value = Number(s);
  if (!fitsFloat32(value))
    return {
      value: Number.NaN,
      problem: `is beyond the float32 range (±${FLOAT32_MAX.toExponential(2)}) that models compute in`,
    };
  return { value, problem: null };
}

/**
 * A cell's text for an error message: quoted, at most 40 characters, with its length when cut.
 * @example quoteCell('x'.repeat(5e6))  //=> '"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx..." (5000000 characters)'
 */
export function quoteCell(text: string): string {
  if (text.length <= QUOTE_CHARS) return JSON.stringify(text);
  return `${JSON.stringify(text.slice(0, QUOTE_CHARS)).slice(0, -1)}..." (${text.length} characters)`;
}

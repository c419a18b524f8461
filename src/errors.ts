// lstmkit's own error types. Every message says what was wrong, what was expected, and where;
// tests match on the class and on key words of the message.

/** Base class of every error lstmkit throws on purpose. `where` names the API or the input at fault. */
export class LstmkitError extends Error {
  override name = 'LstmkitError';
  constructor(
    message: string,
    readonly where = '',
  ) {
    super(where ? `${where}: ${message}` : message);
  }
}

/** A tensor or array has the wrong rank, size or shape. */
export class ShapeError extends LstmkitError {
  override name = 'ShapeError';
}

/** A configuration value (units, an activation name, an option) is invalid. */
export class ConfigError extends LstmkitError {
  override name = 'ConfigError';
}

/** Input data is unusable: NaN or Infinity, too short, non-numeric, ragged. */
export class DataError extends LstmkitError {
  override name = 'DataError';
}

/** A model or layer is used in the wrong state (predict before build, transform before fit). */
export class StateError extends LstmkitError {
  override name = 'StateError';
}

/** A saved model, weight file or imported artifact is invalid or corrupt. */
export class FormatError extends LstmkitError {
  override name = 'FormatError';
}

/** Throws a ConfigError unless `value` is a positive integer. */
export function checkPositiveInt(value: unknown, what: string, where: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    throw new ConfigError(`${what} must be a positive integer, got ${JSON.stringify(value)}`, where);
  }
  return value;
}

/** Throws a ConfigError unless `value` is one of `allowed`; the message lists the valid names. */
export function checkOneOf<T extends string>(value: unknown, allowed: readonly T[], what: string, where: string): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new ConfigError(
      `unknown ${what} ${JSON.stringify(value)}; expected one of: ${allowed.map((a) => `'${a}'`).join(', ')}`,
      where,
    );
  }
  return value as T;
}

/** Throws a ConfigError unless `value` is a number in [lo, hi]. */
export function checkRange(value: unknown, lo: number, hi: number, what: string, where: string): number {
  if (typeof value !== 'number' || !(value >= lo && value <= hi)) {
    throw new ConfigError(`${what} must be a number in [${lo}, ${hi}], got ${JSON.stringify(value)}`, where);
  }
  return value;
}

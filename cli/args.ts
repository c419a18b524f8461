// The CLI's argument layer over node:util parseArgs: one table per command gives parsing, typed
// values, `--help` (every option with its default and an example) and `help <command>`; negative
// numbers are accepted as option values (`--learning-rate -1` reaches the range check instead of
// parseArgs' "ambiguous" error). Chosen over commander/cac/citty: parseArgs is built into Node, the
// tables are ours to derive from the forecaster's DEFAULTS, and the layer is under 150 lines.

import { parseArgs } from 'node:util';
import { UsageError } from './errors.js';

/** One option of a command. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  /** What it does (one line). */
  description: string;
  /** The default as shown in help (from DEFAULTS where it is a forecasting option). */
  default?: string;
  /** Placeholder of the value in help, e.g. 'N' or 'col'. */
  value?: string;
  /** Group heading in help. */
  group?: string;
}

/** A command: its positional syntax, options and examples. */
export interface CommandSpec {
  name: string;
  summary: string;
  /** Positional arguments as shown in usage, e.g. '<file.csv>'. */
  positionals: string;
  /** Minimum and maximum number of positional arguments. */
  arity: [number, number];
  options: Record<string, OptionSpec>;
  examples: string[];
}

const NUMBER = /^-(\d|\.\d)/;

/** Joins `--flag -1` into `--flag=-1` for string options, so negative values reach validation. */
function joinNegative(argv: readonly string[], spec: CommandSpec): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const name = a.startsWith('--') && !a.includes('=') ? a.slice(2) : null;
    if (name && spec.options[name]?.type === 'string' && i + 1 < argv.length && NUMBER.test(argv[i + 1])) {
      out.push(`${a}=${argv[++i]}`);
    } else out.push(a);
  }
  return out;
}

/**
 * Parses argv for a command. Returns null when `--help`/`-h` was given (the help was printed).
 * Every problem is a UsageError with one line naming the flag.
 * @example const r = parseCommand(FORECAST, ['data.csv', '--target', 'y']); r?.values.target //=> 'y'
 */
export function parseCommand(
  spec: CommandSpec,
  argv: readonly string[],
  print: (s: string) => void = console.log,
): { values: Record<string, string | boolean | undefined>; positionals: string[] } | null {
  if (argv.includes('--help') || argv.includes('-h')) {
    print(commandHelp(spec));
    return null;
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: joinNegative(argv, spec),
      allowPositionals: true,
      strict: true,
      options: Object.fromEntries(Object.entries(spec.options).map(([k, o]) => [k, { type: o.type }])),
    });
  } catch (e) {
    const m = (e as Error).message;
    const unknown = /Unknown option '([^']+)'/.exec(m);
    if (unknown)
      throw new UsageError(`unknown option ${unknown[1]} for '${spec.name}'; see 'lstmkit ${spec.name} --help'`);
    const missing = /Option '([^']+?)(?: <value>)?' argument missing/.exec(m);
    if (missing) throw new UsageError(`${missing[1]} needs a value; see 'lstmkit ${spec.name} --help'`);
    throw new UsageError(`${m.split('\n')[0]}; see 'lstmkit ${spec.name} --help'`);
  }
  const [lo, hi] = spec.arity;
  const pos = parsed.positionals;
  if (pos.length < lo || pos.length > hi)
    throw new UsageError(
      `'${spec.name}' takes ${lo === hi ? lo : `${lo} to ${hi}`} argument${hi === 1 ? '' : 's'} (${spec.positionals}), got ${pos.length}${pos.length ? `: ${pos.map((p) => JSON.stringify(p)).join(' ')}` : ''}; see 'lstmkit ${spec.name} --help'`,
    );
  return { values: parsed.values as Record<string, string | boolean | undefined>, positionals: pos };
}

/**
 * The help text of a command: usage, options grouped with defaults, examples.
 * @example console.log(commandHelp(FORECAST));
 */
export function commandHelp(spec: CommandSpec): string {
  const groups = new Map<string, string[]>();
  const width =
    Math.max(...Object.entries(spec.options).map(([k, o]) => k.length + (o.value ? o.value.length + 1 : 0))) + 4;
  for (const [k, o] of Object.entries(spec.options)) {
    const left = `  --${k}${o.type === 'string' ? ` ${o.value ?? 'v'}` : ''}`;
    const line = `${left.padEnd(width + 4)}${o.description}${o.default !== undefined ? ` (default: ${o.default})` : ''}`;
    const g = o.group ?? 'options';
    (groups.get(g) ?? groups.set(g, []).get(g)!).push(line);
  }
  return [
    `usage: lstmkit ${spec.name} ${spec.positionals} [options]`,
    '',
    spec.summary,
    ...[...groups].flatMap(([g, lines]) => ['', `${g}:`, ...lines]),
    '',
    'examples:',
    ...spec.examples.map((e) => `  ${e}`),
  ].join('\n');
}

/** An integer option value (undefined when absent); a UsageError names the flag. */
export function intValue(
  v: string | boolean | undefined,
  flag: string,
  min = 1,
  max = Number.MAX_SAFE_INTEGER,
): number | undefined {
  if (v === undefined) return undefined;
  const s = String(v).trim();
  const n = /^-?\d+$/.test(s) ? Number(s) : Number.NaN;
  if (!Number.isInteger(n) || n < min || n > max)
    throw new UsageError(
      `--${flag} must be an integer${max < Number.MAX_SAFE_INTEGER ? ` in ${min}..${max}` : ` >= ${min}`}, got ${show(v)}`,
    );
  return n;
}

/** A number option value in [lo, hi] (or (lo, hi] when `open`). */
export function numberValue(
  v: string | boolean | undefined,
  flag: string,
  lo: number,
  hi: number,
  open = false,
): number | undefined {
  if (v === undefined) return undefined;
  const s = String(v).trim();
  const n = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(s) ? Number(s) : Number.NaN;
  if (!(open ? n > lo : n >= lo) || !(n <= hi))
    throw new UsageError(`--${flag} must be a number in ${open ? '(' : '['}${lo}, ${hi}], got ${show(v)}`);
  return n;
}

/** One of a fixed set of words. */
export function choiceValue<T extends string>(
  v: string | boolean | undefined,
  flag: string,
  allowed: readonly T[],
): T | undefined {
  if (v === undefined) return undefined;
  if (!allowed.includes(v as T)) throw new UsageError(`--${flag} must be one of ${allowed.join(', ')}, got ${show(v)}`);
  return v as T;
}

/** A comma-separated list of non-empty items. */
export function listValue(v: string | boolean | undefined): string[] | undefined {
  if (v === undefined || typeof v === 'boolean') return undefined;
  const items = v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return items.length ? items : undefined;
}

/** A value quoted for a message, trimmed to 60 characters. */
export function show(v: unknown): string {
  const s = JSON.stringify(String(v));
  return s.length > 62 ? `${s.slice(0, 58)}…"` : s;
}

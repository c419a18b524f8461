// Reads options from a config file: a best.json written by `lstmkit tune` (its "config" section) or
// a plain JSON object of ForecastConfig options. Checked like flags: one line naming what is wrong.

import { readFileSync, statSync } from 'node:fs';
import { checkForecastConfig, type ForecastConfig } from 'lstmkit';
import { UsageError } from './errors.js';

/** Largest config file read (bytes). */
const MAX_CONFIG_BYTES = 1 << 20;

/**
 * The ForecastConfig options in a JSON file (best.json's "config", or the object itself).
 * @example readConfigFile('out/tune-airline/best.json').units
 */
export function readConfigFile(path: string): Partial<ForecastConfig> {
  let size: number;
  try {
    const s = statSync(path);
    if (!s.isFile()) throw new UsageError(`--config ${path} is not a file; pass the best.json written by lstmkit tune`);
    size = s.size;
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`--config ${path} not found; run lstmkit tune first (it writes best.json) or check the path`);
  }
  if (size > MAX_CONFIG_BYTES) throw new UsageError(`--config ${path} is ${size} bytes; a config file is under 1 MB`);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new UsageError(`--config ${path} is not JSON (${(e as Error).message.slice(0, 120)})`);
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    throw new UsageError(
      `--config ${path} must hold a JSON object (a best.json or forecasting options), got ${raw === null ? 'null' : Array.isArray(raw) ? 'an array' : typeof raw}`,
    );
  const r = raw as Record<string, unknown>;
  const config = r.lstmkit === 'tune' ? r.config : r;
  if (config === null || typeof config !== 'object' || Array.isArray(config))
    throw new UsageError(
      `--config ${path}: "config" must be an object of forecasting options, got ${JSON.stringify(config)}`,
    );
  try {
    checkForecastConfig(config as Partial<ForecastConfig>, `--config ${path}`);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  return config as Partial<ForecastConfig>;
}

// Saved forecasters as files in the browser, in the one format (lstmkit's forecasterFileMap and
// artifactsFromFiles): a folder the user picks (what `lstmkit train --out`, `forecast --out` or
// saveForecaster from lstmkit/node wrote), a zip of such a folder, and the zip the page downloads.

import { strToU8, unzipSync, zipSync } from 'fflate';
import { artifactsFromFiles, type ForecasterArtifacts, forecasterFileMap } from 'lstmkit';

/** The files of a forecaster folder; others in a picked folder (report.html, forecast.csv, ...) are not read. */
const FORECASTER_FILE = /(^|\/)(forecaster\.json|model\.json|weights\.bin)$/;

/** A forecaster from the files of a picked folder (each File's webkitRelativePath is its path). */
export async function artifactsFromFolder(files: readonly File[]): Promise<ForecasterArtifacts> {
  const map = new Map<string, Uint8Array>();
  for (const f of files) {
    const path = f.webkitRelativePath || f.name;
    if (FORECASTER_FILE.test(path)) map.set(path, new Uint8Array(await f.arrayBuffer()));
  }
  return artifactsFromFiles(map);
}

/** A forecaster from a zip of its folder. */
export async function artifactsFromZip(file: File): Promise<ForecasterArtifacts> {
  const entries = unzipSync(new Uint8Array(await file.arrayBuffer()), { filter: (f) => FORECASTER_FILE.test(f.name) });
  return artifactsFromFiles(new Map(Object.entries(entries)));
}

/** The forecaster's folder `name/` as a zip (unzipped, `lstmkit predict name data.csv` reads it). */
export function forecasterZip(a: ForecasterArtifacts, name: string): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  for (const [path, v] of forecasterFileMap(a)) files[`${name}/${path}`] = typeof v === 'string' ? strToU8(v) : v;
  return zipSync(files);
}

/** Offers bytes or text as a download. */
export function download(name: string, content: Uint8Array | string, type: string): void {
  const url = URL.createObjectURL(new Blob([content as BlobPart], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

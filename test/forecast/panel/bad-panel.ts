// A long CSV panel with every kind of bad input next to good series (shared by the library and CLI
// tests): hourly series of 60 values; horizon 6 and season 1 need at least 19.

const H = 3_600_000;
const T0 = Date.UTC(2021, 0, 1);
const iso = (t: number) => new Date(t).toISOString().replace('.000Z', 'Z');
const value = (k: number, shift: number) => 100 + shift + 10 * Math.sin(k / 3) + 0.5 * k + ((k * 7919) % 13);

/** Expected error (a pattern) per bad series id; good ids map to null. */
export const BAD_PANEL_EXPECTED: Record<string, RegExp | null> = {
  good1: null,
  good2: null,
  'a,"quoted" id': null,
  gappy: null,
  dup: /^two rows have the same time 2021-01-01T05:00:00Z \(duplicate \(id, time\) pairs\); keep one row per time$/,
  short:
    /^too short: 10 values; the test part \(6\), the calibration window \(6\) and a training part of more than 6 values need at least 19$/,
  flat: /^constant series \(every value is 5\): nothing to forecast but that value, and MASE is undefined \(its scale is 0\)$/,
  empty: /^all 60 values are missing$/,
  daily:
    /^its dates are daily \(.*\), but the panel is hourly \(the frequency of \d+ of \d+ series\); forecast it in a separate run$/,
  badcell: /^line \d+ of .*: value "abc" is not a number$/,
  irregular: /^its dates have no regular step: .*/,
};

/** The panel as long CSV text (id, time, y), rows of the series interleaved. */
export function badPanelCsv(): string {
  const rows: [string, number, string][] = [];
  const add = (id: string, n: number, f: (k: number) => string, step = H) => {
    for (let k = 0; k < n; k++) rows.push([id, T0 + k * step, f(k)]);
  };
  add('good1', 60, (k) => String(value(k, 0)));
  add('good2', 60, (k) => String(value(k, 50)));
  add('a,"quoted" id', 60, (k) => String(value(k, 20)));
  add('gappy', 60, (k) => (k === 20 || k === 21 ? 'NA' : String(value(k, 5))));
  add('dup', 60, (k) => String(value(k, 1)));
  rows.push(['dup', T0 + 5 * H, '1']);
  add('short', 10, (k) => String(value(k, 2)));
  add('flat', 60, () => '5');
  add('empty', 60, () => 'NA');
  add('daily', 60, (k) => String(value(k, 3)), 24 * H);
  add('badcell', 60, (k) => (k === 30 ? 'abc' : String(value(k, 4))));
  const irregular = [0, 1, 3, 4, 9, 10, 11, 25, 26, 40, 41, 42, 60, 61, 80, 81, 99, 100, 130, 131, 170];
  for (const [i, k] of irregular.entries()) rows.push(['irregular', T0 + k * 600_000, String(value(i, 6))]);
  // interleave: sort by time, so each series' rows are spread over the file
  rows.sort((a, b) => a[1] - b[1]);
  const q = (s: string) => (/[",]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  return `id,time,y\n${rows.map(([id, t, y]) => `${q(id)},${iso(t)},${y}`).join('\n')}\n`;
}

// The published M4 results for Hourly and Weekly (../shared/reference/m4.md, from the organisers'
// "Evaluation and Ranks.xlsx", sheet "Point Forecasts-Frequency"): [sMAPE, MASE, OWA] per method.
// Shared by npm run bench:m4 and the reproduction tests (test/forecast/stats).

export type Row = [smape: number, mase: number, owa: number];

/** Published rows in the order of the table; `benchmark` names the M4 statistical benchmarks' rows. */
export const M4_PUBLISHED: { method: string; benchmark?: string; Hourly: Row; Weekly: Row }[] = [
  { method: 'Naive (M4 benchmark)', benchmark: 'Naive', Hourly: [43.003, 11.608, 3.593], Weekly: [9.161, 2.777, 1.0] },
  { method: 'sNaive (M4 benchmark)', benchmark: 'sNaive', Hourly: [13.912, 1.193, 0.627], Weekly: [9.161, 2.777, 1.0] },
  { method: 'Naive2 (M4 benchmark)', benchmark: 'Naive2', Hourly: [18.383, 2.395, 1.0], Weekly: [9.161, 2.777, 1.0] },
  { method: 'SES (M4 benchmark)', benchmark: 'SES', Hourly: [18.094, 2.385, 0.99], Weekly: [9.012, 2.685, 0.975] },
  { method: 'Holt (M4 benchmark)', benchmark: 'Holt', Hourly: [29.249, 9.356, 2.749], Weekly: [9.708, 2.42, 0.966] },
  {
    method: 'Damped (M4 benchmark)',
    benchmark: 'Damped',
    Hourly: [19.265, 2.956, 1.141],
    Weekly: [8.866, 2.404, 0.917],
  },
  { method: 'Theta (M4 benchmark)', benchmark: 'Theta', Hourly: [18.138, 2.455, 1.006], Weekly: [9.093, 2.637, 0.971] },
  { method: 'Com (M4 benchmark)', benchmark: 'Com', Hourly: [22.053, 4.582, 1.556], Weekly: [8.944, 2.432, 0.926] },
  { method: 'MLP (M4 benchmark)', Hourly: [13.842, 2.607, 0.921], Weekly: [21.349, 13.568, 3.608] },
  { method: 'RNN (M4 benchmark)', Hourly: [14.698, 3.048, 1.036], Weekly: [15.22, 5.132, 1.755] },
  {
    method: '#238 Doornik (Combination (S)), overall rank 9',
    Hourly: [8.913, 0.801, 0.41],
    // biome-ignore lint/suspicious/noApproximativeNumericConstant: a published MASE, not ln 10
    Weekly: [6.728, 2.302, 0.782],
  },
  { method: '#118 Smyl (Hybrid), overall rank 1', Hourly: [9.328, 0.893, 0.44], Weekly: [7.817, 2.356, 0.851] },
  {
    method: '#237 Pawlikowski (Combination (S)), overall rank 3',
    Hourly: [9.611, 0.873, 0.444],
    Weekly: [6.919, 2.158, 0.766],
  },
  {
    method: '#72 Jaganathan (Combination (S & ML)), overall rank 4',
    Hourly: [9.934, 0.976, 0.474],
    Weekly: [6.814, 2.35, 0.795],
  },
  {
    method: '#223 Nikzad (Combination (S & ML)), overall rank 20',
    Hourly: [11.336, 0.81, 0.477],
    Weekly: [7.309, 2.246, 0.803],
  },
  {
    method: '#236 Kharaghani (Combination (S)), overall rank 28',
    Hourly: [11.336, 0.81, 0.477],
    Weekly: [7.309, 2.246, 0.803],
  },
  {
    method: '#245 Montero-Manso (Combination (S & ML)), overall rank 2',
    Hourly: [11.506, 0.819, 0.484],
    Weekly: [7.625, 2.108, 0.796],
  },
  {
    method: '#39 Pedregal (Combination (S)), overall rank 10',
    Hourly: [9.765, 1.049, 0.485],
    Weekly: [8.989, 2.488, 0.939],
  },
  {
    method: '#235 Darin (Statistical), overall rank 16',
    Hourly: [11.683, 0.856, 0.496],
    Weekly: [6.582, 2.107, 0.739],
  },
  {
    method: '#243 Waheeb (Combination (S)), overall rank 15',
    Hourly: [12.047, 0.861, 0.507],
    Weekly: [7.076, 2.18, 0.779],
  },
  {
    method: '#43 Bontempi (Combination (S & ML)), overall rank 38',
    Hourly: [12.628, 1.009, 0.554],
    Weekly: [9.681, 2.506, 0.98],
  },
  {
    method: '#30 Wainwright (Statistical), overall rank 30',
    Hourly: [13.292, 1.01, 0.572],
    Weekly: [8.132, 2.536, 0.9],
  },
];

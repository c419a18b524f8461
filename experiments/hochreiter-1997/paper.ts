// The LSTM rows of Hochreiter & Schmidhuber (1997), tables 1-9, as printed (../shared/reference/
// published-results.md section 7): the setting, the paper's success rate over its trials and the mean
// number of training sequences until success (or until its stopping criterion).

export interface PaperRow {
  /** Experiment id and setting, e.g. '4' and 'T=100'. */
  id: string;
  setting: string;
  /** Percentage of the paper's trials that succeeded. */
  successPercent: number;
  /** Mean training sequences until success / the stopping criterion. */
  sequences: number;
  trials: number;
  /** Other numbers the table prints (wrong test sequences, test MSE, ST2, ...). */
  extra?: string;
}

export const PAPER: PaperRow[] = [
  { id: '1', setting: '3 blocks of 2, lr 0.1', successPercent: 100, sequences: 21_730, trials: 30 },
  { id: '1', setting: '3 blocks of 2, lr 0.5', successPercent: 100, sequences: 8_440, trials: 30 },
  { id: '2a', setting: 'p=100', successPercent: 100, sequences: 5_040, trials: 18 },
  { id: '2b', setting: 'p=100', successPercent: 100, sequences: 5_680, trials: 18 },
  { id: '2c', setting: 'q=50 p=50', successPercent: 100, sequences: 30_000, trials: 20 },
  { id: '2c', setting: 'q=100 p=100', successPercent: 100, sequences: 31_000, trials: 20 },
  { id: '2c', setting: 'q=1000 p=1000', successPercent: 100, sequences: 49_000, trials: 20 },
  { id: '2c', setting: 'q=1000 p=50', successPercent: 100, sequences: 203_000, trials: 20 },
  { id: '3a', setting: 'T=100 N=3', successPercent: 100, sequences: 27_380, trials: 10, extra: 'ST2 39,850' },
  { id: '3a', setting: 'T=100 N=1', successPercent: 100, sequences: 58_370, trials: 10, extra: 'ST2 64,330' },
  { id: '3a', setting: 'T=1000 N=3', successPercent: 100, sequences: 446_850, trials: 10, extra: 'ST2 452,460' },
  { id: '3b', setting: 'T=100 N=3', successPercent: 100, sequences: 41_740, trials: 10, extra: 'ST2 43,250' },
  { id: '3b', setting: 'T=100 N=1', successPercent: 100, sequences: 74_950, trials: 10, extra: 'ST2 78,430' },
  { id: '3c', setting: 'T=100 N=3', successPercent: 100, sequences: 269_650, trials: 10 },
  { id: '3c', setting: 'T=100 N=1', successPercent: 100, sequences: 565_640, trials: 10 },
  { id: '4', setting: 'T=100', successPercent: 100, sequences: 74_000, trials: 10, extra: '1 wrong of 2560' },
  { id: '4', setting: 'T=500', successPercent: 100, sequences: 209_000, trials: 10, extra: '0 wrong of 2560' },
  { id: '4', setting: 'T=1000', successPercent: 100, sequences: 853_000, trials: 10, extra: '1 wrong of 2560' },
  {
    id: '5',
    setting: 'T=100 n_seq=140',
    successPercent: 100,
    sequences: 482_000,
    trials: 10,
    extra: '139 wrong of 2560, MSE 0.0223',
  },
  {
    id: '5',
    setting: 'T=100 n_seq=13',
    successPercent: 100,
    sequences: 1_273_000,
    trials: 10,
    extra: '14 wrong of 2560, MSE 0.0139',
  },
  { id: '6a', setting: '4 classes', successPercent: 100, sequences: 31_390, trials: 20, extra: '1 wrong of 2560' },
  { id: '6b', setting: '8 classes', successPercent: 100, sequences: 571_100, trials: 10, extra: '2 wrong of 2560' },
];

/** The paper's row for an experiment and setting, if the paper has one. */
export function paperRow(id: string, setting: string): PaperRow | undefined {
  return PAPER.find((r) => r.id === id && r.setting === setting);
}

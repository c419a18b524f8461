// Sanity check of the throwaway scoring: Naive2 must score 18.383 / 2.395 (Hourly), 9.161 / 2.777 (Weekly).
import { naive2, readSet, SETS, type SetName, scoreSet } from './m4-data.js';

for (const name of Object.keys(SETS) as SetName[]) {
  const { horizon, season } = SETS[name];
  const train = readSet(name, 'train').map((s) => s.values),
    test = readSet(name, 'test').map((s) => s.values);
  const sc = scoreSet(
    train,
    test,
    train.map((x) => naive2(x, horizon, season)),
    season,
  );
  console.log(name, sc.smape.toFixed(3), sc.mase.toFixed(3));
}

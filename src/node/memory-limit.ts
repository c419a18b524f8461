// How much memory training may plan to use on this machine (for checkTrainingMemory).

import { totalmem } from 'node:os';

/**
 * A fraction of this process's memory: the cgroup limit when there is one, else the machine's RAM.
 * @example checkTrainingMemory({ units: 300000, timesteps: 12 }, trainingMemoryLimit())  // throws: about 10 TB
 */
export function trainingMemoryLimit(fraction = 0.75): number {
  const constrained = (process as { constrainedMemory?: () => number | undefined }).constrainedMemory?.() ?? 0;
  const total = totalmem();
  // constrainedMemory() reports a huge number when there is no cgroup limit
  return Math.floor(fraction * (constrained > 0 && constrained < total ? constrained : total));
}

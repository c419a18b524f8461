// Named instants inside saves and output swaps, where the fault suite (test/faults) kills the process
// to prove that every instant is crash-safe. A test installs a hook; otherwise faultPoint does nothing.

/** Called with the name of each point reached (the fault suite's hook kills the process at one of them). */
export type FaultHook = (point: string) => void;

let hook: FaultHook | null = null;

/**
 * Installs (or with null removes) the hook that faultPoint() calls. For tests only.
 * @example setFaultHook((p) => { if (p === 'commit:journal') process.kill(process.pid, 'SIGKILL'); });
 */
export function setFaultHook(h: FaultHook | null): void {
  hook = h;
}

/**
 * Marks an instant at which a crash must leave the old or the new files whole.
 * @example faultPoint('commit:journal');
 */
export function faultPoint(point: string): void {
  hook?.(point);
}

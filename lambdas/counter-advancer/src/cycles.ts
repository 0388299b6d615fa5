export interface CycleOptions {
  /** Cycles per invocation (six, for a schedule of once a minute). */
  readonly cycles: number;
  readonly cycleMs: number;
  /** Injected so tests need not wait a minute. */
  readonly sleep: (ms: number) => Promise<void>;
  readonly clock?: () => number;
}

export const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** Runs `tick` `cycles` times, each at its slot from the start (so slow ticks do not make the cycles drift). */
export async function runCycles(options: CycleOptions, tick: () => Promise<void>): Promise<void> {
  const clock = options.clock ?? Date.now;
  const started = clock();
  for (let cycle = 0; cycle < options.cycles; cycle += 1) {
    if (cycle > 0) await options.sleep(started + cycle * options.cycleMs - clock());
    await tick();
  }
}

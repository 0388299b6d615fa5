interface Sample {
  readonly atMs: number;
  readonly admittedTotal: number;
}

export interface AdmissionRateMeterOptions {
  /** The rate is measured over the samples of this last stretch. @default 60000 */
  readonly windowMs?: number;
  /** Less history than this gives no measurement yet. @default 5000 */
  readonly minSpanMs?: number;
  /** Samples closer together than this replace each other. @default 500 */
  readonly sampleSpacingMs?: number;
  /** Events tracked at once; the least recently sampled is dropped beyond it. @default 10000 */
  readonly maxEvents?: number;
}

/**
 * Measures how many users an event admits per second from samples of its admitted-so-far count (HLEN
 * of `active-seen`, which every Tier-2 call and the sweeper read anyway), so every replica measures
 * the whole event's rate, not only its own admissions.
 */
export class AdmissionRateMeter {
  private readonly samples = new Map<string, Sample[]>();
  private readonly windowMs: number;
  private readonly minSpanMs: number;
  private readonly sampleSpacingMs: number;
  private readonly maxEvents: number;

  constructor(options: AdmissionRateMeterOptions = {}) {
    this.windowMs = options.windowMs ?? 60_000;
    this.minSpanMs = options.minSpanMs ?? 5_000;
    this.sampleSpacingMs = options.sampleSpacingMs ?? 500;
    this.maxEvents = options.maxEvents ?? 10_000;
  }

  record(eventId: string, atMs: number, admittedTotal: number): void {
    let samples = this.samples.get(eventId);
    const last = samples?.at(-1);
    // A smaller total means the event's keys were removed and set up again: start over.
    if (!samples || (last && admittedTotal < last.admittedTotal)) samples = [];
    else if (last && atMs < last.atMs) return;
    this.samples.delete(eventId);
    this.samples.set(eventId, samples);
    if (this.samples.size > this.maxEvents) {
      const oldest = this.samples.keys().next().value;
      if (oldest !== undefined) this.samples.delete(oldest);
    }
    const previous = samples.at(-1);
    const beforePrevious = samples.at(-2);
    if (previous && beforePrevious && atMs - beforePrevious.atMs < this.sampleSpacingMs) samples.pop();
    samples.push({ atMs, admittedTotal });
    while (samples.length > 2 && (samples[0]?.atMs ?? atMs) < atMs - this.windowMs) samples.shift();
  }

  /** Admissions per second over the window, or undefined before there is enough history. */
  ratePerSecond(eventId: string): number | undefined {
    const samples = this.samples.get(eventId);
    const first = samples?.[0];
    const last = samples?.at(-1);
    if (!first || !last || last.atMs - first.atMs < this.minSpanMs) return undefined;
    return ((last.admittedTotal - first.admittedTotal) * 1000) / (last.atMs - first.atMs);
  }
}

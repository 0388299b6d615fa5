/**
 * How long to wait before asking a waiting room again: the server's hint, kept within the 2–15 s that both
 * rooms' own hints keep while a fan waits (`lambdas/vwr-shared/src/eta.ts`,
 * `services/queue/src/domain/queue-answer.ts`), so a page polls neither faster nor slower than they plan for.
 */
export function pollDelayMs(hintSeconds: number | null | undefined, fallbackSeconds = 3): number {
  const seconds =
    hintSeconds === null || hintSeconds === undefined || !Number.isFinite(hintSeconds)
      ? fallbackSeconds
      : hintSeconds;
  return Math.min(15, Math.max(2, seconds)) * 1000;
}

/** Share of the line already let in since the fan joined (0–1), for the progress bar. */
export function progressOf(aheadAtStart: number | null, aheadNow: number | null): number {
  if (aheadAtStart === null || aheadNow === null) return 0;
  if (aheadAtStart <= 0) return 1;
  return Math.min(1, Math.max(0, 1 - aheadNow / aheadAtStart));
}

/**
 * Runs `job` every `everyMs` from now, like the EventBridge rule that invokes the counter-advancer once a
 * minute; an invocation still running when the next is due is not doubled up.
 */
export function every(
  everyMs: number,
  job: () => Promise<void>,
  onError: (error: unknown) => void,
): () => void {
  let running = false;
  const run = () => {
    if (running) return;
    running = true;
    job()
      .catch(onError)
      .finally(() => {
        running = false;
      });
  };
  run();
  const timer = setInterval(run, everyMs);
  return () => clearInterval(timer);
}

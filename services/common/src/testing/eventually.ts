/**
 * Retries `attempt` (an assertion or a read) until it passes or `timeoutMs` has gone by, then throws its
 * last error: for what a real server does a moment later (a consumer commits, a controller reconciles).
 */
export async function eventually<T>(
  attempt: () => Promise<T> | T,
  options: { readonly timeoutMs?: number; readonly intervalMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 15_000);
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 100));
    }
  }
}

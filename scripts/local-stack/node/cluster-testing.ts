import type { V1Pod } from '@kubernetes/client-node';

/**
 * What the tests against the local node share: waiting for the cluster to converge, and reading a pod's
 * readiness the way the kubelet reports it.
 */

/**
 * Runs `attempt` until it stops throwing; past `timeoutMs` the last error is thrown, prefixed with `what`.
 * The cluster converges in its own time, so the waits are generous and the interval short.
 */
export async function eventually<T>(
  what: string,
  attempt: () => Promise<T>,
  { timeoutMs = 90_000, intervalMs = 500 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`${what}: ${(error as Error).message}`);
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}

export const isPodReady = (pod: V1Pod): boolean =>
  pod.status?.conditions?.some((condition) => condition.type === 'Ready' && condition.status === 'True') ??
  false;

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

/**
 * The pod template of the smoke image (`smoke-image.sh`): its web server on 8080 as a non-root user on a
 * read-only root file system, Ready when `readyPath` answers 200.
 */
export const smokePodTemplate = (image: string, labels: Record<string, string>, readyPath = '/') => ({
  metadata: { labels },
  spec: {
    securityContext: { runAsNonRoot: true, runAsUser: 65532, runAsGroup: 65532 },
    containers: [
      {
        name: 'web',
        image,
        imagePullPolicy: 'Never',
        ports: [{ name: 'http', containerPort: 8080 }],
        readinessProbe: { httpGet: { path: readyPath, port: 'http' }, periodSeconds: 1 },
        resources: { requests: { cpu: '10m', memory: '8Mi' }, limits: { memory: '32Mi' } },
        securityContext: {
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          capabilities: { drop: ['ALL'] },
        },
      },
    ],
  },
});

/**
 * Deletes a TicketEvent and, should the operator be too slow (or gone) to finalize it, drops its finalizer,
 * so its namespace never stays stuck in Terminating for the next run. Never throws.
 */
export async function removeTicketEvent(
  kubectl: (args: string[]) => Promise<unknown>,
  namespace: string,
  name: string,
): Promise<void> {
  await kubectl([
    'delete',
    '-n',
    namespace,
    'ticketevent',
    name,
    '--ignore-not-found',
    '--timeout=60s',
  ]).catch(() => undefined);
  await kubectl([
    'patch',
    '-n',
    namespace,
    'ticketevent',
    name,
    '--type=merge',
    '-p',
    '{"metadata":{"finalizers":null}}',
  ]).catch(() => undefined);
}

/**
 * Deletes whole namespaces and waits until they are gone, so a test starts from (or leaves) a clean node:
 * objects a run stopped midway left behind keep other field managers' values, which a later server-side
 * apply merges with its own (a Deployment's env var ends with both `value` and `valueFrom`). TicketEvents
 * lose their finalizers first, since no operator may be left to finalize them. Throws when a namespace is
 * still there after `timeoutSeconds`.
 */
export async function removeNamespaces(
  kubectl: (args: string[]) => Promise<string>,
  namespaces: readonly string[],
  timeoutSeconds = 120,
): Promise<void> {
  const present = (await kubectl(['get', 'namespaces', '-o', 'name']))
    .split('\n')
    .map((line) => line.replace(/^namespace\//, '').trim())
    .filter((name) => namespaces.includes(name));
  if (present.length === 0) return;
  for (const namespace of present) {
    const events = await kubectl(['get', 'ticketevents', '-n', namespace, '-o', 'name']).catch(() => '');
    for (const name of events.split('\n').filter(Boolean))
      await removeTicketEvent(kubectl, namespace, name.replace(/^.*\//, ''));
  }
  try {
    await kubectl([
      'delete',
      'namespace',
      ...present,
      '--ignore-not-found',
      '--wait=true',
      `--timeout=${timeoutSeconds}s`,
    ]);
  } catch (error) {
    throw new Error(
      `namespaces ${present.join(', ')} are still there after ${timeoutSeconds} s (kubectl get namespaces shows ` +
        `why; a finalizer nobody serves keeps them): ${(error as Error).message}`,
    );
  }
}

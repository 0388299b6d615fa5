/**
 * What stands in on the local node for what EKS finds outside the cluster (docs/adr/0031-urr-synced-onto-the-local-node.md): Services
 * without selectors whose endpoints are the node's forwards to the loopback servers (as RDS Proxy,
 * ElastiCache and MSK are addresses outside EKS), the test payment provider as a pod, and the Secrets
 * that External Secrets would copy from Secrets Manager, filled from the local stack's configuration.
 */
import type { Manifest } from './sync-plan.js';

export const outsideNamespace = 'urr-outside';

export interface OutsideServer {
  /** Service name, e.g. postgres. */
  readonly name: string;
  /** The port pods use, the managed service's own (5432, 6379, 9092, 4566). */
  readonly port: number;
  /** The node forward's port on the node's address. */
  readonly nodePort: number;
}

const labels = { 'app.kubernetes.io/part-of': 'urr-local-node' };

/** `<name>.urr-outside.svc.cluster.local:<port>` */
export const outsideAddress = (server: OutsideServer) =>
  `${server.name}.${outsideNamespace}.svc.cluster.local:${server.port}`;

export function outsideServerObjects(nodeIp: string, servers: readonly OutsideServer[]): Manifest[] {
  return [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: outsideNamespace, labels } },
    ...servers.flatMap((server): Manifest[] => [
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: server.name, namespace: outsideNamespace, labels },
        spec: {
          ports: [{ name: 'server', port: server.port, targetPort: server.nodePort, protocol: 'TCP' }],
        },
      },
      {
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        metadata: {
          name: server.name,
          namespace: outsideNamespace,
          labels: { ...labels, 'kubernetes.io/service-name': server.name },
        },
        addressType: 'IPv4',
        endpoints: [{ addresses: [nodeIp], conditions: { ready: true } }],
        ports: [{ name: 'server', port: server.nodePort, protocol: 'TCP' }],
      },
    ]),
  ];
}

/** Rewrites every `<nodeIp>:<nodePort>` of a value to the outside Service that fronts it. */
export function throughOutsideServices(
  value: string,
  nodeIp: string,
  servers: readonly OutsideServer[],
): string {
  let result = value;
  for (const server of servers)
    result = result.replaceAll(`${nodeIp}:${server.nodePort}`, outsideAddress(server));
  return result;
}

interface EnvEntry {
  name: string;
  valueFrom?: { secretKeyRef?: { name: string; key: string; optional?: boolean } };
}
interface PodWorkload {
  spec?: { template?: { spec?: { containers?: { env?: EnvEntry[] }[] } } };
}

/**
 * The Secrets the render's workloads read (their secretKeyRefs), each value taken from the environment
 * the workload runs with locally. A required key without a local value is reported, not invented.
 */
export function standInSecrets(
  render: readonly Manifest[],
  envOf: (workload: Manifest) => Readonly<Record<string, string>> | undefined,
): { secrets: Manifest[]; missing: string[] } {
  const data = new Map<string, Record<string, string>>();
  const missing: string[] = [];
  for (const workload of render.filter((m) => ['Deployment', 'Rollout'].includes(m.kind))) {
    const env = envOf(workload);
    const containers = (workload as PodWorkload).spec?.template?.spec?.containers ?? [];
    for (const entry of containers.flatMap((c) => c.env ?? [])) {
      const ref = entry.valueFrom?.secretKeyRef;
      if (!ref) continue;
      const id = `${workload.metadata.namespace ?? ''}/${ref.name}`;
      const value = env?.[entry.name];
      if (value === undefined) {
        if (!ref.optional)
          missing.push(`${workload.metadata.name}: ${entry.name} (Secret ${id}, key ${ref.key})`);
        continue;
      }
      data.set(id, { ...data.get(id), [ref.key]: value });
    }
  }
  const secrets = [...data].map(([id, stringData]): Manifest => {
    const [namespace = '', name = ''] = id.split('/');
    return {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name, namespace, labels },
      type: 'Opaque',
      stringData,
    };
  });
  return { secrets, missing };
}

/** The test payment provider, the stand-in for the PSP's API, as a pod with a Service in the outside namespace. */
export function testPspObjects(
  image: string,
  port: number,
  env: Readonly<Record<string, string>>,
): Manifest[] {
  const selector = { 'app.kubernetes.io/name': 'test-psp' };
  return [
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'test-psp', namespace: outsideNamespace, labels: { ...labels, ...selector } },
      spec: {
        replicas: 1,
        selector: { matchLabels: selector },
        template: {
          metadata: { labels: { ...labels, ...selector } },
          spec: {
            automountServiceAccountToken: false,
            securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
            containers: [
              {
                name: 'test-psp',
                image,
                imagePullPolicy: 'IfNotPresent',
                env: Object.entries(env).map(([name, value]) => ({ name, value })),
                ports: [{ name: 'http', containerPort: port }],
                readinessProbe: { httpGet: { path: '/health', port: 'http' }, periodSeconds: 2 },
                resources: { requests: { cpu: '10m', memory: '64Mi' }, limits: { memory: '256Mi' } },
                securityContext: {
                  allowPrivilegeEscalation: false,
                  readOnlyRootFilesystem: true,
                  capabilities: { drop: ['ALL'] },
                },
                volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
              },
            ],
            volumes: [{ name: 'tmp', emptyDir: {} }],
          },
        },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'test-psp', namespace: outsideNamespace, labels },
      spec: { selector, ports: [{ name: 'http', port, targetPort: 'http' }] },
    },
  ];
}

/**
 * Does each workload's pod give its process the configuration its schema requires, and does every URL it
 * is given name a Service that exists? The services' zod config schemas are the contract; the render is
 * checked against them, so a variable made required in a service fails here, not in a crash-looping pod.
 */
import type { ZodObject, ZodType } from 'zod';

export interface ConfigFinding {
  readonly workload: string;
  readonly variable: string;
  readonly problem: string;
}

interface RenderedObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string };
  // biome-ignore lint/suspicious/noExplicitAny: the checker walks arbitrary pod specs
  readonly [field: string]: any;
}

interface EnvEntry {
  readonly name: string;
  readonly value?: string;
  readonly valueFrom?: unknown;
}

export interface ConfigContract {
  /** Workload name (Deployment or Rollout) → the config schema its process parses. */
  readonly schemas: Readonly<Record<string, ZodObject>>;
  /**
   * Hosts outside the render that URLs may name (managed services, the PSP, the monitoring stack's
   * Services), each with why it is allowed.
   */
  readonly outsideHosts?: Readonly<Record<string, string>>;
}

/**
 * The variables a pod must set: those whose absence does not parse (no default, not optional), and those
 * whose default is an address on loopback, which in a pod is the pod itself.
 */
export function requiredVariables(schema: ZodObject): string[] {
  return Object.entries(schema.shape as Record<string, ZodType>)
    .filter(([, field]) => {
      const absent = field.safeParse(undefined);
      return !absent.success || (typeof absent.data === 'string' && loopback.test(absent.data));
    })
    .map(([name]) => name);
}

const loopback = /^(?:[a-z]+:\/\/)?(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:|\/|$)/;

const clusterSuffix = '.svc.cluster.local';

/** name → ports of the render's Services, by `name.namespace`. */
function servicePorts(objects: readonly RenderedObject[]): Map<string, number[]> {
  const ports = new Map<string, number[]>();
  for (const service of objects.filter((o) => o.kind === 'Service'))
    ports.set(
      `${service.metadata.name}.${service.metadata.namespace ?? ''}`,
      (service.spec?.ports ?? []).map((port: { port: number }) => port.port),
    );
  return ports;
}

function urlFinding(
  value: string,
  namespace: string,
  services: Map<string, number[]>,
  outsideHosts: Readonly<Record<string, string>>,
): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `"${value}" is not a URL`;
  }
  const host = url.hostname;
  if (host in outsideHosts) return undefined;
  const inCluster = host.endsWith(clusterSuffix) || !host.includes('.');
  if (!inCluster) return `${host} is neither a Service of the render nor a declared outside host`;
  const [name = '', serviceNamespace = namespace] = host.replace(clusterSuffix, '').split('.');
  const ports = services.get(`${name}.${serviceNamespace}`);
  if (!ports) return `names Service ${name} in namespace ${serviceNamespace}, which the render does not have`;
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  if (!ports.includes(port))
    return `Service ${name}.${serviceNamespace} has no port ${port} (it has ${ports.join(', ')})`;
  return undefined;
}

/** Every way the render's workloads break the contract; empty when none does. */
export function configFindings(
  objects: readonly RenderedObject[],
  contract: ConfigContract,
): ConfigFinding[] {
  const findings: ConfigFinding[] = [];
  const services = servicePorts(objects);
  const workloads = objects.filter((o) => o.kind === 'Deployment' || o.kind === 'Rollout');
  for (const [name, schema] of Object.entries(contract.schemas)) {
    const workload = workloads.find((w) => w.metadata.name === name);
    if (!workload) {
      findings.push({
        workload: name,
        variable: '',
        problem: 'the render has no Deployment or Rollout of that name',
      });
      continue;
    }
    const containers = workload.spec?.template?.spec?.containers ?? [];
    const env: EnvEntry[] = containers.flatMap((c: { env?: EnvEntry[] }) => c.env ?? []);
    const fromWholeSources = containers.some((c: { envFrom?: unknown[] }) => (c.envFrom ?? []).length > 0);
    const provided = new Set(
      env.filter((e) => e.value !== undefined || e.valueFrom !== undefined).map((e) => e.name),
    );
    if (!fromWholeSources)
      for (const variable of requiredVariables(schema))
        if (!provided.has(variable))
          findings.push({
            workload: name,
            variable,
            problem: 'required by its config schema, not set by its pod',
          });
    for (const entry of env) {
      if (entry.value === undefined || !/^https?:\/\//.test(entry.value)) continue;
      const problem = urlFinding(
        entry.value,
        workload.metadata.namespace ?? '',
        services,
        contract.outsideHosts ?? {},
      );
      if (problem) findings.push({ workload: name, variable: entry.name, problem });
    }
  }
  return findings;
}

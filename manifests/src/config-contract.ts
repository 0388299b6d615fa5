/**
 * Does each workload's pod give its process the configuration its schema requires, and does every URL it
 * is given name a Service that exists? The services' zod config schemas are the contract; the render is
 * checked against them, so a variable made required in a service fails here, not in a crash-looping pod
 * (docs/adr/0029-config-contract.md).
 */
import type { ZodObject, ZodType } from 'zod';

export interface ConfigFinding {
  readonly workload: string;
  /** The variable at fault; empty when the finding is about the workload itself. */
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

interface KeyRef {
  readonly name: string;
  readonly key: string;
  readonly optional?: boolean;
}

interface EnvEntry {
  readonly name: string;
  readonly value?: string;
  readonly valueFrom?: {
    readonly secretKeyRef?: KeyRef;
    readonly configMapKeyRef?: KeyRef;
    readonly fieldRef?: { readonly fieldPath: string };
    readonly resourceFieldRef?: { readonly resource: string };
  };
}

interface WholeSource {
  readonly name: string;
  readonly optional?: boolean;
}

interface Container {
  readonly name: string;
  readonly env?: readonly EnvEntry[];
  readonly envFrom?: readonly {
    readonly prefix?: string;
    readonly configMapRef?: WholeSource;
    readonly secretRef?: WholeSource;
  }[];
}

/**
 * A rule between a workload's variables (one the process checks after parsing its schema), or a demand of
 * the server they name. It applies to every workload whose schema reads `reads`.
 */
export interface ConfigRule {
  readonly reads: string;
  /**
   * What is wrong with the pod's environment, or undefined. Values the render does not hold stand in as
   * `<secret name/key>` or `<pod fieldPath>`.
   */
  readonly check: (env: Readonly<Record<string, string>>) => string | undefined;
}

export interface ConfigContract {
  /** Workload name (Deployment or Rollout) → the config schema its process parses. */
  readonly schemas: Readonly<Record<string, ZodObject>>;
  /** Namespaces whose every Deployment and Rollout must be in `schemas` or `withoutSchema`. */
  readonly namespaces: readonly string[];
  /** Workloads whose process parses no zod schema, each with why. */
  readonly withoutSchema?: Readonly<Record<string, string>>;
  /** Variables pods may set that no schema reads (Node, the AWS SDK), each with who reads them. */
  readonly readOutsideSchemas?: Readonly<Record<string, string>>;
  /** Hosts outside the render that URLs may name (managed services, the PSP), each with why. */
  readonly outsideHosts?: Readonly<Record<string, string>>;
  readonly rules?: readonly ConfigRule[];
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

/** What the pod gives one variable. */
interface Provided {
  /** The value, when the render holds it (a literal or a ConfigMap's key). */
  readonly value?: string;
  /** What stands in for a value the render does not hold (a Secret's, the pod's own metadata). */
  readonly standIn: string;
  /** The pod may start without it (an optional Secret or ConfigMap key). */
  readonly optional: boolean;
}

interface Render {
  /** `name.namespace` → the Service's ports, or undefined for an ExternalName Service (any port). */
  readonly services: Map<string, readonly number[] | undefined>;
  /** `name.namespace` → the ConfigMap's data. */
  readonly configMaps: Map<string, Readonly<Record<string, string>>>;
}

function indexRender(objects: readonly RenderedObject[]): Render {
  const services = new Map<string, readonly number[] | undefined>();
  const configMaps = new Map<string, Readonly<Record<string, string>>>();
  for (const object of objects) {
    const key = `${object.metadata.name}.${object.metadata.namespace ?? ''}`;
    if (object.kind === 'Service')
      services.set(
        key,
        object.spec?.type === 'ExternalName'
          ? undefined
          : (object.spec?.ports ?? []).map((port: { port: number }) => port.port),
      );
    if (object.kind === 'ConfigMap') configMaps.set(key, object.data ?? {});
  }
  return { services, configMaps };
}

/**
 * Each variable the container's environment sets, as Kubernetes resolves it (`env` over `envFrom`, a later
 * entry over an earlier one). `wholeSecrets` are Secrets taken whole, whose keys the render does not know.
 */
function environmentOf(
  container: Container,
  namespace: string,
  render: Render,
  report: (variable: string, problem: string) => void,
): { provided: Map<string, Provided>; wholeSecrets: string[] } {
  const provided = new Map<string, Provided>();
  const wholeSecrets: string[] = [];
  for (const source of container.envFrom ?? []) {
    if (source.secretRef) {
      if (!source.secretRef.optional) wholeSecrets.push(source.secretRef.name);
      continue;
    }
    const name = source.configMapRef?.name ?? '';
    const data = render.configMaps.get(`${name}.${namespace}`);
    if (!data) {
      if (!source.configMapRef?.optional)
        report('', `envFrom names ConfigMap ${name}, which the render does not have`);
      continue;
    }
    for (const [key, value] of Object.entries(data))
      provided.set(`${source.prefix ?? ''}${key}`, { value, standIn: value, optional: false });
  }
  for (const entry of container.env ?? []) {
    const from = entry.valueFrom;
    const keyRef = from?.configMapKeyRef;
    if (!from) provided.set(entry.name, { value: entry.value ?? '', standIn: '', optional: false });
    else if (from.secretKeyRef) {
      const { name, key, optional } = from.secretKeyRef;
      provided.set(entry.name, { standIn: `<secret ${name}/${key}>`, optional: optional === true });
    } else if (keyRef) {
      const value = render.configMaps.get(`${keyRef.name}.${namespace}`)?.[keyRef.key];
      const standIn = `<configmap ${keyRef.name}/${keyRef.key}>`;
      if (value !== undefined) provided.set(entry.name, { value, standIn: value, optional: false });
      else {
        if (!keyRef.optional)
          report(
            entry.name,
            `names key ${keyRef.key} of ConfigMap ${keyRef.name}, which the render does not have`,
          );
        provided.set(entry.name, { standIn, optional: keyRef.optional === true });
      }
    } else {
      const what = from.fieldRef?.fieldPath ?? from.resourceFieldRef?.resource ?? '?';
      provided.set(entry.name, { standIn: `<pod ${what}>`, optional: false });
    }
  }
  return { provided, wholeSecrets };
}

const clusterSuffix = /\.svc(?:\.cluster\.local)?$/;

/**
 * An in-cluster host is `name` (the pod's own namespace), `name.namespace.svc` or
 * `name.namespace.svc.cluster.local`; any other host is outside and must be declared.
 */
function urlProblem(
  value: string,
  namespace: string,
  render: Render,
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
  const inCluster = clusterSuffix.test(host) || !host.includes('.');
  if (!inCluster) return `${host} is neither a Service of the render nor a declared outside host`;
  const [name = '', serviceNamespace = namespace] = host.replace(clusterSuffix, '').split('.');
  const key = `${name}.${serviceNamespace}`;
  if (!render.services.has(key))
    return `names Service ${name} in namespace ${serviceNamespace}, which the render does not have`;
  const ports = render.services.get(key);
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  if (ports && !ports.includes(port))
    return `Service ${key} has no port ${port} (it has ${ports.join(', ')})`;
  return undefined;
}

function workloadFindings(
  workload: RenderedObject,
  schema: ZodObject,
  contract: ConfigContract,
  render: Render,
): ConfigFinding[] {
  const name = workload.metadata.name;
  const namespace = workload.metadata.namespace ?? '';
  const findings: ConfigFinding[] = [];
  const report = (variable: string, problem: string) => findings.push({ workload: name, variable, problem });
  const containers: Container[] = workload.spec?.template?.spec?.containers ?? [];
  // The process is the container named after its workload (others are sidecars).
  const container = containers.find((c) => c.name === name) ?? containers[0];
  if (!container) {
    report('', 'its pod has no container');
    return findings;
  }
  const { provided, wholeSecrets } = environmentOf(container, namespace, render, report);
  const shape = schema.shape as Record<string, ZodType>;

  for (const variable of requiredVariables(schema)) {
    const given = provided.get(variable);
    if (!given && wholeSecrets.length === 0)
      report(variable, 'required by its config schema, not set by its pod');
    else if (given?.optional)
      report(variable, 'required by its config schema, but from an optional key: the pod starts without it');
  }
  for (const [variable, given] of provided) {
    const field = shape[variable];
    if (!field) {
      if (!(variable in (contract.readOutsideSchemas ?? {})))
        report(
          variable,
          'set by its pod but read by no schema (misspelt, or for a process that is not there)',
        );
      continue;
    }
    if (given.value === undefined) continue;
    const parsed = field.safeParse(given.value);
    if (!parsed.success)
      report(variable, `"${given.value}" does not parse: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    else if (/^https?:\/\//.test(given.value)) {
      const problem = urlProblem(given.value, namespace, render, contract.outsideHosts ?? {});
      if (problem) report(variable, problem);
    }
  }
  const env = Object.fromEntries(
    [...provided].map(([variable, given]) => [variable, given.value ?? given.standIn]),
  );
  for (const rule of contract.rules ?? []) {
    if (!(rule.reads in shape)) continue;
    const problem = rule.check(env);
    if (problem) report(rule.reads, problem);
  }
  return findings;
}

/** Every way the render's workloads break the contract; empty when none does. */
export function configFindings(
  objects: readonly RenderedObject[],
  contract: ConfigContract,
): ConfigFinding[] {
  const render = indexRender(objects);
  const workloads = objects.filter((o) => o.kind === 'Deployment' || o.kind === 'Rollout');
  const findings: ConfigFinding[] = [];
  for (const workload of workloads) {
    const name = workload.metadata.name;
    const known = name in contract.schemas || name in (contract.withoutSchema ?? {});
    if (!known && contract.namespaces.includes(workload.metadata.namespace ?? ''))
      findings.push({
        workload: name,
        variable: '',
        problem: 'the contract has no config schema for it (add it, or say in withoutSchema why it has none)',
      });
  }
  for (const [name, schema] of Object.entries(contract.schemas)) {
    const workload = workloads.find((w) => w.metadata.name === name);
    if (workload) findings.push(...workloadFindings(workload, schema, contract, render));
    else
      findings.push({
        workload: name,
        variable: '',
        problem: 'the render has no Deployment or Rollout of that name',
      });
  }
  return findings;
}

import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import type { ExternalEndpoint } from './external-endpoint.js';
import type { ExternalDependency, WorkloadSpec } from './service-catalog.js';
import { selectorOf } from './urr-service.js';

/** A workload of another namespace allowed to call one of this namespace's workloads. */
export interface ForeignCaller {
  readonly namespace: string;
  readonly podLabels: Record<string, string>;
  /** Name of the workload it calls. */
  readonly calls: string;
}

export interface NetworkPoliciesProps {
  readonly namespace: string;
  readonly workloads: readonly WorkloadSpec[];
  /** Where each external dependency lives. */
  readonly external: Readonly<Record<ExternalDependency, ExternalEndpoint>>;
  /** Source ranges of the load balancer's ENIs (the public subnets; ALB in IP target mode). */
  readonly loadBalancerCidrs: readonly string[];
  /** Workloads of other namespaces that call in (the operator reads ticket-service's sales figures). @default [] */
  readonly foreignCallers?: readonly ForeignCaller[];
  /** Namespace of Prometheus (scrapes /metrics on each service port) and Zipkin. @default 'monitoring' */
  readonly monitoringNamespace?: string;
  /** Zipkin's collector port in the monitoring namespace. @default 9411 */
  readonly zipkinPort?: number;
  /** Namespace of the Argo Rollouts controller, which runs the pre-promotion analysis. @default 'argo-rollouts' */
  readonly rolloutsNamespace?: string;
}

const namespaceSelector = (name: string) => ({ matchLabels: { 'kubernetes.io/metadata.name': name } });
const tcp = (port: number) => ({ protocol: 'TCP', port: k8s.IntOrString.fromNumber(port) });

/**
 * Zero trust inside the services namespace: everything is denied, then each workload gets
 * one policy that lets in exactly its callers and lets out exactly its calls and data stores.
 */
export class NetworkPolicies extends Construct {
  constructor(scope: Construct, id: string, props: NetworkPoliciesProps) {
    super(scope, id);
    const { namespace, workloads } = props;
    const monitoring = props.monitoringNamespace ?? 'monitoring';
    const rollouts = props.rolloutsNamespace ?? 'argo-rollouts';
    const labels = { 'app.kubernetes.io/part-of': 'urr' };
    const byId = new Map(workloads.map((workload) => [workload.id, workload]));

    new k8s.KubeNetworkPolicy(this, 'default-deny', {
      metadata: { name: 'default-deny-all', namespace, labels },
      spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
    });

    new k8s.KubeNetworkPolicy(this, 'dns', {
      metadata: { name: 'allow-dns-egress', namespace, labels },
      spec: {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [
          {
            to: [
              {
                namespaceSelector: namespaceSelector('kube-system'),
                podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
              },
            ],
            ports: [
              { protocol: 'UDP', port: k8s.IntOrString.fromNumber(53) },
              { protocol: 'TCP', port: k8s.IntOrString.fromNumber(53) },
            ],
          },
        ],
      },
    });

    new k8s.KubeNetworkPolicy(this, 'tracing', {
      metadata: { name: 'allow-tracing-egress', namespace, labels },
      spec: {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [
          {
            to: [{ namespaceSelector: namespaceSelector(monitoring) }],
            ports: [tcp(props.zipkinPort ?? 9411)],
          },
        ],
      },
    });

    for (const workload of workloads) {
      const callers = workloads.filter((other) => other.calls.includes(workload.id));
      const foreign = (props.foreignCallers ?? []).filter((caller) => caller.calls === workload.name);
      const ingress: k8s.NetworkPolicyIngressRule[] = [
        ...(callers.length > 0
          ? [
              {
                from: callers.map((caller) => ({ podSelector: { matchLabels: selectorOf(caller.name) } })),
                ports: [tcp(workload.port)],
              },
            ]
          : []),
        ...foreign.map((caller) => ({
          from: [
            {
              namespaceSelector: namespaceSelector(caller.namespace),
              podSelector: { matchLabels: caller.podLabels },
            },
          ],
          ports: [tcp(workload.port)],
        })),
        { from: [{ namespaceSelector: namespaceSelector(monitoring) }], ports: [tcp(workload.port)] },
        ...(workload.loadBalanced
          ? [
              {
                from: props.loadBalancerCidrs.map((cidr) => ({ ipBlock: { cidr } })),
                ports: [tcp(workload.port)],
              },
            ]
          : []),
        ...(workload.blueGreen
          ? [{ from: [{ namespaceSelector: namespaceSelector(rollouts) }], ports: [tcp(workload.port)] }]
          : []),
      ];

      const egress: k8s.NetworkPolicyEgressRule[] = [
        ...workload.calls.map((calleeId) => {
          const callee = byId.get(calleeId);
          if (!callee)
            throw new Error(
              `NetworkPolicies: ${workload.name} calls "${calleeId}", which is not a workload here`,
            );
          return {
            to: [{ podSelector: { matchLabels: selectorOf(callee.name) } }],
            ports: [tcp(callee.port)],
          };
        }),
        ...workload.external.map((dependency) => {
          const endpoint = props.external[dependency];
          return {
            to: endpoint.cidrs.map((cidr) => ({
              ipBlock: endpoint.except.length > 0 ? { cidr, except: [...endpoint.except] } : { cidr },
            })),
            ports: endpoint.ports.map(tcp),
          };
        }),
      ];

      new k8s.KubeNetworkPolicy(this, workload.id, {
        metadata: { name: workload.name, namespace, labels },
        spec: {
          podSelector: { matchLabels: selectorOf(workload.name) },
          policyTypes: ['Ingress', 'Egress'],
          ingress,
          egress,
        },
      });
    }
  }
}

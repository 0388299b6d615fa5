/**
 * What the cluster's pods request against what its nodes offer (docs/adr/0027-cluster-add-ons-app-of-apps.md):
 * URR's pods at their HPA minima (the floor a quiet day runs), the preview set a blue-green switch adds
 * (a Rollout runs its new ReplicaSet beside the active one until promotion), the add-ons' pods and the
 * pods EKS runs itself, against the node group's and Karpenter's allocatable CPU and memory. Pure.
 */
import type { AddonPod } from './helm-addons.js';

export interface Resources {
  readonly cpuMillis: number;
  readonly memoryMi: number;
}

const zero: Resources = { cpuMillis: 0, memoryMi: 0 };
export const plus = (a: Resources, b: Resources): Resources => ({
  cpuMillis: a.cpuMillis + b.cpuMillis,
  memoryMi: a.memoryMi + b.memoryMi,
});
export const times = (a: Resources, factor: number): Resources => ({
  cpuMillis: a.cpuMillis * factor,
  memoryMi: a.memoryMi * factor,
});
export const sum = (all: readonly Resources[]) => all.reduce(plus, zero);

export function cpuMillisOf(quantity: string): number {
  const match = /^(\d+(?:\.\d+)?)(m?)$/.exec(quantity);
  if (!match) throw new Error(`capacity: "${quantity}" is not a CPU quantity`);
  return match[2] === 'm' ? Number(match[1]) : Number(match[1]) * 1000;
}

export function memoryMiOf(quantity: string): number {
  const match = /^(\d+(?:\.\d+)?)(Mi|Gi)$/.exec(quantity);
  if (!match) throw new Error(`capacity: "${quantity}" is not a memory quantity in Mi or Gi`);
  return match[2] === 'Gi' ? Number(match[1]) * 1024 : Number(match[1]);
}

/** vCPUs, memory and the VPC CNI's pod limit of the instance types the cluster may run. */
export const instanceShapes: Readonly<Record<string, { vcpu: number; memoryMi: number; maxPods: number }>> = {
  't3.medium': { vcpu: 2, memoryMi: 4096, maxPods: 17 },
  'm6i.xlarge': { vcpu: 4, memoryMi: 16384, maxPods: 58 },
  'm5.xlarge': { vcpu: 4, memoryMi: 16384, maxPods: 58 },
  'm6a.xlarge': { vcpu: 4, memoryMi: 16384, maxPods: 58 },
  'c6i.xlarge': { vcpu: 4, memoryMi: 8192, maxPods: 58 },
};

const shapeOf = (instanceType: string) => {
  const shape = instanceShapes[instanceType];
  if (!shape)
    throw new Error(`capacity: no shape for instance type ${instanceType}; add it to instanceShapes`);
  return shape;
};

/**
 * What the scheduler may place on one node: capacity less the EKS AMI's kubelet and system reservation
 * (CPU: 6 % of the first core, 1 % of the second, 0.5 % of the third and fourth, 0.25 % beyond;
 * memory: 255 Mi + 11 Mi per pod the node may run) and the 100 Mi hard-eviction threshold.
 */
export function allocatableOf(instanceType: string): Resources {
  const { vcpu, memoryMi, maxPods } = shapeOf(instanceType);
  const cores = [60, 10, 5, 5];
  let reservedCpu = 0;
  for (let core = 0; core < vcpu; core++) reservedCpu += cores[core] ?? 2.5;
  return { cpuMillis: vcpu * 1000 - reservedCpu, memoryMi: memoryMi - (255 + 11 * maxPods) - 100 };
}

export const vcpuOf = (instanceType: string) => shapeOf(instanceType).vcpu;

/**
 * Pods EKS runs itself, outside the render (its managed add-ons at their default requests): CoreDNS,
 * and on every node the VPC CNI (aws-node) and kube-proxy.
 */
export const eksManagedPods: readonly AddonPod[] = [
  { component: 'coredns', replicas: 2, cpu: '100m', memory: '70Mi' },
  { component: 'aws-node', replicas: 'per-node', cpu: '25m', memory: '0Mi' },
  { component: 'kube-proxy', replicas: 'per-node', cpu: '100m', memory: '0Mi' },
];

const requestOf = (pod: AddonPod): Resources => ({
  cpuMillis: cpuMillisOf(pod.cpu),
  memoryMi: memoryMiOf(pod.memory),
});

/** The requests of pods that run a fixed number of replicas, and of those that run on every node (per node). */
export function podRequests(pods: readonly AddonPod[]): { fixed: Resources; perNode: Resources } {
  return {
    fixed: sum(pods.map((pod) => (pod.replicas === 'per-node' ? zero : times(requestOf(pod), pod.replicas)))),
    perNode: sum(pods.filter((pod) => pod.replicas === 'per-node').map(requestOf)),
  };
}

interface RenderedWorkload {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string };
  readonly spec?: {
    readonly replicas?: number;
    readonly minReplicas?: number;
    readonly scaleTargetRef?: { readonly kind: string; readonly name: string };
    readonly template?: {
      readonly spec?: {
        readonly containers?: readonly {
          readonly resources?: { readonly requests?: Record<string, string> };
        }[];
      };
    };
  };
}

export interface WorkloadFloor {
  readonly kind: string;
  readonly name: string;
  /** The HPA's minReplicas, or the workload's replicas without an HPA. */
  readonly replicas: number;
  /** One pod's requests. */
  readonly pod: Resources;
  /** A Rollout's blue-green switch runs the preview set beside the active one. */
  readonly doublesDuringSwitch: boolean;
}

/** Every Deployment and Rollout of a render, at its floor (the HPA minimum), with one pod's requests. */
export function workloadFloors(objects: readonly unknown[]): WorkloadFloor[] {
  const rendered = objects as readonly RenderedWorkload[];
  const minimumOf = new Map(
    rendered
      .filter((object) => object.kind === 'HorizontalPodAutoscaler' && object.spec?.scaleTargetRef)
      .map((hpa) => [
        `${hpa.spec?.scaleTargetRef?.kind}/${hpa.spec?.scaleTargetRef?.name}`,
        hpa.spec?.minReplicas ?? 1,
      ]),
  );
  return rendered
    .filter((object) => object.kind === 'Deployment' || object.kind === 'Rollout')
    .map((workload) => {
      const replicas =
        minimumOf.get(`${workload.kind}/${workload.metadata.name}`) ?? workload.spec?.replicas ?? 1;
      const containers = workload.spec?.template?.spec?.containers ?? [];
      const pod = sum(
        containers.map((container) => ({
          cpuMillis: cpuMillisOf(container.resources?.requests?.cpu ?? '0m'),
          memoryMi: memoryMiOf(container.resources?.requests?.memory ?? '0Mi'),
        })),
      );
      return {
        kind: workload.kind,
        name: workload.metadata.name,
        replicas,
        pod,
        doublesDuringSwitch: workload.kind === 'Rollout',
      };
    });
}

export interface CapacityFigures {
  /** URR's pods at the HPA minima. */
  readonly urrAtMinima: Resources;
  /** What a blue-green switch of every Rollout adds at the minima. */
  readonly switchPreview: Resources;
  /** Add-on and EKS pods with a fixed count. */
  readonly addonsFixed: Resources;
  /** Add-on and EKS pods on every node, per node. */
  readonly perNode: Resources;
  /** The node group's allocatable at its desired size, less the per-node pods. */
  readonly nodeGroupFree: Resources;
  /** What Karpenter's pool may add at its limits, less the per-node pods of its nodes. */
  readonly spotPoolFree: Resources;
}

export interface CapacityInput {
  readonly urrObjects: readonly unknown[];
  readonly addonPods: readonly AddonPod[];
  readonly nodeGroup: { readonly instanceType: string; readonly desiredSize: number };
  /** Karpenter's NodePool limits and the instance types it may launch; none: no spot pool. */
  readonly spotPool?: {
    readonly cpu: number;
    readonly memoryGi: number;
    readonly instanceTypes: readonly string[];
  };
}

/**
 * The figures of a cluster, Karpenter's pool counted at the worst of the instance types it may launch.
 */
export function capacityFigures(input: CapacityInput): CapacityFigures {
  const floors = workloadFloors(input.urrObjects);
  const urrAtMinima = sum(floors.map((floor) => times(floor.pod, floor.replicas)));
  const switchPreview = sum(
    floors.filter((floor) => floor.doublesDuringSwitch).map((floor) => times(floor.pod, floor.replicas)),
  );
  const pods = podRequests([...input.addonPods, ...eksManagedPods]);
  const nodeGroupFree = times(
    plus(allocatableOf(input.nodeGroup.instanceType), times(pods.perNode, -1)),
    input.nodeGroup.desiredSize,
  );
  let spotPoolFree = zero;
  if (input.spotPool) {
    const { cpu, memoryGi, instanceTypes } = input.spotPool;
    // As many nodes as the CPU limit allows of the smallest type, each offering the least any type offers.
    const nodes = Math.floor(cpu / Math.min(...instanceTypes.map(vcpuOf)));
    const free = instanceTypes.map((type) => plus(allocatableOf(type), times(pods.perNode, -1)));
    spotPoolFree = {
      cpuMillis: Math.min(...free.map((node) => node.cpuMillis)) * nodes,
      memoryMi: Math.min(Math.min(...free.map((node) => node.memoryMi)) * nodes, memoryGi * 1024),
    };
  }
  return {
    urrAtMinima,
    switchPreview,
    addonsFixed: pods.fixed,
    perNode: pods.perNode,
    nodeGroupFree,
    spotPoolFree,
  };
}

/** `6900m CPU, 5944Mi memory` */
export const formatResources = (resources: Resources) =>
  `${Math.round(resources.cpuMillis)}m CPU, ${Math.round(resources.memoryMi)}Mi memory`;

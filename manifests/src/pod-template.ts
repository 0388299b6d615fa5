import { k8s } from 'cdk8s-plus-28';
import type { EnvVar } from './env-var.js';
import type { ImageRef } from './image-ref.js';
import type { ResourceBudget } from './resource-budget.js';

/** Non-root uid/gid of every URR image (the Dockerfiles create this user). */
export const appUserId = 10001;

export interface PodTemplateProps {
  /** Container name and value of the `app.kubernetes.io/name` label. */
  readonly name: string;
  readonly labels: Record<string, string>;
  readonly image: ImageRef;
  readonly port: number;
  /** @default 'http' */
  readonly portName?: string;
  readonly env: readonly EnvVar[];
  readonly resources: ResourceBudget;
  readonly serviceAccountName: string;
  /** Liveness and startup probe path. @default '/health' */
  readonly livenessPath?: string;
  /** Readiness probe path: the pod receives traffic only while it answers 2xx. @default '/ready' */
  readonly readinessPath?: string;
  /** Writable directories besides /tmp (the root filesystem is read-only). @default [] */
  readonly writablePaths?: readonly string[];
  /** Mount the service account token (only the operator talks to the apiserver). @default false */
  readonly automountServiceAccountToken?: boolean;
}

const httpGet = (path: string, portName: string) => ({ path, port: k8s.IntOrString.fromString(portName) });

/**
 * The pod template shared by Deployments and Rollouts: non-root, read-only root filesystem, no privilege
 * escalation, no capabilities, RuntimeDefault seccomp, probes on the service's health endpoints, spread
 * over both AZs.
 */
export function podTemplate(props: PodTemplateProps): k8s.PodTemplateSpec {
  const portName = props.portName ?? 'http';
  const writable = ['/tmp', ...(props.writablePaths ?? [])];
  const volumeName = (index: number) => (index === 0 ? 'tmp' : `writable-${index}`);
  const resources = props.resources.toKubernetes();
  const selector = { 'app.kubernetes.io/name': props.labels['app.kubernetes.io/name'] ?? props.name };
  return {
    metadata: { labels: props.labels },
    spec: {
      serviceAccountName: props.serviceAccountName,
      automountServiceAccountToken: props.automountServiceAccountToken ?? false,
      enableServiceLinks: false,
      terminationGracePeriodSeconds: 30,
      securityContext: {
        runAsNonRoot: true,
        runAsUser: appUserId,
        runAsGroup: appUserId,
        fsGroup: appUserId,
        seccompProfile: { type: 'RuntimeDefault' },
      },
      topologySpreadConstraints: [
        {
          maxSkew: 1,
          topologyKey: 'topology.kubernetes.io/zone',
          whenUnsatisfiable: 'ScheduleAnyway',
          labelSelector: { matchLabels: selector },
        },
      ],
      containers: [
        {
          name: props.name,
          image: props.image.toString(),
          imagePullPolicy: 'IfNotPresent',
          ports: [{ name: portName, containerPort: props.port, protocol: 'TCP' }],
          env: props.env.map((variable) => variable.toKubernetes()),
          resources: {
            requests: {
              cpu: k8s.Quantity.fromString(resources.requests.cpu),
              memory: k8s.Quantity.fromString(resources.requests.memory),
            },
            limits: {
              cpu: k8s.Quantity.fromString(resources.limits.cpu),
              memory: k8s.Quantity.fromString(resources.limits.memory),
            },
          },
          startupProbe: {
            httpGet: httpGet(props.livenessPath ?? '/health', portName),
            periodSeconds: 2,
            failureThreshold: 30,
          },
          livenessProbe: {
            httpGet: httpGet(props.livenessPath ?? '/health', portName),
            periodSeconds: 10,
            timeoutSeconds: 2,
            failureThreshold: 3,
          },
          readinessProbe: {
            httpGet: httpGet(props.readinessPath ?? '/ready', portName),
            periodSeconds: 5,
            timeoutSeconds: 2,
            failureThreshold: 2,
          },
          securityContext: {
            allowPrivilegeEscalation: false,
            readOnlyRootFilesystem: true,
            runAsNonRoot: true,
            capabilities: { drop: ['ALL'] },
          },
          volumeMounts: writable.map((mountPath, index) => ({ name: volumeName(index), mountPath })),
        },
      ],
      volumes: writable.map((_, index) => ({
        name: volumeName(index),
        emptyDir: { sizeLimit: k8s.Quantity.fromString('128Mi') },
      })),
    },
  };
}

import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import type { ImageRef } from './image-ref.js';
import { podTemplate } from './pod-template.js';
import { BlueGreenRollout, rolloutGvk } from './rollout.js';
import type { WorkloadSpec } from './service-catalog.js';

export interface UrrServiceProps {
  readonly spec: WorkloadSpec;
  readonly namespace: string;
  /** The workload's image (same tag for every URR image of one release). */
  readonly image: ImageRef;
  /** AnalysisTemplate run before a blue-green promotion; required when `spec.blueGreen`. */
  readonly analysisTemplate?: string;
  /** The HPA's average CPU utilisation target, % of the request. @default 70 */
  readonly targetCpuUtilization?: number;
  /** IAM role the pods assume through IRSA (queue-service sends to SQS; Kafka clients sign in to MSK). @default none */
  readonly iamRoleArn?: string;
}

export const selectorOf = (name: string) => ({ 'app.kubernetes.io/name': name });

/**
 * One URR workload: its ServiceAccount, a Deployment (or a blue-green Rollout), the Service, an HPA with the
 * workload's range and a PodDisruptionBudget. The HPA scales the Rollout itself where there is one.
 */
export class UrrService extends Construct {
  readonly name: string;
  readonly service: k8s.KubeService;
  readonly hpa: k8s.KubeHorizontalPodAutoscalerV2;

  constructor(scope: Construct, id: string, props: UrrServiceProps) {
    super(scope, id);
    const { spec, namespace } = props;
    const target = props.targetCpuUtilization ?? 70;
    if (!Number.isInteger(target) || target < 10 || target > 95)
      throw new Error(
        `UrrService ${spec.name}: targetCpuUtilization ${target} must be a whole percentage in 10–95`,
      );
    if (spec.blueGreen && !props.analysisTemplate)
      throw new Error(
        `UrrService ${spec.name}: a blue-green service needs analysisTemplate (e.g. urr-preview-ready)`,
      );

    this.name = spec.name;
    const selector = selectorOf(spec.name);
    const labels = {
      ...selector,
      'app.kubernetes.io/part-of': 'urr',
      'app.kubernetes.io/component': spec.id === 'frontend' ? 'frontend' : 'backend',
      'app.kubernetes.io/version': props.image.tag,
    };
    const metadata = { name: spec.name, namespace, labels };

    new k8s.KubeServiceAccount(this, 'service-account', {
      metadata: {
        ...metadata,
        ...(props.iamRoleArn ? { annotations: { 'eks.amazonaws.com/role-arn': props.iamRoleArn } } : {}),
      },
      automountServiceAccountToken: false,
    });

    const template = podTemplate({
      name: spec.name,
      labels,
      image: props.image,
      port: spec.port,
      env: spec.env,
      resources: spec.resources,
      serviceAccountName: spec.name,
      // next start writes its image cache under .next/cache.
      writablePaths: spec.id === 'frontend' ? ['/app/.next/cache'] : [],
      // The web server has no dependencies of its own to report: it is ready once it answers.
      ...(spec.id === 'frontend' ? { readinessPath: '/health' } : {}),
    });

    let scaleTargetRef: k8s.CrossVersionObjectReferenceV2;
    if (spec.blueGreen) {
      new BlueGreenRollout(this, 'rollout', {
        name: spec.name,
        namespace,
        labels,
        selector,
        template,
        port: spec.port,
        activeService: spec.name,
        previewService: `${spec.name}-preview`,
        analysisTemplate: props.analysisTemplate!,
      });
      scaleTargetRef = { ...rolloutGvk, name: spec.name };
    } else {
      new k8s.KubeDeployment(this, 'deployment', {
        metadata,
        spec: {
          revisionHistoryLimit: 3,
          selector: { matchLabels: selector },
          strategy: {
            type: 'RollingUpdate',
            rollingUpdate: {
              maxSurge: k8s.IntOrString.fromString('25%'),
              maxUnavailable: k8s.IntOrString.fromNumber(0),
            },
          },
          template,
        },
      });
      scaleTargetRef = { apiVersion: 'apps/v1', kind: 'Deployment', name: spec.name };
    }

    this.service = new k8s.KubeService(this, 'service', {
      metadata,
      spec: {
        type: 'ClusterIP',
        selector,
        ports: [{ name: 'http', port: spec.port, targetPort: k8s.IntOrString.fromString('http') }],
      },
    });

    this.hpa = new k8s.KubeHorizontalPodAutoscalerV2(this, 'hpa', {
      metadata,
      spec: {
        scaleTargetRef,
        minReplicas: spec.replicas.min,
        maxReplicas: spec.replicas.max,
        metrics: [
          {
            type: 'Resource',
            resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: target } },
          },
        ],
        behavior: {
          // A sale opens in seconds: scale up at once, scale down only after five quiet minutes.
          scaleUp: {
            stabilizationWindowSeconds: 0,
            policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }],
          },
          scaleDown: {
            stabilizationWindowSeconds: 300,
            policies: [{ type: 'Pods', value: 1, periodSeconds: 60 }],
          },
        },
      },
    });

    new k8s.KubePodDisruptionBudget(this, 'pdb', {
      metadata,
      spec: { maxUnavailable: k8s.IntOrString.fromNumber(1), selector: { matchLabels: selector } },
    });
  }
}

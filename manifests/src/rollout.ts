import { ApiObject } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';

export const rolloutGvk = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout' } as const;

export interface BlueGreenRolloutProps {
  readonly name: string;
  readonly namespace: string;
  readonly labels: Record<string, string>;
  readonly selector: Record<string, string>;
  readonly template: k8s.PodTemplateSpec;
  readonly port: number;
  /** Service that receives live traffic (points at blue until promotion). */
  readonly activeService: string;
  /** Service that reaches the green pods before promotion. */
  readonly previewService: string;
  /** AnalysisTemplate that checks the green pods before promotion (see `PreviewReadyAnalysis`). */
  readonly analysisTemplate: string;
  /** Promote without an operator's approval. @default false */
  readonly autoPromotionEnabled?: boolean;
  /** Seconds blue keeps running after promotion, for an instant roll back. @default 30 */
  readonly scaleDownDelaySeconds?: number;
  /** @default 3 */
  readonly revisionHistoryLimit?: number;
}

/**
 * An Argo Rollouts blue-green Rollout: green pods start beside blue, the preview Service
 * reaches them, an analysis checks `/ready` five times ten seconds apart, an operator promotes
 * (`kubectl argo rollouts promote`), blue stays for 30 s, and a failed analysis aborts back to blue.
 * There is no `replicas`: the HPA owns the count.
 */
export class BlueGreenRollout extends Construct {
  readonly rollout: ApiObject;
  readonly previewService: k8s.KubeService;

  constructor(scope: Construct, id: string, props: BlueGreenRolloutProps) {
    super(scope, id);
    const scaleDownDelaySeconds = props.scaleDownDelaySeconds ?? 30;
    if (!Number.isInteger(scaleDownDelaySeconds) || scaleDownDelaySeconds < 0)
      throw new Error(
        `BlueGreenRollout ${props.name}: scaleDownDelaySeconds ${scaleDownDelaySeconds} must be a whole number ≥ 0`,
      );

    this.previewService = new k8s.KubeService(this, 'preview', {
      metadata: {
        name: props.previewService,
        namespace: props.namespace,
        labels: { ...props.labels, 'app.kubernetes.io/component': 'preview' },
      },
      spec: {
        selector: props.selector,
        ports: [{ name: 'http', port: props.port, targetPort: k8s.IntOrString.fromString('http') }],
      },
    });

    this.rollout = new ApiObject(this, 'rollout', {
      ...rolloutGvk,
      metadata: { name: props.name, namespace: props.namespace, labels: props.labels },
      spec: {
        revisionHistoryLimit: props.revisionHistoryLimit ?? 3,
        selector: { matchLabels: props.selector },
        template: k8s.toJson_PodTemplateSpec(props.template),
        strategy: {
          blueGreen: {
            activeService: props.activeService,
            previewService: props.previewService,
            autoPromotionEnabled: props.autoPromotionEnabled ?? false,
            scaleDownDelaySeconds,
            prePromotionAnalysis: {
              templates: [{ templateName: props.analysisTemplate }],
              args: [
                { name: 'service', value: props.previewService },
                { name: 'port', value: String(props.port) },
              ],
            },
          },
        },
      },
    });
  }
}

export interface PreviewReadyAnalysisProps {
  readonly name: string;
  readonly namespace: string;
  /** @default 5 */
  readonly count?: number;
  /** @default '10s' */
  readonly interval?: string;
}

/** The AnalysisTemplate the blue-green Rollouts run before promotion: `/ready` of the preview Service. */
export class PreviewReadyAnalysis extends Construct {
  readonly template: ApiObject;

  constructor(scope: Construct, id: string, props: PreviewReadyAnalysisProps) {
    super(scope, id);
    const count = props.count ?? 5;
    if (!Number.isInteger(count) || count < 1)
      throw new Error(`PreviewReadyAnalysis: count ${count} must be a whole number of at least 1`);
    const interval = props.interval ?? '10s';
    if (!/^\d+[smh]$/.test(interval))
      throw new Error(`PreviewReadyAnalysis: interval "${interval}" must be a duration such as 10s, 1m`);
    this.template = new ApiObject(this, 'template', {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'AnalysisTemplate',
      metadata: {
        name: props.name,
        namespace: props.namespace,
        labels: { 'app.kubernetes.io/part-of': 'urr' },
      },
      spec: {
        args: [{ name: 'service' }, { name: 'port' }],
        metrics: [
          {
            name: 'preview-ready',
            count,
            interval,
            failureLimit: 0,
            successCondition: 'result == "ready"',
            provider: {
              web: {
                url: `http://{{args.service}}.${props.namespace}.svc.cluster.local:{{args.port}}/ready`,
                timeoutSeconds: 5,
                jsonPath: '{$.status}',
              },
            },
          },
        ],
      },
    });
  }
}

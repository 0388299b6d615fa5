import { AutoscalingV2Api, type KubeConfig, PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { hpaNameOf, type ServiceBounds, scaledServices } from './hpa-bounds.js';
import { fieldManager } from './kube-errors.js';

const applyPatch = setHeaderOptions('Content-Type', PatchStrategy.ServerSideApply);

/** gateway, queue and ticket deploy as Argo Rollouts (blue-green, see manifests/src/rollout.ts), so their HPAs scale the Rollout. */
const rolloutOf = (name: string) => ({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', name });

/**
 * Applies the replica bounds of gateway, queue and ticket with server-side apply as `urr-operator`.
 * It owns only the target and the bounds: metrics and behaviour stay with the manifests, and an HPA
 * the manifests have not created yet is created with the default CPU target.
 */
export class HpaApplier {
  private readonly api: AutoscalingV2Api;

  constructor(kubeConfig: KubeConfig) {
    this.api = kubeConfig.makeApiClient(AutoscalingV2Api);
  }

  async apply(namespace: string, bounds: ServiceBounds): Promise<void> {
    await Promise.all(
      scaledServices.map((service) => {
        const name = hpaNameOf(service);
        return this.api.patchNamespacedHorizontalPodAutoscaler(
          {
            name,
            namespace,
            body: {
              apiVersion: 'autoscaling/v2',
              kind: 'HorizontalPodAutoscaler',
              metadata: { name, namespace, labels: { 'app.kubernetes.io/part-of': 'urr' } },
              spec: {
                scaleTargetRef: rolloutOf(name),
                minReplicas: bounds[service].minReplicas,
                maxReplicas: bounds[service].maxReplicas,
              },
            },
            fieldManager,
            force: true,
          },
          applyPatch,
        );
      }),
    );
  }
}

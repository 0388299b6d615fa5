import { hpaNameOf, type ServiceBounds, scaledServices } from './hpa-bounds.js';
import type { KubeClient } from './kube/kube-client.js';
import { resourceTypes } from './kube/resource-path.js';
import { fieldManager } from './kube-errors.js';

/** gateway, queue and ticket deploy as Argo Rollouts (blue-green, see manifests/src/rollout.ts), so their HPAs scale the Rollout. */
const rolloutOf = (name: string) => ({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', name });

/**
 * Applies the replica bounds of gateway, queue and ticket with server-side apply as `urr-operator`.
 * It owns only the target and the bounds: metrics and behaviour stay with the manifests, and an HPA
 * the manifests have not created yet is created with the default CPU target.
 */
export class HpaApplier {
  /** Applies under way, by namespace and bounds: passes of many sales in one namespace share one. */
  private readonly inFlight = new Map<string, Promise<void>>();

  constructor(private readonly kube: KubeClient) {}

  /**
   * Joins an identical apply still under way rather than sending the same three objects again: it
   * writes exactly what this call would, and a drift it misses is repaired by the next pass.
   */
  apply(namespace: string, bounds: ServiceBounds): Promise<void> {
    const key = `${namespace} ${JSON.stringify(bounds)}`;
    const pending = this.inFlight.get(key);
    if (pending) return pending;
    const applied = this.applyAll(namespace, bounds).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, applied);
    return applied;
  }

  private async applyAll(namespace: string, bounds: ServiceBounds): Promise<void> {
    await Promise.all(
      scaledServices.map((service) => {
        const name = hpaNameOf(service);
        return this.kube.apply(
          resourceTypes.horizontalPodAutoscalers,
          { namespace, name },
          {
            apiVersion: 'autoscaling/v2',
            kind: 'HorizontalPodAutoscaler',
            metadata: { name, namespace, labels: { 'app.kubernetes.io/part-of': 'urr' } },
            spec: {
              scaleTargetRef: rolloutOf(name),
              minReplicas: bounds[service].minReplicas,
              maxReplicas: bounds[service].maxReplicas,
            },
          },
          { fieldManager, force: true, discardResponse: true },
        );
      }),
    );
  }
}

import type { TicketEventSpec } from './ticket-event.js';

export const scaledServices = ['gateway', 'queue', 'ticket'] as const;
export type ScaledService = (typeof scaledServices)[number];

export interface ReplicaBounds {
  readonly minReplicas: number;
  readonly maxReplicas: number;
}

export type ServiceBounds = Record<ScaledService, ReplicaBounds>;

/** The HPA (and its Rollout) of each service the operator scales. */
export const hpaNameOf = (service: ScaledService) => `${service}-service`;

/** The everyday ranges of the architecture's HPAs, in force while no sale in the namespace is hot. */
export const everydayBaseline: ServiceBounds = {
  gateway: { minReplicas: 3, maxReplicas: 10 },
  queue: { minReplicas: 3, maxReplicas: 8 },
  ticket: { minReplicas: 3, maxReplicas: 10 },
};

/**
 * One namespace's services serve every sale in it, so their HPA bounds are the largest that any hot
 * sale asks for, and never below the everyday baseline.
 */
export function boundsFor(hotSpecs: readonly TicketEventSpec[], baseline: ServiceBounds): ServiceBounds {
  const pick = (service: ScaledService): ReplicaBounds => {
    let { minReplicas, maxReplicas } = baseline[service];
    for (const spec of hotSpecs) {
      minReplicas = Math.max(minReplicas, spec.scaling[service].minReplicas);
      maxReplicas = Math.max(maxReplicas, spec.scaling[service].maxReplicas);
    }
    return { minReplicas, maxReplicas: Math.max(minReplicas, maxReplicas) };
  };
  return { gateway: pick('gateway'), queue: pick('queue'), ticket: pick('ticket') };
}

import type { Manifest } from './sync-plan.js';

export interface Health {
  /** The sync may go on to the next wave. */
  readonly settled: boolean;
  /** A hook failed: the sync stops. */
  readonly failed?: boolean;
  readonly message: string;
}

interface Condition {
  type?: string;
  status?: string;
  reason?: string;
  message?: string;
}

type Live = Manifest & {
  spec?: Record<string, unknown>;
  status?: Record<string, unknown> & { conditions?: Condition[] };
};

const condition = (live: Live, type: string) => live.status?.conditions?.find((c) => c.type === type);

function deploymentHealth(live: Live): Health {
  const status = live.status ?? {};
  const generation = Number(live.metadata.generation ?? 0);
  const wanted = Number((live.spec as { replicas?: number } | undefined)?.replicas ?? 1);
  const updated = Number(status.updatedReplicas ?? 0);
  const available = Number(status.availableReplicas ?? 0);
  if (Number(status.observedGeneration ?? 0) < generation)
    return { settled: false, message: 'the controller has not seen the new spec yet' };
  if (updated < wanted || available < wanted)
    return { settled: false, message: `${available}/${wanted} available, ${updated} updated` };
  return { settled: true, message: `${available}/${wanted} available` };
}

/** Argo Rollouts' own verdict (status.phase); a blue-green Rollout paused for promotion is settled. */
function rolloutHealth(live: Live): Health {
  const phase = String(live.status?.phase ?? 'unknown');
  const message = String(live.status?.message ?? '');
  if (phase === 'Healthy') return { settled: true, message: 'Healthy' };
  if (phase === 'Paused') return { settled: true, message: `Paused: ${message || 'waiting for promotion'}` };
  if (phase === 'Degraded') return { settled: false, message: `Degraded: ${message}` };
  return { settled: false, message: `${phase}${message ? `: ${message}` : ''}` };
}

function jobHealth(live: Live): Health {
  if (condition(live, 'Complete')?.status === 'True') return { settled: true, message: 'Complete' };
  const failed = condition(live, 'Failed');
  if (failed?.status === 'True')
    return {
      settled: false,
      failed: true,
      message: `Failed: ${failed.reason ?? ''} ${failed.message ?? ''}`,
    };
  return { settled: false, message: `${live.status?.active ?? 0} running` };
}

/** Whether a live object is healthy enough for Argo CD to go on, in the terms of gitops-engine's checks. */
export function healthOf(live: Manifest): Health {
  const object = live as Live;
  switch (live.kind) {
    case 'CustomResourceDefinition':
      return condition(object, 'Established')?.status === 'True'
        ? { settled: true, message: 'Established' }
        : { settled: false, message: 'not yet established' };
    case 'Deployment':
    case 'StatefulSet':
      return deploymentHealth(object);
    case 'Rollout':
      return rolloutHealth(object);
    case 'Job':
      return jobHealth(object);
    default:
      return { settled: true, message: 'exists' };
  }
}

import { randomBytes } from 'node:crypto';
import type { KubeClient } from './kube/kube-client.js';
import { resourceTypes } from './kube/resource-path.js';
import { microTime } from './micro-time.js';
import { type TicketEventObject, ticketEventApi } from './ticket-event.js';

export const reportingController = 'urr.guru/ticketevent-operator';

export interface RecordedEvent {
  readonly type: 'Normal' | 'Warning';
  /** CamelCase, e.g. PhaseChanged. */
  readonly reason: string;
  /** What the operator did, e.g. Transition. */
  readonly action: string;
  readonly note: string;
}

/** Records events.k8s.io/v1 Events about TicketEvents (`kubectl describe` / `kubectl events` show them). */
export class EventRecorder {
  constructor(
    private readonly kube: KubeClient,
    private readonly reportingInstance: string,
  ) {}

  async record(about: TicketEventObject, event: RecordedEvent): Promise<void> {
    const { name, namespace, uid, resourceVersion } = about.metadata;
    const body = {
      apiVersion: 'events.k8s.io/v1',
      kind: 'Event',
      metadata: { name: `${name}.${randomBytes(8).toString('hex')}`, namespace },
      eventTime: microTime(new Date()),
      reportingController,
      reportingInstance: this.reportingInstance,
      action: event.action,
      reason: event.reason,
      type: event.type,
      note: event.note.slice(0, 1024),
      regarding: {
        apiVersion: ticketEventApi.apiVersion,
        kind: ticketEventApi.kind,
        name,
        namespace,
        ...(uid ? { uid } : {}),
        ...(resourceVersion ? { resourceVersion } : {}),
      },
    };
    await this.kube.create(resourceTypes.events, namespace, body, { discardResponse: true });
  }
}

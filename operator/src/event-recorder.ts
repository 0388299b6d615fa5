import { randomBytes } from 'node:crypto';
import { EventsV1Api, type EventsV1Event, type KubeConfig } from '@kubernetes/client-node';
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

/** MicroTime wants exactly six fractional digits; client-node sends strings for it untouched. */
function microTime(date: Date): Date {
  return date.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z') as unknown as Date;
}

/** Records events.k8s.io/v1 Events about TicketEvents (`kubectl describe` / `kubectl events` show them). */
export class EventRecorder {
  private readonly api: EventsV1Api;

  constructor(
    kubeConfig: KubeConfig,
    private readonly reportingInstance: string,
  ) {
    this.api = kubeConfig.makeApiClient(EventsV1Api);
  }

  async record(about: TicketEventObject, event: RecordedEvent): Promise<void> {
    const { name, namespace, uid, resourceVersion } = about.metadata;
    const body: EventsV1Event = {
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
    await this.api.createNamespacedEvent({ namespace, body });
  }
}

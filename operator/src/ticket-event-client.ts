import type { KubeClient } from './kube/kube-client.js';
import { fieldManager, isNotFound } from './kube-errors.js';
import {
  cleanupFinalizer,
  type TicketEventObject,
  type TicketEventStatus,
  ticketEventApi,
} from './ticket-event.js';

const { kind, apiVersion } = ticketEventApi;

/** Reads TicketEvents and writes the parts the operator owns: its finalizer and the status. */
export class TicketEventClient {
  constructor(private readonly kube: KubeClient) {}

  async get(namespace: string, name: string): Promise<TicketEventObject | undefined> {
    try {
      return await this.kube.get<TicketEventObject>(ticketEventApi, { namespace, name });
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  /** Server-side apply of the finalizer; the uid makes it fail rather than recreate a deleted object. */
  async addFinalizer(event: TicketEventObject): Promise<void> {
    const { name, namespace, uid } = event.metadata;
    await this.kube.apply(
      ticketEventApi,
      { namespace, name },
      { apiVersion, kind, metadata: { name, namespace, uid, finalizers: [cleanupFinalizer] } },
      { fieldManager, force: true, discardResponse: true },
    );
  }

  /** Removes only our finalizer, and only if it is still where we saw it (JSON patch test). */
  async removeFinalizer(event: TicketEventObject): Promise<void> {
    const { name, namespace } = event.metadata;
    const index = (event.metadata.finalizers ?? []).indexOf(cleanupFinalizer);
    if (index < 0) return;
    try {
      await this.kube.jsonPatch(
        ticketEventApi,
        { namespace, name },
        [
          { op: 'test', path: `/metadata/finalizers/${index}`, value: cleanupFinalizer },
          { op: 'remove', path: `/metadata/finalizers/${index}` },
        ],
        { discardResponse: true },
      );
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }

  /** Server-side apply of the whole status: fields the operator no longer sets are dropped. */
  async applyStatus(event: TicketEventObject, status: TicketEventStatus): Promise<void> {
    const { name, namespace } = event.metadata;
    await this.kube.apply(
      ticketEventApi,
      { namespace, name, subresource: 'status' },
      { apiVersion, kind, metadata: { name, namespace }, status },
      { fieldManager, force: true, discardResponse: true },
    );
  }
}

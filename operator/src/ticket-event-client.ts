import { CustomObjectsApi, type KubeConfig, PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { fieldManager, isNotFound } from './kube-errors.js';
import {
  cleanupFinalizer,
  type TicketEventObject,
  type TicketEventStatus,
  ticketEventApi,
} from './ticket-event.js';

const { group, version, plural, kind, apiVersion } = ticketEventApi;
const applyPatch = setHeaderOptions('Content-Type', PatchStrategy.ServerSideApply);
const jsonPatch = setHeaderOptions('Content-Type', PatchStrategy.JsonPatch);

/** Reads TicketEvents and writes the parts the operator owns: its finalizer and the status. */
export class TicketEventClient {
  private readonly api: CustomObjectsApi;

  constructor(kubeConfig: KubeConfig) {
    this.api = kubeConfig.makeApiClient(CustomObjectsApi);
  }

  async get(namespace: string, name: string): Promise<TicketEventObject | undefined> {
    try {
      return (await this.api.getNamespacedCustomObject({
        group,
        version,
        namespace,
        plural,
        name,
      })) as TicketEventObject;
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async list(
    namespace?: string,
  ): Promise<{ items: TicketEventObject[]; metadata?: { resourceVersion?: string } }> {
    const list = namespace
      ? await this.api.listNamespacedCustomObject({ group, version, namespace, plural })
      : await this.api.listClusterCustomObject({ group, version, plural });
    return list as { items: TicketEventObject[]; metadata?: { resourceVersion?: string } };
  }

  /** Server-side apply of the finalizer; the uid makes it fail rather than recreate a deleted object. */
  async addFinalizer(event: TicketEventObject): Promise<void> {
    const { name, namespace, uid } = event.metadata;
    await this.api.patchNamespacedCustomObject(
      {
        group,
        version,
        namespace,
        plural,
        name,
        body: { apiVersion, kind, metadata: { name, namespace, uid, finalizers: [cleanupFinalizer] } },
        fieldManager,
        force: true,
      },
      applyPatch,
    );
  }

  /** Removes only our finalizer, and only if it is still where we saw it (JSON patch test). */
  async removeFinalizer(event: TicketEventObject): Promise<void> {
    const { name, namespace } = event.metadata;
    const index = (event.metadata.finalizers ?? []).indexOf(cleanupFinalizer);
    if (index < 0) return;
    try {
      await this.api.patchNamespacedCustomObject(
        {
          group,
          version,
          namespace,
          plural,
          name,
          body: [
            { op: 'test', path: `/metadata/finalizers/${index}`, value: cleanupFinalizer },
            { op: 'remove', path: `/metadata/finalizers/${index}` },
          ],
        },
        jsonPatch,
      );
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }

  /** Server-side apply of the whole status: fields the operator no longer sets are dropped. */
  async applyStatus(event: TicketEventObject, status: TicketEventStatus): Promise<void> {
    const { name, namespace } = event.metadata;
    await this.api.patchNamespacedCustomObjectStatus(
      {
        group,
        version,
        namespace,
        plural,
        name,
        body: { apiVersion, kind, metadata: { name, namespace }, status },
        fieldManager,
        force: true,
      },
      applyPatch,
    );
  }
}

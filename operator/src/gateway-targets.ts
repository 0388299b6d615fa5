import { DiscoveryV1Api, type KubeConfig } from '@kubernetes/client-node';
import { BookingHealthError } from './booking-health-source.js';

/** Resolves the /metrics URLs of the gateway pods serving a namespace. */
export type GatewayTargets = (namespace: string) => Promise<readonly string[]>;

/** Fixed URLs (the local stack's gateway on the host); the same for every namespace. */
export function staticTargets(urls: readonly string[]): GatewayTargets {
  return async () => urls;
}

const hostOf = (address: string) => (address.includes(':') ? `[${address}]` : address);

/**
 * The ready endpoints of a Service in the TicketEvent's namespace, from its EndpointSlices: one URL per
 * gateway pod, so every pod's counters are read, not whichever one the Service's address lands on.
 */
export function serviceEndpointTargets(
  kubeConfig: KubeConfig,
  options: { readonly service: string; readonly path?: string },
): GatewayTargets {
  const discovery = kubeConfig.makeApiClient(DiscoveryV1Api);
  return async (namespace) => {
    let slices: Awaited<ReturnType<DiscoveryV1Api['listNamespacedEndpointSlice']>>;
    try {
      slices = await discovery.listNamespacedEndpointSlice({
        namespace,
        labelSelector: `kubernetes.io/service-name=${options.service}`,
      });
    } catch (error) {
      throw new BookingHealthError(
        `could not list the endpoints of ${namespace}/${options.service}: ${(error as Error).message}`,
      );
    }
    const urls = new Set<string>();
    for (const slice of slices.items) {
      const port = slice.ports?.[0]?.port;
      if (!port) continue;
      for (const endpoint of slice.endpoints) {
        if (endpoint.conditions?.ready === false) continue;
        for (const address of endpoint.addresses)
          urls.add(`http://${hostOf(address)}:${port}${options.path ?? '/metrics'}`);
      }
    }
    return [...urls].sort();
  };
}

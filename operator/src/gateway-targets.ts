import { BookingHealthError } from './booking-health-source.js';
import type { KubeClient, ObjectList } from './kube/kube-client.js';
import { resourceTypes } from './kube/resource-path.js';
import { describeKubeError } from './kube-errors.js';

/** Resolves the /metrics URLs of the gateway pods serving a namespace. */
export type GatewayTargets = (namespace: string) => Promise<readonly string[]>;

/** Fixed URLs (the local stack's gateway on the host); the same for every namespace. */
export function staticTargets(urls: readonly string[]): GatewayTargets {
  return async () => urls;
}

/** The parts of a discovery.k8s.io/v1 EndpointSlice read here. */
interface EndpointSlice {
  ports?: { port?: number }[] | null;
  endpoints: { addresses: string[]; conditions?: { ready?: boolean | null } }[];
}

const hostOf = (address: string) => (address.includes(':') ? `[${address}]` : address);

/**
 * The ready endpoints of a Service in the TicketEvent's namespace, from its EndpointSlices: one URL per
 * gateway pod, so every pod's counters are read, not whichever one the Service's address lands on.
 */
export function serviceEndpointTargets(
  kube: KubeClient,
  options: { readonly service: string; readonly path?: string },
): GatewayTargets {
  return async (namespace) => {
    let slices: ObjectList<EndpointSlice>;
    try {
      slices = await kube.list<EndpointSlice>(resourceTypes.endpointSlices, {
        namespace,
        labelSelector: `kubernetes.io/service-name=${options.service}`,
      });
    } catch (error) {
      throw new BookingHealthError(
        `could not list the endpoints of ${namespace}/${options.service}: ${describeKubeError(error)}`,
      );
    }
    const urls = new Set<string>();
    for (const slice of slices.items) {
      const port = slice.ports?.[0]?.port;
      if (!port) continue;
      for (const endpoint of slice.endpoints ?? []) {
        if (endpoint.conditions?.ready === false) continue;
        for (const address of endpoint.addresses)
          urls.add(`http://${hostOf(address)}:${port}${options.path ?? '/metrics'}`);
      }
    }
    return [...urls].sort();
  };
}

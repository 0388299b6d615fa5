/** A kind of object the apiserver serves, as its REST path names it. */
export interface ResourceType {
  /** '' for the core group (`/api/v1`). */
  readonly group: string;
  readonly version: string;
  readonly plural: string;
}

export const resourceTypes = {
  namespaces: { group: '', version: 'v1', plural: 'namespaces' },
  events: { group: 'events.k8s.io', version: 'v1', plural: 'events' },
  leases: { group: 'coordination.k8s.io', version: 'v1', plural: 'leases' },
  horizontalPodAutoscalers: { group: 'autoscaling', version: 'v2', plural: 'horizontalpodautoscalers' },
  endpointSlices: { group: 'discovery.k8s.io', version: 'v1', plural: 'endpointslices' },
  customResourceDefinitions: {
    group: 'apiextensions.k8s.io',
    version: 'v1',
    plural: 'customresourcedefinitions',
  },
} as const satisfies Record<string, ResourceType>;

/** Which object (or collection, without a name) of a type, and which subresource of it. */
export interface ObjectRef {
  /** Absent for cluster-scoped objects, and for a list across all namespaces. */
  readonly namespace?: string | undefined;
  readonly name?: string | undefined;
  readonly subresource?: 'status' | undefined;
}

/** The REST path, e.g. /apis/urr.guru/v1alpha1/namespaces/sales/ticketevents/night/status. */
export function resourcePath(type: ResourceType, ref: ObjectRef = {}): string {
  const segments = [type.group ? `/apis/${type.group}/${type.version}` : `/api/${type.version}`];
  if (ref.namespace) segments.push('namespaces', encodeURIComponent(ref.namespace));
  segments.push(type.plural);
  if (ref.name) segments.push(encodeURIComponent(ref.name));
  if (ref.name && ref.subresource) segments.push(ref.subresource);
  return segments.join('/');
}

/** A query string of the parameters that have a value (`?a=1&b=x`), or '' when none has. */
export function queryString(parameters: Record<string, string | number | boolean | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(parameters))
    if (value !== undefined) search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

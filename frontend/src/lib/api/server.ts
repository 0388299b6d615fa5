import { createApi } from './client';

/**
 * The client for server components (public catalogue reads). It calls the gateway directly: in the cluster
 * the frontend reaches it by its service name, locally on 127.0.0.1:3001.
 */
export function serverApi() {
  return createApi({
    baseUrl: (process.env.GATEWAY_URL ?? 'http://127.0.0.1:3001').replace(/\/+$/, ''),
    timeoutMs: 5_000,
  });
}

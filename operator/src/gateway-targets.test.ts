import { DiscoveryV1Api } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BookingHealthError } from './booking-health-source.js';
import { serviceEndpointTargets } from './gateway-targets.js';
import { KubeClient } from './kube/kube-client.js';
import { loadKubeConfig } from './kube/kube-config.js';
import { OperatorTestEnv } from './test-support.js';

const env = new OperatorTestEnv();
beforeAll(() => env.setUp());
afterAll(() => env.tearDown());

describe('the gateway pods to scrape, from the EndpointSlices of its Service on the real apiserver', () => {
  it('lists every ready endpoint of the Service in the namespace, and nothing of other Services', async () => {
    const discovery = env.kubeConfig.makeApiClient(DiscoveryV1Api);
    const slice = (name: string, service: string, endpoints: { ip: string; ready: boolean }[]) =>
      discovery.createNamespacedEndpointSlice({
        namespace: env.namespace,
        body: {
          metadata: { name, labels: { 'kubernetes.io/service-name': service } },
          addressType: name.includes('v6') ? 'IPv6' : 'IPv4',
          ports: [{ name: 'http', port: 3001, protocol: 'TCP' }],
          endpoints: endpoints.map(({ ip, ready }) => ({ addresses: [ip], conditions: { ready } })),
        },
      });
    await slice('gateway-service-a', 'gateway-service', [
      { ip: '10.42.0.7', ready: true },
      { ip: '10.42.0.8', ready: false },
    ]);
    await slice('gateway-service-v6', 'gateway-service', [{ ip: 'fd00::9', ready: true }]);
    await slice('ticket-service-a', 'ticket-service', [{ ip: '10.42.0.20', ready: true }]);

    const targets = serviceEndpointTargets(env.kube, { service: 'gateway-service' });
    expect(await targets(env.namespace)).toEqual([
      'http://10.42.0.7:3001/metrics',
      'http://[fd00::9]:3001/metrics',
    ]);
    expect(await targets('default-but-empty-of-gateways-xyz')).toEqual([]);
  });

  it('turns an apiserver refusal into a BookingHealthError', async () => {
    const unreachable = new KubeClient({ ...loadKubeConfig(), server: 'https://127.0.0.1:1' });
    const targets = serviceEndpointTargets(unreachable, { service: 'gateway-service' });
    await expect(targets(env.namespace)).rejects.toBeInstanceOf(BookingHealthError);
    unreachable.destroy();
  });
});

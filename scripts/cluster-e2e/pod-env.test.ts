import { describe, expect, it } from 'vitest';
import { parseAppsList, podEnv } from './pod-env.js';

const apps = parseAppsList(`
# name port entry [VAR=value ...]
auth      3005 services/auth/src/main.ts      DATABASE_URL=postgres://urr@127.0.0.1:15432/auth_db
catalog   3009 services/catalog/src/main.ts   DATABASE_URL=postgres://urr@127.0.0.1:15432/catalog_db AUTH_URL=http://127.0.0.1:3005
test-psp  3099 services/payment/src/test-psp/main.ts
worker    -    lambdas/worker/src/main.ts
`);

describe('podEnv', () => {
  it("points servers at the node's address, every app's URL at its Service, and drops host-only settings", () => {
    const catalog = apps.find((a) => a.name === 'catalog');
    if (!catalog) throw new Error('no catalog');
    const env = podEnv({
      app: catalog,
      apps,
      sharedEnv: {
        REDIS_URL: 'redis://127.0.0.1:16379',
        KAFKA_BROKERS: '127.0.0.1:19092',
        KUBECONFIG: '/tmp/kubeconfig',
        ELSEWHERE: 'http://127.0.0.1:9999',
      },
      nodeIp: '10.244.0.1',
      serverPorts: new Map([
        [15432, 15432],
        [16379, 16379],
        [19092, 19095],
      ]),
    });
    expect(env).toEqual({
      AUTH_URL: 'http://auth:3005',
      CATALOG_URL: 'http://catalog:3009',
      PSP_URL: 'http://test-psp:3099',
      REDIS_URL: 'redis://10.244.0.1:16379',
      KAFKA_BROKERS: '10.244.0.1:19095',
      ELSEWHERE: 'http://127.0.0.1:9999',
      DATABASE_URL: 'postgres://urr@10.244.0.1:15432/catalog_db',
      PORT: '3009',
    });
  });

  it('reads an app without an HTTP port', () => {
    expect(apps.find((a) => a.name === 'worker')).toEqual({
      name: 'worker',
      port: undefined,
      entry: 'lambdas/worker/src/main.ts',
      env: {},
    });
  });
});

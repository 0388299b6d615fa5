import { describe, expect, it } from 'vitest';
import { crdSchemaFindings } from './crd-schemas.js';
import { synthAll } from './test-support.js';

const rolloutOf = (strategy: Record<string, unknown>) => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Rollout',
  metadata: { name: 'gateway-service' },
  spec: {
    selector: { matchLabels: { app: 'gateway' } },
    template: {
      metadata: { labels: { app: 'gateway' } },
      spec: { containers: [{ name: 'gateway', image: 'x' }] },
    },
    strategy,
  },
});

describe("the add-ons' objects in the render, against their CRDs' schemas", () => {
  it('every checked object of the render validates', () => {
    const render = Object.values(synthAll()).flat();
    expect(render.some((object) => object.kind === 'Rollout')).toBe(true);
    expect(render.some((object) => object.kind === 'Application')).toBe(true);
    expect(crdSchemaFindings(render)).toEqual([]);
  });

  it('a wrong type in an Application names the field', () => {
    const findings = crdSchemaFindings([
      {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Application',
        metadata: { name: 'urr-services' },
        spec: {
          project: 'urr',
          destination: { namespace: 'urr' },
          source: { repoURL: 'https://git.example.com/urr.git' },
          syncPolicy: { automated: { prune: 'yes' } },
        },
      } as never,
    ]);
    expect(findings).toEqual([
      {
        kind: 'Application',
        name: 'urr-services',
        path: '/spec/syncPolicy/automated/prune',
        message: 'must be boolean',
      },
    ]);
  });

  it('a Rollout without its active Service, and a blue-green field of the wrong type, name the paths', () => {
    expect(crdSchemaFindings([rolloutOf({ blueGreen: { previewService: 'p' } }) as never])).toEqual([
      expect.objectContaining({
        path: '/spec/strategy/blueGreen',
        message: 'must have required property activeService',
      }),
    ]);
    expect(
      crdSchemaFindings([
        rolloutOf({ blueGreen: { activeService: 'a', autoPromotionEnabled: 'no' } }) as never,
      ]),
    ).toEqual([expect.objectContaining({ path: '/spec/strategy/blueGreen/autoPromotionEnabled' })]);
  });

  it('an ExternalSecret entry without remoteRef, and a kind of a checked group with no schema, are findings', () => {
    const findings = crdSchemaFindings([
      {
        apiVersion: 'external-secrets.io/v1',
        kind: 'ExternalSecret',
        metadata: { name: 'urr-redis' },
        spec: {
          secretStoreRef: { name: 'aws', kind: 'ClusterSecretStore' },
          data: [{ secretKey: 'REDIS_URL' }],
        },
      } as never,
      { apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', metadata: { name: 'w' } },
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'not-checked-here' } },
    ]);
    expect(findings.map((f) => [f.kind, f.path])).toEqual([
      ['ExternalSecret', '/spec/data/0'],
      ['Workflow', ''],
    ]);
    expect(findings[0]?.message).toContain('remoteRef');
    expect(findings[1]?.message).toContain('no CRD schema for argoproj.io/v1alpha1 Workflow');
  });
});

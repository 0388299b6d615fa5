import {
  ApiextensionsV1Api,
  AutoscalingV2Api,
  CustomObjectsApi,
  KubeConfig,
  type V1CustomResourceDefinition,
} from '@kubernetes/client-node';
import { afterAll, describe, expect, it } from 'vitest';

const group = 'smoke.urr.guru';
const plural = 'widgets';
const namespace = 'default';

const crd: V1CustomResourceDefinition = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: `${plural}.${group}` },
  spec: {
    group,
    scope: 'Namespaced',
    names: { plural, singular: 'widget', kind: 'Widget' },
    versions: [
      {
        name: 'v1',
        served: true,
        storage: true,
        schema: {
          openAPIV3Schema: {
            type: 'object',
            properties: { spec: { type: 'object', properties: { size: { type: 'integer', minimum: 1 } } } },
          },
        },
      },
    ],
  },
};

async function eventually<T>(attempt: () => Promise<T>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

describe('kube-apiserver smoke test', () => {
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromDefault();
  const extensions = kubeConfig.makeApiClient(ApiextensionsV1Api);
  const customObjects = kubeConfig.makeApiClient(CustomObjectsApi);
  const autoscaling = kubeConfig.makeApiClient(AutoscalingV2Api);
  const hpaName = `smoke-hpa-${process.pid}`;

  afterAll(async () => {
    await autoscaling
      .deleteNamespacedHorizontalPodAutoscaler({ name: hpaName, namespace })
      .catch(() => undefined);
    await extensions.deleteCustomResourceDefinition({ name: crd.metadata!.name! }).catch(() => undefined);
  });

  it('applies a CRD, then creates and reads back a custom resource', async () => {
    await extensions.deleteCustomResourceDefinition({ name: crd.metadata!.name! }).catch(() => undefined);
    await eventually(() => extensions.createCustomResourceDefinition({ body: crd }));
    const name = `widget-${process.pid}`;
    await eventually(() =>
      customObjects.createNamespacedCustomObject({
        group,
        version: 'v1',
        namespace,
        plural,
        body: { apiVersion: `${group}/v1`, kind: 'Widget', metadata: { name }, spec: { size: 3 } },
      }),
    );
    const stored = (await customObjects.getNamespacedCustomObject({
      group,
      version: 'v1',
      namespace,
      plural,
      name,
    })) as {
      spec: { size: number };
    };
    expect(stored.spec.size).toBe(3);
    await expect(
      customObjects.createNamespacedCustomObject({
        group,
        version: 'v1',
        namespace,
        plural,
        body: {
          apiVersion: `${group}/v1`,
          kind: 'Widget',
          metadata: { name: `${name}-bad` },
          spec: { size: 0 },
        },
      }),
    ).rejects.toMatchObject({ code: 422 });
  });

  it('creates an autoscaling/v2 HorizontalPodAutoscaler', async () => {
    await autoscaling.createNamespacedHorizontalPodAutoscaler({
      namespace,
      body: {
        metadata: { name: hpaName },
        spec: {
          scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'gateway-service' },
          minReplicas: 3,
          maxReplicas: 20,
          metrics: [
            {
              type: 'Resource',
              resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } },
            },
          ],
        },
      },
    });
    const hpa = await autoscaling.readNamespacedHorizontalPodAutoscaler({ name: hpaName, namespace });
    expect(hpa.spec?.minReplicas).toBe(3);
    expect(hpa.spec?.maxReplicas).toBe(20);
  });
});

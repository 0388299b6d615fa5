import { describe, expect, it } from 'vitest';
import { crdSources } from '../crd-schemas-sources.js';
import { placeholderAddonSettings } from './addon-settings.js';
import { helmAddons } from './helm-addons.js';

const settings = {
  ...placeholderAddonSettings('ap-northeast-2'),
  iamRoles: {
    prometheus: 'arn:aws:iam::123456789012:role/prometheus',
    'load-balancer-controller': 'arn:aws:iam::123456789012:role/alb',
    'external-dns': 'arn:aws:iam::123456789012:role/dns',
    'external-secrets': 'arn:aws:iam::123456789012:role/eso',
    karpenter: 'arn:aws:iam::123456789012:role/karpenter',
  },
};
const addons = helmAddons(settings, 'ap-northeast-2');
const addon = (name: string) => {
  const found = addons.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no add-on ${name}`);
  return found;
};
// biome-ignore lint/suspicious/noExplicitAny: Helm values are free-form; the tests walk them
const valuesOf = (name: string) => addon(name).values as any;
const irsa = (arn: string) => ({ 'eks.amazonaws.com/role-arn': arn });

describe('the add-on charts', () => {
  it('pins every chart to one version, and syncs every add-on before URR (wave -2)', () => {
    expect(Object.fromEntries(addons.map((a) => [a.name, a.version]))).toEqual({
      'argo-cd': '9.4.1',
      'metrics-server': '3.13.0',
      'external-secrets': '1.3.2',
      karpenter: '1.15.2',
      'argo-rollouts': '2.41.1',
      'aws-load-balancer-controller': '1.13.3',
      'external-dns': '1.18.0',
      'kube-prometheus-stack': '77.6.2',
      loki: '6.40.0',
      'fluent-bit': '0.54.0',
      zipkin: '0.4.0',
    });
    for (const { name, version, syncWave } of addons) {
      expect(version, name).toMatch(/^\d+\.\d+\.\d+$/);
      expect(syncWave, name).toBeLessThan(-2);
    }
  });

  it('runs the controllers whose CRD schemas are vendored at the vendored versions', () => {
    const vendored = (name: string) => crdSources.find((source) => source.name === name)?.version;
    // External Secrets' and Karpenter's chart versions are their controllers' versions.
    expect(`v${addon('external-secrets').version}`).toBe(vendored('external-secrets'));
    expect(`v${addon('karpenter').version}`).toBe(vendored('karpenter'));
  });

  it('gives each AWS-calling add-on its IRSA role', () => {
    expect(valuesOf('aws-load-balancer-controller').serviceAccount.annotations).toEqual(
      irsa(settings.iamRoles['load-balancer-controller']),
    );
    expect(valuesOf('external-dns').serviceAccount.annotations).toEqual(
      irsa(settings.iamRoles['external-dns']),
    );
    expect(valuesOf('external-secrets').serviceAccount).toMatchObject({
      name: 'external-secrets',
      annotations: irsa(settings.iamRoles['external-secrets']),
    });
    expect(valuesOf('karpenter').serviceAccount.annotations).toEqual(irsa(settings.iamRoles.karpenter));
    expect(valuesOf('kube-prometheus-stack').prometheus.serviceAccount).toMatchObject({
      name: 'prometheus',
      annotations: irsa(settings.iamRoles.prometheus),
    });
  });

  it('leaves the service account without a role when none is set', () => {
    const bare = helmAddons(placeholderAddonSettings('ap-northeast-2'), 'ap-northeast-2');
    const karpenter = bare.find((a) => a.name === 'karpenter')?.values as { serviceAccount: object };
    expect(karpenter.serviceAccount).toEqual({ create: true, name: 'karpenter', annotations: {} });
  });

  it('remote-writes Prometheus to AMP with SigV4, loads dashboards by label, and runs Alertmanager', () => {
    const values = valuesOf('kube-prometheus-stack');
    expect(values.prometheus.prometheusSpec.remoteWrite).toEqual([
      expect.objectContaining({ url: settings.ampRemoteWriteUrl, sigv4: { region: 'ap-northeast-2' } }),
    ]);
    expect(values.prometheus.prometheusSpec.serviceMonitorSelectorNilUsesHelmValues).toBe(false);
    expect(values.grafana.sidecar.dashboards).toMatchObject({
      enabled: true,
      label: 'grafana_dashboard',
      searchNamespace: 'ALL',
    });
    expect(values.alertmanager.enabled).toBe(true);
  });

  it('points the Load Balancer Controller, external-dns and Karpenter at this cluster', () => {
    expect(valuesOf('aws-load-balancer-controller')).toMatchObject({
      clusterName: 'urr',
      region: 'ap-northeast-2',
    });
    expect(valuesOf('external-dns')).toMatchObject({
      provider: { name: 'aws' },
      domainFilters: ['urr.example.com'],
      txtOwnerId: 'urr',
      policy: 'upsert-only',
    });
    expect(valuesOf('karpenter').settings).toEqual({
      clusterName: 'urr',
      interruptionQueue: 'urr-karpenter-interruptions',
    });
  });

  it('ships the logs to Loki and serves Zipkin where the pods send their spans', () => {
    expect(valuesOf('loki')).toMatchObject({ deploymentMode: 'SingleBinary', singleBinary: { replicas: 1 } });
    expect(valuesOf('fluent-bit').config.outputs).toContain('Name loki');
    expect(valuesOf('fluent-bit').config.outputs).toContain('Host loki.monitoring.svc.cluster.local');
    expect(addon('zipkin')).toMatchObject({
      namespace: 'monitoring',
      values: { fullnameOverride: 'zipkin' },
    });
  });

  it('installs the CRDs with the External Secrets and Argo Rollouts charts and checks child Applications health', () => {
    expect(valuesOf('external-secrets').installCRDs).toBe(true);
    expect(valuesOf('argo-rollouts').installCRDs).toBe(true);
    expect(
      valuesOf('argo-cd').configs.cm['resource.customizations.health.argoproj.io_Application'],
    ).toContain('obj.status.health.status');
  });

  it('sets every pod of every chart a request (the capacity test adds them up)', () => {
    for (const { name, pods } of addons) {
      expect(pods.length, name).toBeGreaterThan(0);
      for (const pod of pods)
        expect(JSON.stringify(addon(name).values), `${name} ${pod.component}`).toContain(pod.cpu);
    }
  });
});

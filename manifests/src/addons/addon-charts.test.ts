import {
  databaseAdminSecretName,
  generatedSecrets,
  providedSecrets,
  serviceDatabases,
} from '@urr/infra/data/data-stack';
import { Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { defineUrrCharts } from '../charts.js';
import { crdSchemaFindings } from '../crd-schemas.js';
import { type ManifestObject, testSettings } from '../test-support.js';
import { secretRefsOf } from './external-secrets.js';

function render(settings = testSettings) {
  const charts = defineUrrCharts(Testing.app(), settings);
  const objects = (chart: keyof typeof charts) => Testing.synth(charts[chart]) as ManifestObject[];
  return {
    operator: objects('operator'),
    services: objects('services'),
    clusterAddons: objects('clusterAddons'),
    argocd: objects('argocd'),
    root: objects('root'),
  };
}

const files = render();
const ofKind = (objects: readonly ManifestObject[], kind: string) => objects.filter((o) => o.kind === kind);

/** The keys the ExternalSecret of `name` renders into its Secret. */
const producedKeys = (secret: ManifestObject) => Object.keys(secret.spec.target.template.data).sort();

describe('ExternalSecrets', () => {
  for (const file of ['services', 'operator'] as const)
    it(`produce exactly the Secrets and keys the ${file} pods read, in their namespace`, () => {
      const read = secretRefsOf(files[file]);
      expect(read.size).toBeGreaterThan(0);
      const external = ofKind(files[file], 'ExternalSecret');
      expect(new Map(external.map((secret) => [secret.spec.target.name, producedKeys(secret)]))).toEqual(
        read,
      );
      const namespace = files[file].find((o) => o.kind === 'Namespace')?.metadata.name;
      for (const secret of external) {
        expect(secret.metadata.namespace).toBe(namespace);
        expect(secret.spec.secretStoreRef).toEqual({
          kind: 'ClusterSecretStore',
          name: 'aws-secrets-manager',
        });
      }
    });

  it('sync before everything that reads their Secrets: the database bootstrap hook, then the workloads', () => {
    const waveOf = (o: { metadata: { annotations?: Record<string, string> } }) =>
      Number(o.metadata.annotations?.['argocd.argoproj.io/sync-wave'] ?? 0);
    const secretWaves = ofKind(files.services, 'ExternalSecret').map(waveOf);
    const bootstrap = ofKind(files.services, 'Job')[0]!;
    expect(bootstrap.metadata.annotations?.['argocd.argoproj.io/hook']).toBe('Sync');
    expect(Math.max(...secretWaves)).toBeLessThan(waveOf(bootstrap));
    for (const workload of [...ofKind(files.services, 'Deployment'), ...ofKind(files.services, 'Rollout')])
      expect(waveOf(workload)).toBeGreaterThan(waveOf(bootstrap));
  });

  it('read only entries the CDK data stack creates in Secrets Manager', () => {
    const created = new Set([
      ...generatedSecrets.map((name) => `urr/${name}`),
      ...providedSecrets.map((name) => `urr/${name}`),
      ...Object.keys(serviceDatabases).map((service) => `urr/database/${service}`),
      'urr/redis-auth-token',
      databaseAdminSecretName,
    ]);
    const read = [
      ...ofKind(files.services, 'ExternalSecret'),
      ...ofKind(files.operator, 'ExternalSecret'),
    ].flatMap((secret) => [
      ...(secret.spec.data ?? []).map((entry: { remoteRef: { key: string } }) => entry.remoteRef.key),
      ...(secret.spec.dataFrom ?? []).map((entry: { extract: { key: string } }) => entry.extract.key),
    ]);
    expect(read.length).toBeGreaterThan(0);
    expect(read.filter((key) => !created.has(key))).toEqual([]);
  });

  it('builds the database URLs from the service login through RDS Proxy and the replica, with TLS', () => {
    const stats = ofKind(files.services, 'ExternalSecret').find(
      (s) => s.metadata.name === 'stats-service-database',
    );
    expect(stats?.spec.dataFrom).toEqual([{ extract: { key: 'urr/database/stats-service' } }]);
    expect(stats?.spec.target.template.data.DATABASE_URL).toBe(
      'postgres://{{ .username }}:{{ .password }}@urr-postgres.proxy-000000000000.ap-northeast-2.rds.amazonaws.com:5432/{{ .dbname }}?sslmode=require',
    );
    expect(stats?.spec.target.template.data.DATABASE_REPLICA_URL).toContain('urr-postgres-replica.');
  });

  it('leaves the AWS emulator credentials of the local render to its stand-ins', () => {
    const local = render({
      ...testSettings,
      awsEndpointUrl: 'http://aws.urr-outside.svc.cluster.local:4566',
    });
    expect(secretRefsOf(local.services).has('urr-aws-emulator')).toBe(true);
    expect(ofKind(local.services, 'ExternalSecret').map((s) => s.metadata.name)).not.toContain(
      'urr-aws-emulator',
    );
  });
});

describe('the app-of-apps root', () => {
  it('is the only object of its file and syncs the file of every other Application', () => {
    expect(files.root).toHaveLength(1);
    const [root] = files.root;
    expect(root?.kind).toBe('Application');
    expect(root?.spec.project).toBe('default');
    expect(root?.spec.source.directory).toEqual({ include: 'urr-argocd.k8s.yaml' });
    expect(root?.spec.syncPolicy.automated).toEqual({ prune: true, selfHeal: true });
  });

  it("keeps URR's Applications and syncs every add-on in an earlier wave", () => {
    const applications = ofKind(files.argocd, 'Application');
    const waveOf = (name: string) =>
      Number(
        applications.find((a) => a.metadata.name === name)?.metadata.annotations?.[
          'argocd.argoproj.io/sync-wave'
        ],
      );
    expect(applications.map((a) => a.metadata.name)).toEqual(
      expect.arrayContaining([
        'urr-crds',
        'urr-operator',
        'urr-services',
        'urr-cluster-addons',
        'argo-cd',
        'karpenter',
      ]),
    );
    const urrFirst = Math.min(waveOf('urr-crds'), waveOf('urr-operator'), waveOf('urr-services'));
    for (const application of applications.filter((a) => a.spec.project === 'urr-addons'))
      expect(waveOf(application.metadata.name), application.metadata.name).toBeLessThan(urrFirst);
    // The secret store and the node pool need their controllers' CRDs, which their charts install.
    expect(waveOf('urr-cluster-addons')).toBeGreaterThan(waveOf('external-secrets'));
    expect(waveOf('urr-cluster-addons')).toBeGreaterThan(waveOf('karpenter'));
  });

  it("lets the add-ons' project read their chart repositories and nothing lets URR's project create cluster kinds at will", () => {
    const projects = ofKind(files.argocd, 'AppProject');
    const addons = projects.find((p) => p.metadata.name === 'urr-addons');
    const urr = projects.find((p) => p.metadata.name === 'urr');
    for (const application of ofKind(files.argocd, 'Application').filter(
      (a) => a.spec.project === 'urr-addons',
    )) {
      expect(addons?.spec.sourceRepos).toContain(application.spec.source.repoURL);
      expect(addons?.spec.destinations).toContainEqual(
        expect.objectContaining({ namespace: application.spec.destination.namespace }),
      );
    }
    expect(urr?.spec.clusterResourceWhitelist).not.toContainEqual({ group: '*', kind: '*' });
  });
});

describe('the cluster-wide add-on objects', () => {
  it("are a Secrets Manager store reached by the controller's IRSA role and a spot NodePool with limits", () => {
    const store = files.clusterAddons.find((o) => o.kind === 'ClusterSecretStore');
    expect(store?.spec.provider.aws).toEqual({
      service: 'SecretsManager',
      region: 'ap-northeast-2',
      auth: { jwt: { serviceAccountRef: { name: 'external-secrets', namespace: 'external-secrets' } } },
    });
    const pool = files.clusterAddons.find((o) => o.kind === 'NodePool');
    expect(pool?.spec.limits).toEqual({ cpu: '16', memory: '64Gi' });
    expect(pool?.spec.template.spec.requirements).toContainEqual({
      key: 'karpenter.sh/capacity-type',
      operator: 'In',
      values: ['spot'],
    });
  });

  it('validate against the vendored CRD schemas, and an unknown field does not', () => {
    const all = [
      ...files.clusterAddons,
      ...files.argocd,
      ...files.root,
      ...files.services,
      ...files.operator,
    ];
    expect(crdSchemaFindings(all)).toEqual([]);
    const pool = files.clusterAddons.find((o) => o.kind === 'NodePool') as ManifestObject;
    const broken = { ...pool, spec: { ...pool.spec, limit: { cpu: '16' } } };
    expect(crdSchemaFindings([broken])).toEqual([
      expect.objectContaining({
        kind: 'NodePool',
        path: 'spec.limit',
        message: expect.stringMatching(/not declared/),
      }),
    ]);
  });
});

import { Testing } from 'cdk8s';
import { describe, expect, it, vi } from 'vitest';
import { defineUrrCharts } from './charts.js';
import { compileVendoredSchema, crdSchemaFindings, vendoredKinds } from './crd-schemas.js';
import { isCheckedGroup } from './crd-schemas-sources.js';
import { type ManifestObject, testSettings } from './test-support.js';

/** Every chart the app defines, whichever area added it. */
function render(): ManifestObject[] {
  const app = Testing.app();
  defineUrrCharts(app, testSettings);
  return app.charts.flatMap((chart) => Testing.synth(chart) as ManifestObject[]);
}

const renderedObject = (kind: string, name: string): ManifestObject => {
  const object = render().find((candidate) => candidate.kind === kind && candidate.metadata.name === name);
  if (!object) throw new Error(`the render has no ${kind} ${name}`);
  return structuredClone(object);
};

const externalSecret = (data: Record<string, unknown>[]) => ({
  apiVersion: 'external-secrets.io/v1',
  kind: 'ExternalSecret',
  metadata: { name: 'ticket-service', namespace: 'urr' },
  spec: {
    refreshInterval: '1h',
    secretStoreRef: { kind: 'ClusterSecretStore', name: 'aws-secrets-manager' },
    target: { name: 'ticket-service', creationPolicy: 'Owner' },
    data,
  },
});

const spotNodePool = (operator: string) => ({
  apiVersion: 'karpenter.sh/v1',
  kind: 'NodePool',
  metadata: { name: 'spot' },
  spec: {
    template: {
      spec: {
        nodeClassRef: { group: 'karpenter.k8s.aws', kind: 'EC2NodeClass', name: 'default' },
        requirements: [{ key: 'karpenter.sh/capacity-type', operator, values: ['spot'] }],
        expireAfter: '720h',
      },
    },
    limits: { cpu: '16' },
    disruption: { consolidationPolicy: 'WhenEmptyOrUnderutilized', consolidateAfter: '1m' },
  },
});

const ec2NodeClass = {
  apiVersion: 'karpenter.k8s.aws/v1',
  kind: 'EC2NodeClass',
  metadata: { name: 'default' },
  spec: {
    role: 'KarpenterNodeRole-urr',
    amiSelectorTerms: [{ alias: 'al2023@latest' }],
    subnetSelectorTerms: [{ tags: { 'karpenter.sh/discovery': 'urr' } }],
    securityGroupSelectorTerms: [{ tags: { 'karpenter.sh/discovery': 'urr' } }],
  },
};

const serviceMonitor = (endpoint: Record<string, unknown>) => ({
  apiVersion: 'monitoring.coreos.com/v1',
  kind: 'ServiceMonitor',
  metadata: { name: 'gateway-service', namespace: 'monitoring', labels: { release: 'urr' } },
  spec: {
    selector: { matchLabels: { app: 'gateway' } },
    namespaceSelector: { matchNames: ['urr'] },
    endpoints: [{ port: 'http', path: '/metrics', ...endpoint }],
  },
});

describe("the render's add-on objects against their controllers' CRD schemas", () => {
  it('every object of a checked group in the render validates', () => {
    const checked = render().filter((object) => isCheckedGroup(object.apiVersion.split('/')[0] ?? ''));
    expect(checked.map((object) => object.kind)).toEqual(
      expect.arrayContaining(['Rollout', 'AnalysisTemplate', 'Application', 'AppProject']),
    );
    expect(crdSchemaFindings(checked)).toEqual([]);
  });

  it.each(vendoredKinds())('the vendored schema of %s compiles', (key) => {
    expect(compileVendoredSchema(key)).toBeTypeOf('function');
  });
});

describe('a field the CRD schema does not declare', () => {
  it("a misspelled field in the gateway's Rollout is named, with the field it resembles", () => {
    const rollout = renderedObject('Rollout', 'gateway-service');
    rollout.spec.strategy.blueGreen.autoPromotionEnabeld = false;
    expect(crdSchemaFindings([rollout])).toEqual([
      {
        kind: 'Rollout',
        name: 'gateway-service',
        path: 'spec.strategy.blueGreen.autoPromotionEnabeld',
        message: 'field not declared in the CRD schema (did you mean autoPromotionEnabled?)',
      },
    ]);
  });

  it("deep in the Rollout's pod template and in its metadata", () => {
    const rollout = renderedObject('Rollout', 'ticket-service');
    rollout.spec.template.spec.containers[0].readinessProbe.httpGett = { path: '/ready' };
    Object.assign(rollout.metadata, { annotaions: { 'a/b': 'c' } });
    expect(crdSchemaFindings([rollout]).map(({ path, message }) => [path, message])).toEqual([
      ['metadata.annotaions', 'field not declared in the CRD schema (did you mean annotations?)'],
      [
        'spec.template.spec.containers[0].readinessProbe.httpGett',
        'field not declared in the CRD schema (did you mean httpGet?)',
      ],
    ]);
  });

  it('in a ServiceMonitor endpoint; where the schema keeps unknown fields, any field passes', () => {
    expect(crdSchemaFindings([serviceMonitor({ interval: '15s' })])).toEqual([]);
    expect(crdSchemaFindings([serviceMonitor({ interva: '15s' })])).toEqual([
      expect.objectContaining({ path: 'spec.endpoints[0].interva' }),
    ]);
    const application = renderedObject('Application', 'urr-services');
    application.spec.source.helm = { valuesObject: { anything: { nested: [1, 'two'] } } };
    expect(crdSchemaFindings([application])).toEqual([]);
  });
});

describe('types, required fields and enums', () => {
  it("a wrong type in an Application's syncPolicy names the field", () => {
    const application = renderedObject('Application', 'urr-services');
    application.spec.syncPolicy.automated.prune = 'yes';
    expect(crdSchemaFindings([application])).toEqual([
      {
        kind: 'Application',
        name: 'urr-services',
        path: 'spec.syncPolicy.automated.prune',
        message: 'must be boolean',
      },
    ]);
  });

  it('an ExternalSecret entry without its remoteRef names the missing field', () => {
    const valid = externalSecret([
      { secretKey: 'DATABASE_URL', remoteRef: { key: 'urr/ticket', property: 'url' } },
    ]);
    expect(crdSchemaFindings([valid])).toEqual([]);
    expect(crdSchemaFindings([externalSecret([{ secretKey: 'DATABASE_URL' }])])).toEqual([
      {
        kind: 'ExternalSecret',
        name: 'ticket-service',
        path: 'spec.data[0].remoteRef',
        message: 'required field missing',
      },
    ]);
  });

  it("an int-or-string of another type, and a Karpenter requirement's operator outside the enum", () => {
    const rollout = renderedObject('Rollout', 'payment-service');
    rollout.spec.strategy.blueGreen.maxUnavailable = true;
    expect(crdSchemaFindings([rollout])).toEqual([
      expect.objectContaining({
        path: 'spec.strategy.blueGreen.maxUnavailable',
        message: 'must be integer or must be string',
      }),
    ]);
    expect(crdSchemaFindings([spotNodePool('In'), ec2NodeClass])).toEqual([]);
    const [finding] = crdSchemaFindings([spotNodePool('Inn')]);
    expect(finding?.path).toBe('spec.template.spec.requirements[0].operator');
    expect(finding?.message).toMatch(/^must be one of "In", "NotIn"/);
  });
});

describe('kinds and versions', () => {
  it('a kind of a checked group with no vendored schema, or a version no longer served, is a finding', () => {
    const findings = crdSchemaFindings([
      { apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', metadata: { name: 'w' } },
      { ...externalSecret([]), apiVersion: 'external-secrets.io/v1beta1' },
      { apiVersion: 'generators.external-secrets.io/v1alpha1', kind: 'Nope', metadata: { name: 'g' } },
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'not-checked-here' } },
    ]);
    expect(findings.map(({ kind, path }) => [kind, path])).toEqual([
      ['Workflow', ''],
      ['ExternalSecret', ''],
      ['Nope', ''],
    ]);
    expect(findings[0]?.message).toMatch(/^no vendored CRD schema serves argoproj\.io\/v1alpha1 Workflow/);
    expect(findings[1]?.message).toMatch(/^no vendored CRD schema serves external-secrets\.io\/v1beta1/);
  });
});

describe('the vendored files and their sources', () => {
  it('a source whose version changed without re-vendoring stops the check, saying what to run', async () => {
    vi.resetModules();
    vi.doMock('./crd-schemas-sources.js', async (original) => {
      const actual = await original<typeof import('./crd-schemas-sources.js')>();
      return {
        ...actual,
        crdSources: actual.crdSources.map((source) =>
          source.name === 'karpenter' ? { ...source, version: 'v9.9.9' } : source,
        ),
      };
    });
    const { crdSchemaFindings: withBumpedSource } = await import('./crd-schemas.js');
    expect(() => withBumpedSource([])).toThrow(
      /karpenter\.json holds github\.com\/aws\/karpenter-provider-aws@v1\.15\.2, .*v9\.9\.9: run npm run crd-schemas:vendor/,
    );
    vi.doUnmock('./crd-schemas-sources.js');
    vi.resetModules();
  });
});

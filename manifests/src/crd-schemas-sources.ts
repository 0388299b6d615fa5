/**
 * Where the vendored CRD schemas in `crd-schemas/` come from: the controllers' own Go modules, at the
 * versions URR deploys (docs/adr/0022-crd-schemas-checked-at-synth.md). `npm run crd-schemas:vendor`
 * re-reads them after a version changes here.
 */
export interface CrdSource {
  /** The vendored file, `crd-schemas/<name>.json`. */
  readonly name: string;
  readonly module: string;
  readonly version: string;
  /** Directories of the module holding the CRDs as YAML. */
  readonly directories: readonly string[];
}

export const crdSources: readonly CrdSource[] = [
  {
    name: 'argo-cd',
    module: 'github.com/argoproj/argo-cd/v3',
    version: 'v3.6.2',
    directories: ['manifests/crds'],
  },
  {
    name: 'argo-rollouts',
    module: 'github.com/argoproj/argo-rollouts',
    version: 'v1.10.1',
    directories: ['manifests/crds'],
  },
  {
    name: 'prometheus-operator',
    module: 'github.com/prometheus-operator/prometheus-operator',
    version: 'v0.85.0',
    directories: ['example/prometheus-operator-crd'],
  },
  {
    name: 'external-secrets',
    module: 'github.com/external-secrets/external-secrets',
    version: 'v1.3.2',
    directories: ['config/crds/bases'],
  },
  {
    name: 'karpenter',
    module: 'github.com/aws/karpenter-provider-aws',
    version: 'v1.15.2',
    directories: ['pkg/apis/crds'],
  },
];

/**
 * The API groups whose every object is checked: an object of one of them (or of a subgroup, such as
 * `generators.external-secrets.io`) with no vendored schema is itself a finding.
 */
export const checkedGroups = [
  'argoproj.io',
  'monitoring.coreos.com',
  'external-secrets.io',
  'karpenter.sh',
  'karpenter.k8s.aws',
] as const;

export const isCheckedGroup = (group: string) =>
  checkedGroups.some((checked) => group === checked || group.endsWith(`.${checked}`));

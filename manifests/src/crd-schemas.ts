import { Application } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1/Application';
import { ApplicationSet } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1/ApplicationSet';
import { AppProject } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1/AppProject';
import { AnalysisTemplate } from '@kubernetes-models/argo-rollouts/argoproj.io/v1alpha1/AnalysisTemplate';
import { ClusterAnalysisTemplate } from '@kubernetes-models/argo-rollouts/argoproj.io/v1alpha1/ClusterAnalysisTemplate';
import { Rollout } from '@kubernetes-models/argo-rollouts/argoproj.io/v1alpha1/Rollout';
import { ClusterSecretStore } from '@kubernetes-models/external-secrets/external-secrets.io/v1/ClusterSecretStore';
import { ExternalSecret } from '@kubernetes-models/external-secrets/external-secrets.io/v1/ExternalSecret';
import { SecretStore } from '@kubernetes-models/external-secrets/external-secrets.io/v1/SecretStore';
import { EC2NodeClass } from '@kubernetes-models/karpenter/karpenter.k8s.aws/v1/EC2NodeClass';
import { NodePool } from '@kubernetes-models/karpenter/karpenter.sh/v1/NodePool';
import { Alertmanager } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/Alertmanager';
import { PodMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PodMonitor';
import { Prometheus } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/Prometheus';
import { PrometheusRule } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule';
import { ServiceMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor';

/**
 * Objects of the add-ons' own kinds (Argo CD, Argo Rollouts, prometheus-operator, External Secrets,
 * Karpenter), checked at synth against the schemas of their CRDs that the `@kubernetes-models/*`
 * packages carry: types, required fields, enums. A field name the CRD does not have is caught by the
 * API server's strict dry run (apiserver-dry-run.test.ts) with the controllers' own CRDs
 * (docs/adr/0022-crd-schemas-checked-at-synth.md).
 */
export interface SchemaFinding {
  readonly kind: string;
  readonly name: string;
  /** JSON pointer into the object, '' for the object itself. */
  readonly path: string;
  readonly message: string;
}

export interface RenderedObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata?: { readonly name?: string };
}

interface Validating {
  validate(): void;
}
type ModelClass = new (data: never) => Validating;

const models: Readonly<Record<string, ModelClass>> = {
  'argoproj.io/v1alpha1 Application': Application,
  'argoproj.io/v1alpha1 AppProject': AppProject,
  'argoproj.io/v1alpha1 ApplicationSet': ApplicationSet,
  'argoproj.io/v1alpha1 Rollout': Rollout,
  'argoproj.io/v1alpha1 AnalysisTemplate': AnalysisTemplate,
  'argoproj.io/v1alpha1 ClusterAnalysisTemplate': ClusterAnalysisTemplate,
  'monitoring.coreos.com/v1 ServiceMonitor': ServiceMonitor,
  'monitoring.coreos.com/v1 PodMonitor': PodMonitor,
  'monitoring.coreos.com/v1 PrometheusRule': PrometheusRule,
  'monitoring.coreos.com/v1 Prometheus': Prometheus,
  'monitoring.coreos.com/v1 Alertmanager': Alertmanager,
  'external-secrets.io/v1 ExternalSecret': ExternalSecret,
  'external-secrets.io/v1 SecretStore': SecretStore,
  'external-secrets.io/v1 ClusterSecretStore': ClusterSecretStore,
  'karpenter.sh/v1 NodePool': NodePool,
  'karpenter.k8s.aws/v1 EC2NodeClass': EC2NodeClass,
};

/** The API groups whose every object must have a schema here: an unknown kind of them is a finding. */
export const checkedGroups = [
  'argoproj.io',
  'monitoring.coreos.com',
  'external-secrets.io',
  'karpenter.sh',
  'karpenter.k8s.aws',
] as const;

const groupOf = (apiVersion: string) => (apiVersion.includes('/') ? (apiVersion.split('/')[0] ?? '') : '');

/** ajv's text, `data/spec/x must be boolean, data/spec must have …`, one finding per error. */
function findingsOf(object: RenderedObject, error: unknown): SchemaFinding[] {
  const base = { kind: object.kind, name: object.metadata?.name ?? '?' };
  const text = error instanceof Error ? error.message : String(error);
  return text.split(/, (?=data[/ ])/).map((part) => {
    const match = /^data(\S*) (.*)$/s.exec(part);
    return match
      ? { ...base, path: match[1] ?? '', message: match[2] ?? part }
      : { ...base, path: '', message: part };
  });
}

/** The schema findings of every checked object of a render; empty when all of them validate. */
export function crdSchemaFindings(objects: readonly RenderedObject[]): SchemaFinding[] {
  const findings: SchemaFinding[] = [];
  for (const object of objects) {
    if (!(checkedGroups as readonly string[]).includes(groupOf(object.apiVersion))) continue;
    const Model = models[`${object.apiVersion} ${object.kind}`];
    if (!Model) {
      findings.push({
        kind: object.kind,
        name: object.metadata?.name ?? '?',
        path: '',
        message: `no CRD schema for ${object.apiVersion} ${object.kind} in manifests/src/crd-schemas.ts; add its @kubernetes-models class`,
      });
      continue;
    }
    try {
      new Model(object as never).validate();
    } catch (error) {
      findings.push(...findingsOf(object, error));
    }
  }
  return findings;
}

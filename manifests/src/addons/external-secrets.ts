import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import type { AddonSettings } from './addon-settings.js';
import { type KeySource, keySourceOf, locallyProvidedSecrets } from './secret-sources.js';

export const clusterSecretStoreName = 'aws-secrets-manager';
/** The External Secrets controller's service account, which the store authenticates as (IRSA). */
export const externalSecretsServiceAccount = { name: 'external-secrets', namespace: 'external-secrets' };

/** One key a container reads: `secretKeyRef` of an env entry. */
export interface SecretRef {
  readonly name: string;
  readonly key: string;
}

interface RenderedPodObject {
  readonly kind: string;
  readonly spec?: {
    readonly template?: {
      readonly spec?: {
        readonly containers?: readonly {
          readonly env?: readonly { readonly valueFrom?: { readonly secretKeyRef?: SecretRef } }[];
        }[];
        readonly initContainers?: readonly {
          readonly env?: readonly { readonly valueFrom?: { readonly secretKeyRef?: SecretRef } }[];
        }[];
      };
    };
  };
}

/** Every Secret name → its keys that the pods of a render read, sorted. */
export function secretRefsOf(objects: readonly unknown[]): Map<string, string[]> {
  const keys = new Map<string, Set<string>>();
  for (const object of objects as readonly RenderedPodObject[]) {
    const pod = object.spec?.template?.spec;
    for (const container of [...(pod?.containers ?? []), ...(pod?.initContainers ?? [])])
      for (const entry of container.env ?? []) {
        const ref = entry.valueFrom?.secretKeyRef;
        if (!ref) continue;
        keys.set(ref.name, (keys.get(ref.name) ?? new Set()).add(ref.key));
      }
  }
  return new Map(
    [...keys].sort(([a], [b]) => a.localeCompare(b)).map(([name, set]) => [name, [...set].sort()]),
  );
}

/** The AWS Secrets Manager store of the cluster, reached as the controller's IRSA role. */
export class AwsSecretStore extends Construct {
  constructor(scope: Construct, id: string, props: { region: string }) {
    super(scope, id);
    new ApiObject(this, 'store', {
      apiVersion: 'external-secrets.io/v1',
      kind: 'ClusterSecretStore',
      metadata: { name: clusterSecretStoreName, labels: { 'app.kubernetes.io/part-of': 'urr' } },
      spec: {
        provider: {
          aws: {
            service: 'SecretsManager',
            region: props.region,
            auth: { jwt: { serviceAccountRef: externalSecretsServiceAccount } },
          },
        },
      },
    });
  }
}

export interface ExternalSecretsProps {
  readonly namespace: string;
  /** The Secrets and keys to produce, as secretRefsOf reads them from the render. */
  readonly secrets: ReadonlyMap<string, readonly string[]>;
  readonly settings: AddonSettings;
}

/**
 * One ExternalSecret per Secret the pods read, producing exactly its keys from Secrets Manager (a
 * template renders each key, so the Secret holds those keys and no other field of the entries).
 */
export class ExternalSecrets extends Construct {
  constructor(scope: Construct, id: string, props: ExternalSecretsProps) {
    super(scope, id);
    for (const [name, keys] of props.secrets) {
      if (locallyProvidedSecrets.has(name)) continue;
      const sources = keys.map((key): [string, KeySource] => {
        const source = keySourceOf(name, key, props.settings);
        if (!source)
          throw new Error(
            `ExternalSecrets: no Secrets Manager entry for key ${key} of Secret ${name}; add it to infra's data stack and manifests/src/addons/secret-sources.ts`,
          );
        return [key, source];
      });
      const data = sources.flatMap(([key, source]) => {
        if (source.kind === 'entry')
          return [
            {
              secretKey: key,
              remoteRef: { key: source.remoteKey, ...(source.property ? { property: source.property } : {}) },
            },
          ];
        return 'as' in source.input
          ? [{ secretKey: source.input.as, remoteRef: { key: source.input.remoteKey } }]
          : [];
      });
      const extracted = [
        ...new Set(
          sources.flatMap(([, source]) =>
            source.kind === 'template' && 'extract' in source.input ? [source.input.extract] : [],
          ),
        ),
      ];
      new ApiObject(this, name, {
        apiVersion: 'external-secrets.io/v1',
        kind: 'ExternalSecret',
        metadata: {
          name,
          namespace: props.namespace,
          labels: { 'app.kubernetes.io/part-of': 'urr' },
          // Before the database bootstrap (wave -1) and the workloads (wave 0) that read the Secrets.
          annotations: { 'argocd.argoproj.io/sync-wave': '-2' },
        },
        spec: {
          refreshInterval: '1h',
          secretStoreRef: { kind: 'ClusterSecretStore', name: clusterSecretStoreName },
          target: {
            name,
            creationPolicy: 'Owner',
            template: {
              engineVersion: 'v2',
              data: Object.fromEntries(
                sources.map(([key, source]) => [
                  key,
                  source.kind === 'template' ? source.template : `{{ .${key} }}`,
                ]),
              ),
            },
          },
          ...(data.length > 0
            ? { data: [...new Map(data.map((entry) => [entry.secretKey, entry])).values()] }
            : {}),
          ...(extracted.length > 0 ? { dataFrom: extracted.map((key) => ({ extract: { key } })) } : {}),
        },
      });
    }
  }
}

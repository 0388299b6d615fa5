const envNamePattern = /^[A-Z][A-Z0-9_]*$/;
const secretNamePattern = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const secretKeyPattern = /^[-._a-zA-Z0-9]+$/;

/** Names whose value is a credential (or a URL that embeds one): they may only come from a Secret. */
const credentialName = /SECRET|TOKEN|PASSWORD|PEPPER|PRIVATE_KEY|API_KEY/;
const credentialUrls = new Set(['DATABASE_URL', 'DATABASE_REPLICA_URL', 'REDIS_URL']);

export function carriesCredential(name: string): boolean {
  return credentialName.test(name) || credentialUrls.has(name);
}

/** One key of a Kubernetes Secret. */
export class SecretKey {
  static of(secretName: string, key: string): SecretKey {
    if (!secretNamePattern.test(secretName) || secretName.length > 253)
      throw new Error(
        `SecretKey: secret name "${secretName}" must be a DNS-1123 name, e.g. auth-service-database`,
      );
    if (!secretKeyPattern.test(key))
      throw new Error(`SecretKey: key "${key}" of secret ${secretName} may hold only letters, digits, - . _`);
    return new SecretKey(secretName, key);
  }

  private constructor(
    readonly secretName: string,
    readonly key: string,
  ) {}
}

type EnvSource =
  | { readonly kind: 'value'; readonly value: string }
  | { readonly kind: 'secret'; readonly secret: SecretKey; readonly optional: boolean }
  | { readonly kind: 'field'; readonly fieldPath: string };

/** A container environment variable. Credentials can only be built from a Secret, never as a literal. */
export class EnvVar {
  static value(name: string, value: string | number | boolean): EnvVar {
    EnvVar.checkName(name);
    if (carriesCredential(name))
      throw new Error(
        `EnvVar: ${name} carries a credential and must not be a literal; use EnvVar.fromSecret('${name}', SecretKey.of(...))`,
      );
    return new EnvVar(name, { kind: 'value', value: String(value) });
  }

  /** @param optional the pod starts without it when the Secret or key is missing (@default false) */
  static fromSecret(name: string, secret: SecretKey, optional = false): EnvVar {
    EnvVar.checkName(name);
    return new EnvVar(name, { kind: 'secret', secret, optional });
  }

  /** From the pod's own metadata, e.g. `metadata.name`, `metadata.namespace`. */
  static fromField(name: string, fieldPath: string): EnvVar {
    EnvVar.checkName(name);
    return new EnvVar(name, { kind: 'field', fieldPath });
  }

  private static checkName(name: string): void {
    if (!envNamePattern.test(name))
      throw new Error(`EnvVar: name "${name}" must be upper-case letters, digits and _ (e.g. DATABASE_URL)`);
  }

  private constructor(
    readonly name: string,
    readonly source: EnvSource,
  ) {}

  toKubernetes() {
    switch (this.source.kind) {
      case 'value':
        return { name: this.name, value: this.source.value };
      case 'secret':
        return {
          name: this.name,
          valueFrom: {
            secretKeyRef: {
              name: this.source.secret.secretName,
              key: this.source.secret.key,
              ...(this.source.optional ? { optional: true } : {}),
            },
          },
        };
      case 'field':
        return { name: this.name, valueFrom: { fieldRef: { fieldPath: this.source.fieldPath } } };
    }
  }
}

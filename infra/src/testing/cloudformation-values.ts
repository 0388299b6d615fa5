import type { CloudAssembly } from 'aws-cdk-lib/cx-api';

/** A resource a template value points at: `{ stack, logicalId }` and, for Fn::GetAtt, the attribute. */
export interface ResourceReference {
  readonly stack: string;
  readonly logicalId: string;
  readonly attribute?: string;
}

export interface DeployTimeValues {
  /** What CloudFormation would put for a Ref or Fn::GetAtt (a table's name, a proxy's endpoint). */
  readonly resource: (reference: ResourceReference) => string;
  /**
   * What a Secrets Manager dynamic reference resolves to: `secret` is the resolved secret id (often itself
   * a reference, already passed through `resource`), `jsonKey` the key in its JSON ('' for the whole value).
   */
  readonly secret: (secret: string, jsonKey: string) => string;
}

const dynamicReference = /\{\{resolve:secretsmanager:(.+?):SecretString:([^:}]*):[^:}]*:[^:}]*\}\}/g;

/**
 * Evaluates a value of a synthesised template the way CloudFormation would at deploy time (Ref, Fn::GetAtt,
 * Fn::Join, Fn::ImportValue across the assembly's stacks, Secrets Manager dynamic references), with the
 * deployed resources' values given by the caller. For tests that run a function with the settings its
 * stack gives it.
 */
export function resolveTemplateValue(
  assembly: CloudAssembly,
  stack: string,
  value: unknown,
  values: DeployTimeValues,
): string {
  const resolve = (node: unknown, inStack: string): string => {
    if (typeof node === 'string' || typeof node === 'number' || typeof node === 'boolean')
      return String(node);
    if (node && typeof node === 'object') {
      const [[intrinsic, argument]] = Object.entries(node) as [[string, unknown]];
      if (intrinsic === 'Ref') return values.resource({ stack: inStack, logicalId: String(argument) });
      if (intrinsic === 'Fn::GetAtt') {
        const [logicalId, attribute] = argument as [string, string];
        return values.resource({ stack: inStack, logicalId, attribute });
      }
      if (intrinsic === 'Fn::Join') {
        const [separator, parts] = argument as [string, unknown[]];
        return parts.map((part) => resolve(part, inStack)).join(separator);
      }
      if (intrinsic === 'Fn::ImportValue') return resolveExport(String(argument));
    }
    throw new Error(`resolveTemplateValue: cannot evaluate ${JSON.stringify(node)} in ${inStack}`);
  };
  const resolveExport = (name: string): string => {
    for (const artifact of assembly.stacks)
      for (const output of Object.values(
        (artifact.template.Outputs ?? {}) as Record<string, { Value: unknown; Export?: { Name: string } }>,
      ))
        if (output.Export?.Name === name) return resolve(output.Value, artifact.stackName);
    throw new Error(`resolveTemplateValue: no stack exports ${name}`);
  };
  return resolve(value, stack).replace(dynamicReference, (_, secret: string, jsonKey: string) =>
    values.secret(secret, jsonKey),
  );
}

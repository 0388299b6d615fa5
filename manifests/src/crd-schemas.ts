import { readFileSync } from 'node:fs';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { crdSources, isCheckedGroup } from './crd-schemas-sources.js';
import { structuralSchema } from './crd-schemas-structural.js';

/**
 * Objects of the add-ons' own kinds (Argo CD, Argo Rollouts, prometheus-operator, External Secrets,
 * Karpenter), checked at synth against their controllers' CRD schemas, vendored from the controllers'
 * Go modules (crd-schemas-sources.ts): fields the schema does not declare, types, required fields,
 * enums, patterns and bounds (docs/adr/0022-crd-schemas-checked-at-synth.md).
 */
export interface SchemaFinding {
  readonly kind: string;
  readonly name: string;
  /** Where in the object, as `spec.data[0].remoteRef`; '' for the object itself. */
  readonly path: string;
  readonly message: string;
}

export interface RenderedObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata?: { readonly name?: string };
}

type Schema = { readonly [keyword: string]: unknown };

interface VendoredFile {
  readonly module: string;
  readonly version: string;
  readonly schemas: Readonly<Record<string, Schema>>;
  readonly $defs: Readonly<Record<string, Schema>>;
}

interface KindSchema {
  readonly schema: Schema;
  readonly defs: Readonly<Record<string, Schema>>;
}

let vendored: ReadonlyMap<string, KindSchema> | undefined;

/** `group/version Kind` → its schema, from `crd-schemas/*.json`, read once. */
function vendoredSchemas(): ReadonlyMap<string, KindSchema> {
  vendored ??= new Map(
    crdSources.flatMap(({ name, module, version }) => {
      const file = JSON.parse(
        readFileSync(new URL(`./crd-schemas/${name}.json`, import.meta.url), 'utf8'),
      ) as VendoredFile;
      if (file.module !== module || file.version !== version)
        throw new Error(
          `crd-schemas/${name}.json holds ${file.module}@${file.version}, crd-schemas-sources.ts names ${module}@${version}: run npm run crd-schemas:vendor -w @urr/manifests`,
        );
      return Object.entries(file.schemas).map(
        ([key, schema]) => [key, { schema, defs: file.$defs }] as const,
      );
    }),
  );
  return vendored;
}

/**
 * CRD patterns are Go (RE2) expressions. JavaScript reads them alike but for RE2's inline `(?i)`:
 * such a pattern is matched case-insensitively as a whole, which accepts all that RE2 accepts.
 */
const re2Pattern = Object.assign(
  (pattern: string, flags: string) =>
    pattern.includes('(?i)')
      ? new RegExp(pattern.replaceAll('(?i)', ''), `${flags}i`)
      : new RegExp(pattern, flags),
  { code: 'new RegExp' },
);

const ajv = new Ajv({
  allErrors: true,
  strict: false,
  validateFormats: false,
  unicodeRegExp: false,
  verbose: true,
  code: { regExp: re2Pattern },
});
const validators = new Map<string, ValidateFunction>();

function validatorOf(key: string, kind: KindSchema): ValidateFunction {
  let validate = validators.get(key);
  if (!validate) {
    validate = ajv.compile(structuralSchema(kind.schema, kind.defs));
    validators.set(key, validate);
  }
  return validate;
}

/** The keys of every vendored schema, `group/version Kind`. */
export const vendoredKinds = (): string[] => [...vendoredSchemas().keys()];

/** Compiles a vendored schema (a pattern the JavaScript engine cannot read fails here, not at synth). */
export const compileVendoredSchema = (key: string) => {
  const kind = vendoredSchemas().get(key);
  if (!kind) throw new Error(`no vendored schema ${key}`);
  return validatorOf(key, kind);
};

const identifier = /^[A-Za-z_$][\w$]*$/;

/** A JSON pointer into `object` as `spec.containers[0].env`, `metadata.annotations["a/b"]`. */
function readablePath(object: unknown, pointer: string): string {
  let path = '';
  let node = object;
  for (const segment of pointer.split('/').slice(1)) {
    const key = segment.replaceAll('~1', '/').replaceAll('~0', '~');
    if (Array.isArray(node)) path += `[${key}]`;
    else if (identifier.test(key)) path += path ? `.${key}` : key;
    else path += `[${JSON.stringify(key)}]`;
    node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined;
  }
  return path;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++)
      current[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** ` (did you mean x?)` when the schema declares a field close to the unknown one. */
function suggestion(field: string, parentSchema: unknown): string {
  const declared = Object.keys((parentSchema as { properties?: object } | undefined)?.properties ?? {});
  const closest = declared
    .map((name) => ({ name, distance: editDistance(field.toLowerCase(), name.toLowerCase()) }))
    .sort((a, b) => a.distance - b.distance)[0];
  return closest && closest.distance <= Math.max(2, Math.floor(field.length / 4))
    ? ` (did you mean ${closest.name}?)`
    : '';
}

/** The pointer to a field of the object at `pointer`. */
const fieldOf = (pointer: string, field: string) =>
  `${pointer}/${field.replaceAll('~', '~0').replaceAll('/', '~1')}`;

const isBranchError = (error: ErrorObject) => /\/(anyOf|oneOf)\/\d+\//.test(error.schemaPath);

/** ajv's errors as findings: one per field, the alternatives of an anyOf/oneOf folded into one. */
function findingsOf(object: RenderedObject, errors: readonly ErrorObject[]): SchemaFinding[] {
  const base = { kind: object.kind, name: object.metadata?.name ?? '?' };
  const at = (pointer: string) => readablePath(object, pointer);
  const findings: SchemaFinding[] = [];
  for (const error of errors) {
    if (isBranchError(error)) continue;
    switch (error.keyword) {
      case 'additionalProperties': {
        const field = String(error.params.additionalProperty);
        findings.push({
          ...base,
          path: at(fieldOf(error.instancePath, field)),
          message: `field not declared in the CRD schema${suggestion(field, error.parentSchema)}`,
        });
        break;
      }
      case 'required':
        findings.push({
          ...base,
          path: at(fieldOf(error.instancePath, String(error.params.missingProperty))),
          message: 'required field missing',
        });
        break;
      case 'anyOf':
      case 'oneOf': {
        const alternatives = errors
          .filter((branch) => isBranchError(branch) && branch.instancePath === error.instancePath)
          .map((branch) => branch.message ?? branch.keyword);
        findings.push({
          ...base,
          path: at(error.instancePath),
          message: alternatives.length
            ? [...new Set(alternatives)].join(' or ')
            : (error.message ?? error.keyword),
        });
        break;
      }
      case 'enum':
        findings.push({
          ...base,
          path: at(error.instancePath),
          message: `must be one of ${(error.params.allowedValues as unknown[]).map((value) => JSON.stringify(value)).join(', ')}`,
        });
        break;
      default:
        findings.push({ ...base, path: at(error.instancePath), message: error.message ?? error.keyword });
    }
  }
  return findings;
}

const groupOf = (apiVersion: string) => (apiVersion.includes('/') ? (apiVersion.split('/')[0] ?? '') : '');

/** The schema findings of every checked object of a render; empty when all of them validate. */
export function crdSchemaFindings(objects: readonly RenderedObject[]): SchemaFinding[] {
  const schemas = vendoredSchemas();
  const findings: SchemaFinding[] = [];
  for (const object of objects) {
    if (!isCheckedGroup(groupOf(object.apiVersion))) continue;
    const key = `${object.apiVersion} ${object.kind}`;
    const kind = schemas.get(key);
    if (!kind) {
      findings.push({
        kind: object.kind,
        name: object.metadata?.name ?? '?',
        path: '',
        message: `no vendored CRD schema serves ${key}: use a version the controller serves, or add its module to manifests/src/crd-schemas-sources.ts and run npm run crd-schemas:vendor -w @urr/manifests`,
      });
      continue;
    }
    const validate = validatorOf(key, kind);
    if (!validate(object)) findings.push(...findingsOf(object, validate.errors ?? []));
  }
  return findings;
}

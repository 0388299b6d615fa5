/**
 * A CRD's openAPIV3Schema as the API server reads it, turned into a JSON Schema that rejects what the
 * server would drop. The server prunes (and with strict field validation refuses) every field that
 * an object schema does not declare, unless the schema keeps unknown fields
 * (`x-kubernetes-preserve-unknown-fields`) or is a map (`additionalProperties`); the object's own
 * `metadata` and an embedded resource's are ObjectMeta.
 */
type Schema = { readonly [keyword: string]: unknown };

const text = { type: 'string' };
const stringMap = { type: 'object', additionalProperties: text };

/** ObjectMeta's fields, with the types the render could get wrong. */
const objectMeta = {
  type: 'object',
  additionalProperties: false,
  properties: {
    name: text,
    generateName: text,
    namespace: text,
    labels: stringMap,
    annotations: stringMap,
    finalizers: { type: 'array', items: text },
    ownerReferences: { type: 'array', items: { type: 'object' } },
    uid: text,
    resourceVersion: text,
    generation: { type: 'integer' },
    selfLink: text,
    creationTimestamp: { type: ['string', 'null'] },
    deletionTimestamp: text,
    deletionGracePeriodSeconds: { type: 'integer' },
    managedFields: { type: 'array', items: { type: 'object' } },
  },
};

const schemaLists = new Set(['allOf', 'anyOf', 'oneOf']);
const subschemaKeywords = new Set(['items', 'additionalProperties', 'not']);

const isSchema = (value: unknown): value is Schema =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * One schema node and what it contains. Only nodes that state `type: object` are closed: a
 * structural schema states types outside of `allOf`/`anyOf`/`oneOf`/`not` only, so the branches of
 * those, which add constraints to fields declared beside them, stay open.
 */
function structural(schema: Schema): Schema {
  const result: Record<string, unknown> = {};
  for (const [keyword, value] of Object.entries(schema)) {
    if (keyword === 'properties' && isSchema(value))
      result[keyword] = Object.fromEntries(
        Object.entries(value).map(([name, property]) => [name, structural(property as Schema)]),
      );
    else if (subschemaKeywords.has(keyword) && isSchema(value)) result[keyword] = structural(value);
    else if (schemaLists.has(keyword) && Array.isArray(value))
      result[keyword] = value.map((branch: Schema) => structural(branch));
    else result[keyword] = value;
  }
  if (schema['x-kubernetes-embedded-resource'] === true)
    result.properties = {
      ...(result.properties as object | undefined),
      apiVersion: text,
      kind: text,
      metadata: objectMeta,
    };
  const keepsUnknownFields =
    schema['x-kubernetes-preserve-unknown-fields'] === true || 'additionalProperties' in schema;
  if (schema.type === 'object' && !keepsUnknownFields) result.additionalProperties = false;
  return result;
}

/** The JSON Schema of one kind: its CRD schema with the shared subtrees it refers to under `$defs`. */
export function structuralSchema(crdSchema: Schema, defs: Readonly<Record<string, Schema>>): Schema {
  const root = structural(crdSchema);
  return {
    ...root,
    properties: { ...(root.properties as object | undefined), metadata: objectMeta },
    $defs: Object.fromEntries(Object.entries(defs).map(([name, def]) => [name, structural(def)])),
  };
}

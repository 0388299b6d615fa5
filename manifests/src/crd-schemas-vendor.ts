/**
 * `npm run crd-schemas:vendor -w @urr/manifests`: reads the CRDs of every source in
 * crd-schemas-sources.ts from its Go module (`go mod download`) and writes each served version's
 * openAPIV3Schema to `crd-schemas/<source>.json`, without descriptions and defaults (validation does
 * not read them) and with repeated subtrees (pod templates, containers, volumes) stored once under
 * `$defs`. Run after changing a version; the output is committed.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { type CrdSource, crdSources, isCheckedGroup } from './crd-schemas-sources.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const isObject = (value: Json | undefined): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const outputDirectory = fileURLToPath(new URL('./crd-schemas', import.meta.url));
/** Subtrees shorter than this (as JSON) stay inline: a `$ref` would not save much. */
const minimumSharedLength = 400;

/** The module's extracted directory in the module cache (module paths escape capitals as `!x`). */
function moduleDirectory({ module, version }: CrdSource): string {
  const { stdout } = spawnSync('go', ['mod', 'download', '-json', `${module}@${version}`], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const download = JSON.parse(stdout || '{}') as { Dir?: string; Error?: string };
  if (download.Dir) return download.Dir;
  // go leaves out Dir when the module's go line is newer than this toolchain, after extracting it;
  // the CRDs are data, so the toolchain's version does not matter here.
  const cache = execFileSync('go', ['env', 'GOMODCACHE'], { encoding: 'utf8' }).trim();
  const escaped = module.replace(/[A-Z]/g, (capital) => `!${capital.toLowerCase()}`);
  const directory = join(cache, `${escaped}@${version}`);
  if (!existsSync(directory)) throw new Error(`${module}@${version}: ${download.Error ?? 'not downloaded'}`);
  return directory;
}

const schemaLists = ['allOf', 'anyOf', 'oneOf'] as const;

/** A schema without the keywords validation does not read; property names are kept as they are. */
function stripped(schema: JsonObject): JsonObject {
  const result: JsonObject = {};
  for (const [keyword, value] of Object.entries(schema)) {
    if (keyword === 'description' || keyword === 'default' || keyword === 'example') continue;
    if (keyword === 'properties' && isObject(value))
      result[keyword] = Object.fromEntries(
        Object.entries(value).map(([name, property]) => [name, stripped(property as JsonObject)]),
      );
    else if (
      (keyword === 'items' || keyword === 'additionalProperties' || keyword === 'not') &&
      isObject(value)
    )
      result[keyword] = stripped(value);
    else if ((schemaLists as readonly string[]).includes(keyword) && Array.isArray(value))
      result[keyword] = value.map((branch) => stripped(branch as JsonObject));
    else result[keyword] = value;
  }
  return result;
}

/** Sorted-key JSON, so that equal subtrees give equal text. */
function canonical(value: Json): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isObject(value))
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical(value[key] as Json)}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

/** Every schema subtree of a schema, the schema included. */
function* subschemas(schema: JsonObject): Generator<JsonObject> {
  yield schema;
  for (const [keyword, value] of Object.entries(schema)) {
    if (keyword === 'properties' && isObject(value))
      for (const property of Object.values(value)) yield* subschemas(property as JsonObject);
    else if (
      (keyword === 'items' || keyword === 'additionalProperties' || keyword === 'not') &&
      isObject(value)
    )
      yield* subschemas(value);
    else if ((schemaLists as readonly string[]).includes(keyword) && Array.isArray(value))
      for (const branch of value) yield* subschemas(branch as JsonObject);
  }
}

/** The schemas with each repeated large subtree replaced by a `$ref` into the returned `$defs`. */
function shared(schemas: Record<string, JsonObject>) {
  const counts = new Map<string, number>();
  for (const schema of Object.values(schemas))
    for (const subschema of subschemas(schema)) {
      const text = canonical(subschema);
      if (text.length >= minimumSharedLength) counts.set(text, (counts.get(text) ?? 0) + 1);
    }
  const defs: Record<string, JsonObject> = {};
  const replaced = (schema: JsonObject, isRoot: boolean): JsonObject => {
    const text = canonical(schema);
    const result: JsonObject = {};
    for (const [keyword, value] of Object.entries(schema)) {
      if (keyword === 'properties' && isObject(value))
        result[keyword] = Object.fromEntries(
          Object.entries(value).map(([name, property]) => [name, replaced(property as JsonObject, false)]),
        );
      else if (
        (keyword === 'items' || keyword === 'additionalProperties' || keyword === 'not') &&
        isObject(value)
      )
        result[keyword] = replaced(value, false);
      else if ((schemaLists as readonly string[]).includes(keyword) && Array.isArray(value))
        result[keyword] = value.map((branch) => replaced(branch as JsonObject, false));
      else result[keyword] = value;
    }
    if (isRoot || (counts.get(text) ?? 0) < 2) return result;
    const name = createHash('sha256').update(text).digest('hex').slice(0, 12);
    defs[name] = result;
    return { $ref: `#/$defs/${name}` };
  };
  const replacedSchemas = Object.fromEntries(
    Object.entries(schemas).map(([key, schema]) => [key, replaced(schema, true)]),
  );
  return {
    schemas: replacedSchemas,
    $defs: Object.fromEntries(Object.entries(defs).sort(([a], [b]) => a.localeCompare(b))),
  };
}

interface CustomResourceDefinition {
  kind: string;
  spec: {
    group: string;
    names: { kind: string };
    versions: { name: string; served: boolean; schema?: { openAPIV3Schema?: JsonObject } }[];
  };
}

function vendor(source: CrdSource): string {
  const root = moduleDirectory(source);
  const schemas: Record<string, JsonObject> = {};
  for (const directory of source.directories)
    for (const file of readdirSync(join(root, directory)).sort()) {
      if (!/\.ya?ml$/.test(file)) continue;
      for (const document of parseAllDocuments(readFileSync(join(root, directory, file), 'utf8'))) {
        const crd = document.toJS() as CustomResourceDefinition | null;
        if (crd?.kind !== 'CustomResourceDefinition' || !isCheckedGroup(crd.spec.group)) continue;
        for (const version of crd.spec.versions) {
          const schema = version.schema?.openAPIV3Schema;
          if (!version.served || !schema) continue;
          schemas[`${crd.spec.group}/${version.name} ${crd.spec.names.kind}`] = stripped(schema);
        }
      }
    }
  const sorted = Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b)));
  const file = join(outputDirectory, `${source.name}.json`);
  const vendored = {
    module: source.module,
    version: source.version,
    directories: source.directories,
    generatedBy: 'npm run crd-schemas:vendor -w @urr/manifests (manifests/src/crd-schemas-vendor.ts)',
    ...shared(sorted),
  };
  writeFileSync(file, `${JSON.stringify(vendored, null, 2)}\n`);
  console.log(
    `[crd-schemas] ${source.module}@${source.version}: ${Object.keys(sorted).join(', ')} → ${file}`,
  );
  return file;
}

const files = crdSources.map(vendor);
execFileSync('npx', ['biome', 'format', '--write', ...files], { stdio: 'inherit' });

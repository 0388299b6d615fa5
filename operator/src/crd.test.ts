import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { crdFile, readCrdFile, ticketEventCrdYaml } from './crd.js';
import { parseSpec, type TicketEventSpec } from './ticket-event.js';

const examplesDir = join(import.meta.dirname, '..', 'examples');
export const exampleFiles = readdirSync(examplesDir)
  .filter((file) => file.endsWith('.yaml'))
  .map((file) => join(examplesDir, file));

type Schema = { type?: string; properties?: Record<string, Schema>; items?: Schema; required?: string[] };

/** Every property path a schema allows, e.g. `sale.presale.opensAt`. */
function schemaPaths(schema: Schema, prefix = ''): string[] {
  return Object.entries(schema.properties ?? {}).flatMap(([name, child]) => [
    `${prefix}${name}`,
    ...schemaPaths(child, `${prefix}${name}.`),
  ]);
}

/** Every property path a parsed value has. */
function valuePaths(value: unknown, prefix = ''): string[] {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return [];
  return Object.entries(value).flatMap(([name, child]) => [
    `${prefix}${name}`,
    ...valuePaths(child, `${prefix}${name}.`),
  ]);
}

describe('the TicketEvent CRD in crds/', () => {
  it('is exactly what the zod schemas generate (run `npm run crd -w operator` after changing them)', () => {
    expect(readFileSync(crdFile, 'utf8')).toBe(ticketEventCrdYaml());
  });

  it('describes every spec field the TypeScript type has, and no other', () => {
    const specSchema = readCrdFile().spec.versions as { schema: { openAPIV3Schema: Schema } }[];
    const crdSpec = specSchema[0]!.schema.openAPIV3Schema.properties!.spec!;
    const everyField: TicketEventSpec = parseSpec({
      eventId: 'full',
      title: 'All fields',
      sale: {
        presale: { opensAt: '2026-12-08T11:00:00Z' },
        opensAt: '2026-12-10T11:00:00Z',
        closesAt: '2026-12-20T11:00:00Z',
      },
      expectedPeakUsers: 1000,
    });
    expect(valuePaths(everyField).sort()).toEqual(schemaPaths(crdSpec).sort());
  });

  it('documents every field, for kubectl explain', () => {
    const versions = readCrdFile().spec.versions as { schema: { openAPIV3Schema: Schema } }[];
    const undocumented: string[] = [];
    const walk = (schema: Schema & { description?: string }, path: string) => {
      if (path && !schema.description && path !== 'metadata') undocumented.push(path);
      for (const [name, child] of Object.entries(schema.properties ?? {}))
        walk(child, path ? `${path}.${name}` : name);
      if (schema.items) walk(schema.items, `${path}[]`);
    };
    walk(versions[0]!.schema.openAPIV3Schema, '');
    expect(undocumented.filter((path) => !path.endsWith('[]'))).toEqual([]);
  });

  it('reads every example with the TypeScript types (the apiserver check is in crd-validation.test.ts)', () => {
    expect(exampleFiles.length).toBeGreaterThanOrEqual(3);
    for (const file of exampleFiles) {
      const doc = yaml.load(readFileSync(file, 'utf8')) as { kind: string; spec: unknown };
      expect(doc.kind).toBe('TicketEvent');
      expect(() => parseSpec(doc.spec), file).not.toThrow();
    }
  });
});

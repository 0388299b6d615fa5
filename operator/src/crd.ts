import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { z } from 'zod';
import type { KubeClient } from './kube/kube-client.js';
import { resourceTypes } from './kube/resource-path.js';
import { ticketEventApi, ticketEventSpecSchema, ticketEventStatusSchema } from './ticket-event.js';

export const crdFile = join(import.meta.dirname, '..', '..', 'crds', 'ticketevent.yaml');

type JsonSchema = { [key: string]: unknown };

/** A CRD as the apiserver's JSON has it (schema keys such as `x-kubernetes-validations` as they are). */
export interface CrdManifest {
  apiVersion: 'apiextensions.k8s.io/v1';
  kind: 'CustomResourceDefinition';
  metadata: { name: string; labels?: Record<string, string> };
  spec: JsonSchema;
}

const maxSafeInteger = Number.MAX_SAFE_INTEGER;

/**
 * Turns zod's OpenAPI 3.0 output into a structural schema the apiserver accepts: no zod-specific
 * patterns behind `format: date-time`, no safe-integer bounds, no `additionalProperties: false`
 * (a structural schema prunes unknown fields instead).
 */
function toStructural(schema: JsonSchema): JsonSchema {
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'additionalProperties' && value === false) continue;
    if (key === 'pattern' && schema.format === 'date-time') continue;
    if ((key === 'maximum' && value === maxSafeInteger) || (key === 'minimum' && value === -maxSafeInteger))
      continue;
    if (key === 'properties') {
      out.properties = Object.fromEntries(
        Object.entries(value as Record<string, JsonSchema>).map(([name, child]) => [
          name,
          toStructural(child),
        ]),
      );
    } else if (key === 'items') {
      out.items = toStructural(value as JsonSchema);
    } else {
      out[key] = value;
    }
  }
  return out;
}

function openApiOf(schema: z.ZodType): JsonSchema {
  return toStructural(
    z.toJSONSchema(schema, { target: 'openapi-3.0', io: 'input', reused: 'inline' }) as JsonSchema,
  );
}

/** The TicketEvent CRD, generated from the zod schemas. crds/ticketevent.yaml is this object as YAML. */
export function ticketEventCrd(): CrdManifest {
  const { group, version, kind, listKind, plural, singular, shortNames, crdName } = ticketEventApi;
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: crdName, labels: { 'app.kubernetes.io/part-of': 'urr' } },
    spec: {
      group,
      scope: 'Namespaced',
      names: { kind, listKind, plural, singular, shortNames: [...shortNames], categories: ['urr'] },
      versions: [
        {
          name: version,
          served: true,
          storage: true,
          subresources: { status: {} },
          additionalPrinterColumns: [
            { name: 'Phase', type: 'string', jsonPath: '.status.phase' },
            // A string, not a date: kubectl prints future dates as <invalid>.
            { name: 'Opens', type: 'string', jsonPath: '.spec.sale.opensAt' },
            { name: 'Waiting', type: 'integer', jsonPath: '.status.figures.waiting' },
            { name: 'Admitted', type: 'integer', jsonPath: '.status.figures.admitted' },
            { name: 'Sold', type: 'integer', jsonPath: '.status.figures.seatsSold' },
            { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
            { name: 'Event', type: 'string', jsonPath: '.spec.eventId', priority: 1 },
            { name: 'Closes', type: 'string', jsonPath: '.spec.sale.closesAt', priority: 1 },
            { name: 'Step', type: 'integer', jsonPath: '.status.admitStep', priority: 1 },
            { name: 'Left', type: 'integer', jsonPath: '.status.figures.seatsLeft', priority: 1 },
            { name: 'Peak', type: 'integer', jsonPath: '.spec.expectedPeakUsers', priority: 1 },
            { name: 'Health', type: 'string', jsonPath: '.status.bookingHealth.verdict', priority: 1 },
          ],
          schema: {
            openAPIV3Schema: {
              type: 'object',
              description:
                'A TicketEvent opens one sale: the operator turns it into the waiting-room counters, the ' +
                'Tier-2 queue keys and the HPA bounds, and moves its phase with the clock.',
              required: ['spec'],
              properties: {
                apiVersion: { type: 'string', description: 'urr.guru/v1alpha1' },
                kind: { type: 'string', description: 'TicketEvent' },
                metadata: { type: 'object' },
                spec: openApiOf(ticketEventSpecSchema),
                status: openApiOf(ticketEventStatusSchema),
              },
            },
          },
        },
      ],
    },
  };
}

export function ticketEventCrdYaml(): string {
  return `# Generated from operator/src/ticket-event.ts by \`npm run crd -w operator\`; do not edit by hand.\n${yaml.dump(ticketEventCrd(), { lineWidth: 110, noRefs: true, sortKeys: true, quotingType: '"' })}`;
}

export function readCrdFile(path = crdFile): CrdManifest {
  return yaml.load(readFileSync(path, 'utf8')) as CrdManifest;
}

/**
 * Installs or updates the CRD from crds/ with server-side apply, then waits until the apiserver serves
 * it. Safe to run from several processes at once: every apply carries the same object.
 */
export async function installCrd(kube: KubeClient, options: { timeoutMs?: number } = {}): Promise<void> {
  const crd = readCrdFile();
  const name = crd.metadata.name;
  const crds = resourceTypes.customResourceDefinitions;
  await kube.apply(crds, { name }, crd, { fieldManager: 'urr-operator', force: true });
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  for (;;) {
    const current = await kube.get<{ status?: { conditions?: { type: string; status: string }[] } }>(crds, {
      name,
    });
    const established = current.status?.conditions?.some(
      (c) => c.type === 'Established' && c.status === 'True',
    );
    if (established) return;
    if (Date.now() > deadline) throw new Error(`CRD ${name} was not Established within the timeout`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

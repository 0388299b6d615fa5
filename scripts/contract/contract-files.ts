/**
 * The API contract as the code generates it: each service's OpenAPI document, the public document the
 * gateway assembles from them (the one it serves at `/api/v1/openapi.json`) and the frontend's types.
 * `npm run openapi` writes these files; contract-files.test.ts fails when the committed ones differ.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { authOpenApiDocument } from '@urr/auth/openapi-document';
import { catalogOpenApiDocument } from '@urr/catalog/openapi-document';
import { communityOpenApiDocument } from '@urr/community/openapi-document';
import type { ServiceName } from '@urr/gateway/domain/route-table';
import { publicDocument } from '@urr/gateway/openapi/public-document';
import { paymentOpenApiDocument } from '@urr/payment/openapi-document';
import { queueOpenApiDocument } from '@urr/queue/openapi-document';
import { statsOpenApiDocument } from '@urr/stats/openapi-document';
import { ticketOpenApiDocument } from '@urr/ticket-service/openapi-document';

export interface ContractFile {
  /** From the repository root. */
  readonly path: string;
  readonly text: string;
}

const serviceDocuments: Record<ServiceName, () => Promise<unknown>> = {
  auth: authOpenApiDocument,
  catalog: catalogOpenApiDocument,
  community: communityOpenApiDocument,
  payment: paymentOpenApiDocument,
  queue: queueOpenApiDocument,
  stats: statsOpenApiDocument,
  ticket: ticketOpenApiDocument,
};

const root = join(import.meta.dirname, '../..');

/** `text` as `biome format` leaves the file at `path`, so the committed files pass the lint step as written. */
async function formatted(path: string, text: string): Promise<ContractFile> {
  const biome = promisify(execFile)(
    join(root, 'node_modules/.bin/biome'),
    ['format', `--stdin-file-path=${path}`],
    {
      cwd: root,
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  biome.child.stdin?.end(text);
  return { path, text: (await biome).stdout };
}

const json = (document: unknown) => JSON.stringify(document, null, 2);

export async function contractFiles(): Promise<ContractFile[]> {
  const documents = [];
  for (const [service, generate] of Object.entries(serviceDocuments)) {
    documents.push({ service: service as ServiceName, document: await generate() });
  }
  return Promise.all([
    ...documents.map(({ service, document }) =>
      formatted(`docs/openapi/${service}-service.json`, json(document)),
    ),
    formatted('docs/openapi/public-api.json', json(publicDocument(documents))),
  ]);
}

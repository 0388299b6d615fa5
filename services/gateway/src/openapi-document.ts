import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { publicDocument, type ServiceDocument } from './domain/public-document.js';
import { type ServiceName, serviceNames } from './domain/route-table.js';

/** docs/openapi/ at the repository root: each service's generated `<service>-service.json`, and ours. */
export const openApiFolder = join(import.meta.dirname, '../../..', 'docs/openapi');
export const publicApiFile = 'public-api.json';

/** The public document assembled from the service documents committed in docs/openapi/. */
export async function publicDocumentFromCommitted(): Promise<unknown> {
  const documents: ServiceDocument[] = [];
  for (const file of (await readdir(openApiFolder)).sort()) {
    const service = /^(.+)-service\.json$/.exec(file)?.[1];
    if (!service || !serviceNames.includes(service as ServiceName)) continue;
    documents.push({
      service: service as ServiceName,
      document: JSON.parse(await readFile(join(openApiFolder, file), 'utf8')),
    });
  }
  return publicDocument(documents);
}

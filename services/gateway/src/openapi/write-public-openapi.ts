/**
 * `npm run openapi -w @urr/gateway`: writes docs/openapi/public-api.json from the service documents in
 * docs/openapi/ (each written by its service's own `npm run openapi`). The running gateway serves the same
 * assembly, live, at `GET /api/v1/openapi.json`.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openApiFolder, publicApiFile, publicDocumentFromCommitted } from './committed-documents.js';

await writeFile(
  join(openApiFolder, publicApiFile),
  `${JSON.stringify(await publicDocumentFromCommitted(), null, 2)}\n`,
);
console.log(`wrote docs/openapi/${publicApiFile}`);

/** `npm run openapi -w @urr/queue`: writes queue-service's OpenAPI document into docs/openapi/. */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { queueOpenApiDocument, queueOpenApiFile } from './openapi-document.js';

const file = join(import.meta.dirname, '../../..', queueOpenApiFile);
await mkdir(dirname(file), { recursive: true });
await writeFile(file, `${JSON.stringify(await queueOpenApiDocument(), null, 2)}\n`);
console.log(`wrote ${queueOpenApiFile}`);

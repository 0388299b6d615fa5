/** `npm run openapi -w @urr/auth`: writes auth-service's OpenAPI document into docs/openapi/. */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { authOpenApiDocument, authOpenApiFile } from './openapi-document.js';

const file = join(import.meta.dirname, '../../..', authOpenApiFile);
await mkdir(dirname(file), { recursive: true });
await writeFile(file, `${JSON.stringify(await authOpenApiDocument(), null, 2)}\n`);
console.log(`wrote ${authOpenApiFile}`);

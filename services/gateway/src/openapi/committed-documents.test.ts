import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openApiFolder, publicApiFile, publicDocumentFromCommitted } from './committed-documents.js';

describe('docs/openapi/public-api.json', () => {
  it('is the assembly of the committed service documents (npm run openapi -w @urr/gateway)', async () => {
    const committed = JSON.parse(await readFile(join(openApiFolder, publicApiFile), 'utf8'));
    expect(committed).toEqual(await publicDocumentFromCommitted());
    expect(Object.keys(committed.paths)).toContain('/api/v1/auth/login');
  });
});

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contractFiles } from './contract-files.js';

const root = join(import.meta.dirname, '../..');
const committed = (path: string) => readFile(join(root, path), 'utf8').catch(() => '(not committed)');

describe('the API contract', () => {
  it('is committed as the services generate it (npm run openapi writes it)', async () => {
    const files = await contractFiles();
    expect(files.map((file) => file.path)).toEqual(
      expect.arrayContaining(['docs/openapi/ticket-service.json', 'docs/openapi/public-api.json']),
    );
    for (const file of files) {
      expect(await committed(file.path), `${file.path} is stale: run npm run openapi`).toBe(file.text);
    }
  });
});

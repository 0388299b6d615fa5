/** `npm run openapi`: writes the API contract's generated files (see contract-files.ts). */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { contractFiles } from './contract-files.js';

const root = join(import.meta.dirname, '../..');
for (const file of await contractFiles()) {
  await writeFile(join(root, file.path), file.text);
  console.log(`wrote ${file.path}`);
}

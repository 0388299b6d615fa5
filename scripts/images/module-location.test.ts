import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  fileReferencesOf,
  moduleLocationBanner,
  repositoryPathOf,
  rewriteModuleLocation,
} from './module-location.js';

describe('fileReferencesOf', () => {
  it('finds new URL(<literal>, import.meta.url) relative to the module', () => {
    const source = "export const folder = new URL('../db/migrations', import.meta.url);";
    expect(fileReferencesOf(source, 'services/auth/src/main.ts')).toEqual(['services/auth/db/migrations']);
  });

  it('finds join(import.meta.dirname, <literals>...) and a folder with a trailing slash', () => {
    const source = [
      "const crd = join(import.meta.dirname, '..', '..', 'crds', 'ticketevent.yaml');",
      'const root = new URL("../static/", import.meta.url);',
    ].join('\n');
    expect(fileReferencesOf(source, 'operator/src/crd.ts')).toEqual([
      'operator/static',
      'crds/ticketevent.yaml',
    ]);
  });

  it('ignores the forms in comments, computed paths and paths that leave the repository', () => {
    const source = [
      "/** e.g. `new URL('../db/migrations', import.meta.url)` from main.ts */",
      "// join(import.meta.dirname, 'x')",
      'const url = "http://example.test"; // a URL, not a comment start',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the source text of a template literal
      'const computed = new URL(`./${name}.json`, import.meta.url);',
      "const outside = new URL('../../../../../etc/passwd', import.meta.url);",
    ].join('\n');
    expect(fileReferencesOf(source, 'services/common/src/db/migrate.ts')).toEqual([]);
  });
});

describe('rewriteModuleLocation', () => {
  it('points import.meta at the module’s place beside the bundle, wherever the bundle folder is', async () => {
    const bundleDir = await mkdtemp(join(tmpdir(), 'urr-bundle-'));
    await mkdir(join(bundleDir, 'services/ticket/db/migrations'), { recursive: true });
    await writeFile(join(bundleDir, 'services/ticket/db/migrations/0000.sql'), 'select 1;');
    const module = rewriteModuleLocation(
      [
        "import { readFileSync } from 'node:fs';",
        "import { join } from 'node:path';",
        "export const sql = readFileSync(new URL('../../db/migrations/0000.sql', import.meta.url), 'utf8');",
        "export const folder = join(import.meta.dirname, '..', '..', 'db', 'migrations');",
        'export const file = import.meta.filename;',
      ].join('\n'),
      'services/ticket/src/db/migrations-folder.ts',
    );
    const bundle = join(bundleDir, 'main.mjs');
    await writeFile(bundle, `${moduleLocationBanner}\n${module}\n`);
    const loaded = await import(pathToFileURL(bundle).href);
    expect(loaded.sql).toBe('select 1;');
    expect(loaded.folder).toBe(join(bundleDir, 'services/ticket/db/migrations'));
    expect(loaded.file).toBe(join(bundleDir, 'services/ticket/src/db/migrations-folder.ts'));
  });
});

describe('repositoryPathOf', () => {
  it('refuses a module outside the repository', () => {
    expect(repositoryPathOf('/src', '/src/services/a.ts')).toBe('services/a.ts');
    expect(() => repositoryPathOf('/src', '/elsewhere/a.ts')).toThrow(/outside the repository/);
  });
});

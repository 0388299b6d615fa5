import { posix, relative, sep } from 'node:path';

/**
 * A bundle puts every module into one file, so `import.meta.url` in any of them would name the bundle and
 * relative paths built from it would miss. The bundle keeps the repository's layout for the files modules
 * read at run time (migrations, static pages, the CRD), beside the bundle; these rewrite each module's
 * `import.meta.url`, `.dirname` and `.filename` to its own place in that layout, through helpers that the
 * bundle's banner defines relative to the bundle itself (so the folder can move).
 */

/** Defines what the rewritten modules call; goes first in every bundle. */
export const moduleLocationBanner = [
  "import { createRequire as __urrCreateRequire } from 'node:module';",
  "import { fileURLToPath as __urrFileURLToPath } from 'node:url';",
  // CommonJS dependencies call require() for Node's built-ins; an ES module has none of its own.
  'const require = __urrCreateRequire(import.meta.url);',
  'const __urrModuleUrl = (path) => new URL(path, import.meta.url).href;',
  'const __urrModulePath = (path) => __urrFileURLToPath(new URL(path, import.meta.url));',
].join('\n');

const toPosix = (path: string) => path.split(sep).join(posix.sep);

/** `services/x/src/y.ts` for `<root>/services/x/src/y.ts`; throws for a module outside the repository. */
export function repositoryPathOf(root: string, file: string): string {
  const path = toPosix(relative(root, file));
  if (path === '' || path.startsWith('../') || path.startsWith('/'))
    throw new Error(`${file} is outside the repository ${root}`);
  return path;
}

/** The module's source with `import.meta.url`, `.dirname` and `.filename` pointing at its place in the bundle. */
export function rewriteModuleLocation(source: string, modulePath: string): string {
  const file = JSON.stringify(`./${modulePath}`);
  const folder = JSON.stringify(`./${posix.dirname(modulePath)}`);
  return source
    .replaceAll(/\bimport\.meta\.url\b/g, `__urrModuleUrl(${file})`)
    .replaceAll(/\bimport\.meta\.dirname\b/g, `__urrModulePath(${folder})`)
    .replaceAll(/\bimport\.meta\.filename\b/g, `__urrModulePath(${file})`);
}

const urlReference = /new URL\(\s*(['"`])([^'"`$]+)\1\s*,\s*import\.meta\.url\s*\)/g;
const joinReference = /\b(?:join|resolve)\(\s*import\.meta\.dirname\s*((?:,\s*(['"])[^'"]*\2\s*)+),?\s*\)/g;
const literal = /(['"])([^'"]*)\1/g;
// Comments may show the forms as examples; `//` after a colon is a URL's, not a comment.
const comments = /\/\*[\s\S]*?\*\/|(?<!:)\/\/.*$/gm;

/**
 * The repository paths a module reads relative to itself, found in the two forms the code base uses:
 * `new URL('<path>', import.meta.url)` and `join(import.meta.dirname, '<part>', ...)` with literal parts.
 */
export function fileReferencesOf(source: string, modulePath: string): string[] {
  const folder = posix.dirname(modulePath);
  const code = source.replaceAll(comments, '');
  const found = new Set<string>();
  for (const match of code.matchAll(urlReference)) found.add(posix.join(folder, match[2] ?? ''));
  for (const match of code.matchAll(joinReference)) {
    const parts = [...(match[1] ?? '').matchAll(literal)].map((part) => part[2] ?? '');
    found.add(posix.join(folder, ...parts));
  }
  return [...found].map((path) => path.replace(/\/$/, '')).filter((path) => !path.startsWith('..'));
}

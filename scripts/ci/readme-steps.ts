/**
 * What a README's deployment steps name, read from its `sh` blocks and links, so a test can check that each
 * one exists: the scripts run with `bash`, the npm scripts, the CDK stacks deployed, the files applied, the
 * workflows started and the rendered files read. Pure: no file system here (readme-steps.test.ts checks).
 */

export type StepReference =
  | { readonly kind: 'file'; readonly path: string; readonly line: number }
  | {
      readonly kind: 'npm-script';
      readonly script: string;
      readonly workspace?: string;
      readonly line: number;
    }
  | { readonly kind: 'cdk-stack'; readonly stack: string; readonly line: number }
  | { readonly kind: 'workflow'; readonly workflow: string; readonly line: number }
  | { readonly kind: 'rendered-file'; readonly file: string; readonly line: number };

const shellBlock = /^```(?:sh|bash|shell)\s*$/;

/** Joins a relative path onto a directory given relative to the repository root ('' is the root). */
export function joinRelative(directory: string, path: string): string {
  const parts = directory === '' ? [] : directory.split('/');
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}

const isLocalPath = (word: string) =>
  !/^[a-z]+:\/\//i.test(word) && !word.startsWith('$') && !word.startsWith('-') && word.includes('/');

/** Splits a shell line into commands at `&&`, `||`, `;` and `|` (quotes are rare in these steps). */
const commandsOf = (line: string) =>
  line
    .split(/&&|\|\||;|\|/)
    .map((command) => command.trim().split(/\s+/).filter(Boolean))
    .filter((words) => words.length > 0);

/** The references of one `sh` line, given the directory the block has `cd`-ed into. */
function referencesOfCommand(
  words: readonly string[],
  directory: string,
  line: number,
): { references: StepReference[]; directory: string } {
  const [command, ...args] = words;
  const references: StepReference[] = [];
  if (command === 'cd' && args[0]) return { references, directory: joinRelative(directory, args[0]) };
  if (command === 'bash' && args[0] && isLocalPath(args[0]))
    references.push({ kind: 'file', path: joinRelative(directory, args[0]), line });
  if (command === 'npm' && args[0] === 'run' && args[1]) {
    const workspaceAt = args.findIndex((arg) => arg === '-w' || arg === '--workspace');
    const workspace = workspaceAt >= 0 ? args[workspaceAt + 1] : undefined;
    references.push({
      kind: 'npm-script',
      script: args[1],
      ...(workspace ? { workspace } : directory !== '' ? { workspace: `./${directory}` } : {}),
      line,
    });
  }
  if (command === 'npx' && args[0] === 'cdk' && args[1] === 'deploy')
    for (const arg of args.slice(2)) {
      if (arg.startsWith('-') || arg.startsWith('"')) break;
      references.push({ kind: 'cdk-stack', stack: arg, line });
    }
  if (command === 'gh' && args[0] === 'workflow' && args[1] === 'run' && args[2])
    references.push({ kind: 'workflow', workflow: args[2], line });
  if (command === 'git' && args[0] === 'show' && args[1]?.includes(':')) {
    const path = args[1].slice(args[1].indexOf(':') + 1);
    references.push({ kind: 'rendered-file', file: path, line });
  }
  if (command === 'kubectl' && args[0] === 'apply') {
    const fileAt = args.indexOf('-f');
    const file = fileAt >= 0 ? args[fileAt + 1] : undefined;
    if (file && isLocalPath(file))
      references.push({ kind: 'file', path: joinRelative(directory, file), line });
  }
  return { references, directory };
}

/**
 * Every reference a README's steps make: relative Markdown links (from the README's folder) and, in its
 * `sh` blocks, commands followed through their `cd`s (each block starts in the repository root, as the
 * READMEs say their commands do).
 */
export function stepReferences(markdown: string, readmeDirectory: string): StepReference[] {
  const references: StepReference[] = [];
  let inShell = false;
  let inOtherBlock = false;
  let directory = '';
  markdown.split('\n').forEach((text, index) => {
    const line = index + 1;
    const trimmed = text.trim();
    if (trimmed.startsWith('```')) {
      if (inShell || inOtherBlock) {
        inShell = false;
        inOtherBlock = false;
      } else if (shellBlock.test(trimmed)) {
        inShell = true;
        directory = '';
      } else inOtherBlock = true;
      return;
    }
    if (inShell) {
      for (const words of commandsOf(trimmed)) {
        const found = referencesOfCommand(words, directory, line);
        references.push(...found.references);
        directory = found.directory;
      }
      return;
    }
    if (inOtherBlock) return;
    for (const match of text.matchAll(/\]\(([^)\s#]+)(?:#[^)]*)?\)/g)) {
      const target = match[1] ?? '';
      if (/^[a-z]+:/i.test(target)) continue;
      references.push({ kind: 'file', path: joinRelative(readmeDirectory, target), line });
    }
  });
  return references;
}

export const describeReference = (reference: StepReference): string => {
  switch (reference.kind) {
    case 'file':
      return `file ${reference.path}`;
    case 'npm-script':
      return `npm script ${reference.script}${reference.workspace ? ` in ${reference.workspace}` : ''}`;
    case 'cdk-stack':
      return `CDK stack ${reference.stack}`;
    case 'workflow':
      return `workflow ${reference.workflow}`;
    case 'rendered-file':
      return `rendered file ${reference.file}`;
  }
};

/**
 * The deployment READMEs' steps name things that exist: every script, npm script, CDK stack, workflow,
 * rendered manifest file and linked file, so that a newcomer following them never meets a missing command.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { defineUrrCharts } from '@urr/manifests/charts';
import { settingsFromEnv } from '@urr/manifests/settings';
import { App } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { describeReference, type StepReference, stepReferences } from './readme-steps.js';

const repositoryRoot = join(import.meta.dirname, '..', '..');
const readText = (path: string) => readFileSync(join(repositoryRoot, path), 'utf8');
const readJson = (path: string) => JSON.parse(readText(path));

const workspaceDirectories = (): Map<string, string> => {
  const directories = new Map<string, string>();
  for (const pattern of readJson('package.json').workspaces as string[]) {
    const candidates = pattern.endsWith('/*')
      ? readdirNames(pattern.slice(0, -2)).map((name) => `${pattern.slice(0, -2)}/${name}`)
      : [pattern];
    for (const directory of candidates) {
      if (!existsSync(join(repositoryRoot, directory, 'package.json'))) continue;
      directories.set(readJson(`${directory}/package.json`).name, directory);
    }
  }
  return directories;
};

const readdirNames = (directory: string) => readdirSync(join(repositoryRoot, directory));

/** The CDK app's stack ids, as `defineUrrInfra` names them (constructing the app would bundle every Lambda). */
const cdkStackIds = () =>
  new Set([...readText('infra/src/urr-infra.ts').matchAll(/new \w+Stack\(app, '(\w+)'/g)].map((m) => m[1]));

const renderedFiles = () => {
  const app = new App({ outdir: join(repositoryRoot, 'manifests', 'dist') });
  defineUrrCharts(app, settingsFromEnv({}));
  return new Set(app.charts.map((chart) => `manifests/dist/${chart.node.id}.k8s.yaml`));
};

function missing(references: readonly StepReference[]): string[] {
  const workspaces = workspaceDirectories();
  const stacks = cdkStackIds();
  const rendered = renderedFiles();
  const exists = (reference: StepReference): boolean => {
    switch (reference.kind) {
      case 'file':
        return existsSync(join(repositoryRoot, reference.path));
      case 'npm-script': {
        const directory = reference.workspace
          ? reference.workspace.startsWith('./')
            ? reference.workspace.slice(2)
            : workspaces.get(reference.workspace)
          : '.';
        if (directory === undefined) return false;
        return Boolean(readJson(`${directory}/package.json`).scripts?.[reference.script]);
      }
      case 'cdk-stack':
        return stacks.has(reference.stack);
      case 'workflow':
        return existsSync(join(repositoryRoot, '.github', 'workflows', reference.workflow));
      case 'rendered-file':
        return rendered.has(reference.file);
    }
  };
  return references
    .filter((reference) => !exists(reference))
    .map((reference) => `line ${reference.line}: ${describeReference(reference)}`);
}

describe('the deployment READMEs', () => {
  for (const readme of ['README.md', 'infra/README.md', 'manifests/README.md']) {
    it(`${readme}: every step names something that exists`, () => {
      const references = stepReferences(readText(readme), dirname(readme) === '.' ? '' : dirname(readme));
      expect(references.length).toBeGreaterThan(0);
      expect(missing(references)).toEqual([]);
    });
  }

  it('infra/README.md takes an empty account to a sale: stacks, Argo CD, the Applications, a TicketEvent', () => {
    const kinds = stepReferences(readText('infra/README.md'), 'infra').map((reference) => reference.kind);
    expect(kinds).toEqual(expect.arrayContaining(['cdk-stack', 'workflow', 'rendered-file']));
    const readme = readText('infra/README.md');
    const text = readme.slice(readme.indexOf('## From an empty AWS account to a running sale'));
    const order = [
      'npx cdk bootstrap',
      'npx cdk deploy',
      'gh workflow run',
      'helm install argo-cd',
      'urr-root.k8s.yaml | kubectl apply',
      'kind: TicketEvent',
    ].map((step) => text.indexOf(step));
    expect(order.every((position) => position >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });
});

describe('stepReferences', () => {
  it('follows cd, and names scripts, npm scripts, stacks, workflows, applied and rendered files', () => {
    const markdown = [
      'See [the ADR](../docs/adr/0001-x.md) and [a site](https://example.com).',
      '```sh',
      'npm ci && npm run synth -w @urr/manifests',
      'cd infra && npx cdk deploy UrrA UrrB -c urr:account=1',
      'bash ../scripts/ci/x.sh /tmp/out.json',
      'npm run deploy',
      'kubectl apply -f ../operator/examples/hall.yaml',
      'git show origin/rendered:manifests/dist/root.k8s.yaml | kubectl apply -f -',
      'gh workflow run release.yml --ref main',
      '```',
      '```yaml',
      'link: [not](a-link.md)',
      '```',
    ].join('\n');
    expect(stepReferences(markdown, 'infra')).toEqual([
      { kind: 'file', path: 'docs/adr/0001-x.md', line: 1 },
      { kind: 'npm-script', script: 'synth', workspace: '@urr/manifests', line: 3 },
      { kind: 'cdk-stack', stack: 'UrrA', line: 4 },
      { kind: 'cdk-stack', stack: 'UrrB', line: 4 },
      { kind: 'file', path: 'scripts/ci/x.sh', line: 5 },
      { kind: 'npm-script', script: 'deploy', workspace: './infra', line: 6 },
      { kind: 'file', path: 'operator/examples/hall.yaml', line: 7 },
      { kind: 'rendered-file', file: 'manifests/dist/root.k8s.yaml', line: 8 },
      { kind: 'workflow', workflow: 'release.yml', line: 9 },
    ]);
  });

  it('starts every block in the repository root', () => {
    const markdown = ['```sh', 'cd infra', '```', '```sh', 'bash scripts/a.sh', '```'].join('\n');
    expect(stepReferences(markdown, '')).toEqual([{ kind: 'file', path: 'scripts/a.sh', line: 5 }]);
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readImageList } from '../../../scripts/images/image-list.js';
import { imageRepositories } from '../compute/image-repositories.js';
import {
  type ImageCatalogue,
  imageProblems,
  imagesNamedIn,
  repositoriesWithoutImages,
} from './workflow-images.js';

const workflowsDir = join(import.meta.dirname, '../../../.github/workflows');
const catalogue: ImageCatalogue = {
  repositories: imageRepositories,
  buildable: readImageList().map((image) => ({ name: image.name, kind: image.kind })),
};

describe("the repository's workflows and the stacks' ECR repositories", () => {
  const workflows = readdirSync(workflowsDir).filter((file) => /\.ya?ml$/.test(file));
  const named = workflows.flatMap((file) =>
    imagesNamedIn(file, readFileSync(join(workflowsDir, file), 'utf8')),
  );

  it('name only images the stacks have a repository for, built with their kind’s target', () => {
    expect(workflows).toContain('release.yml');
    expect(named.length).toBeGreaterThanOrEqual(imageRepositories.length);
    expect(imageProblems(named, catalogue)).toEqual([]);
  });

  it('build an image for every repository', () => {
    expect(repositoriesWithoutImages(named, catalogue)).toEqual([]);
  });
});

describe('the checker', () => {
  const workflow = (include: string, text = '') => `
jobs:
  images:
    runs-on: ubuntu-24.04
    strategy:
      matrix:
        include:
${include}
    steps:
      - run: echo ${text}
`;

  it('fails a workflow whose matrix builds an image the stacks have no ECR repository for', () => {
    const named = imagesNamedIn(
      'release.yml',
      workflow(
        '          - { image: gateway-service, target: backend }\n          - { image: ghost-service, target: backend }',
      ),
    );
    expect(imageProblems(named, catalogue)).toEqual([
      'release.yml: image "ghost-service" has no ECR repository in the stacks (urr/ghost-service)',
      'release.yml: image "ghost-service" is not in scripts/images/images.list',
    ]);
  });

  it('fails a literal urr/{name} reference, a local-only image and a wrong target, but not an expression', () => {
    const named = imagesNamedIn(
      'release.yml',
      workflow(
        '          - { image: frontend, target: backend }\n          - { image: local-edge, target: backend }',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, as a workflow has it
        'urr/payment-svc:latest urr/${{ matrix.image }}',
      ),
    );
    expect(named.map((each) => each.image)).toEqual(['frontend', 'local-edge', 'payment-svc']);
    expect(imageProblems(named, catalogue)).toEqual([
      'release.yml: image "frontend" is built with target "backend", its kind is "frontend"',
      'release.yml: image "local-edge" has no ECR repository in the stacks (urr/local-edge)',
      'release.yml: image "payment-svc" has no ECR repository in the stacks (urr/payment-svc)',
      'release.yml: image "payment-svc" is not in scripts/images/images.list',
    ]);
  });

  it('notices a repository nothing builds', () => {
    const named = imagesNamedIn('release.yml', workflow('          - { image: frontend, target: frontend }'));
    expect(repositoriesWithoutImages(named, catalogue)).toEqual(
      imageRepositories.filter((name) => name !== 'frontend'),
    );
  });
});

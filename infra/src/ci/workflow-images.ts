import { parse } from 'yaml';

/** An image a workflow builds or names, with the Containerfile target its matrix entry gives, if any. */
export interface WorkflowImage {
  readonly workflow: string;
  readonly image: string;
  readonly target?: string;
}

/** What the checks compare workflows against: the stacks' ECR repositories and the buildable images. */
export interface ImageCatalogue {
  /** `urr/{name}` repositories of the compute stack. */
  readonly repositories: readonly string[];
  /** scripts/images/images.list: each image's name and kind (its Containerfile target). */
  readonly buildable: readonly { readonly name: string; readonly kind: string }[];
}

const repositoryReference = /(?<![\w.@/-])urr\/([a-z0-9]+(?:-[a-z0-9]+)*)(?![\w-])/g;

/**
 * Every image a workflow names: the `image` of each matrix (a list, or `include` entries with their
 * `target`), and each literal `urr/{name}` in its text (an expression such as `urr/${{ matrix.image }}`
 * names none by itself).
 */
export function imagesNamedIn(workflow: string, text: string): WorkflowImage[] {
  const named: WorkflowImage[] = [];
  const jobs = (parse(text)?.jobs ?? {}) as Record<
    string,
    { strategy?: { matrix?: Record<string, unknown> } }
  >;
  for (const job of Object.values(jobs)) {
    const matrix = job?.strategy?.matrix;
    if (!matrix || typeof matrix !== 'object') continue;
    if (Array.isArray(matrix.image))
      for (const image of matrix.image) named.push({ workflow, image: String(image) });
    if (Array.isArray(matrix.include))
      for (const entry of matrix.include as Record<string, unknown>[])
        if (entry && typeof entry.image === 'string')
          named.push({
            workflow,
            image: entry.image,
            ...(typeof entry.target === 'string' ? { target: entry.target } : {}),
          });
  }
  for (const match of text.matchAll(repositoryReference)) named.push({ workflow, image: match[1]! });
  return named;
}

/** Each image a workflow names that the stacks have no ECR repository for, or that nothing can build. */
export function imageProblems(named: readonly WorkflowImage[], catalogue: ImageCatalogue): string[] {
  const problems = new Set<string>();
  for (const { workflow, image, target } of named) {
    if (!catalogue.repositories.includes(image))
      problems.add(`${workflow}: image "${image}" has no ECR repository in the stacks (urr/${image})`);
    const buildable = catalogue.buildable.find((spec) => spec.name === image);
    if (!buildable) problems.add(`${workflow}: image "${image}" is not in scripts/images/images.list`);
    else if (target !== undefined && target !== buildable.kind)
      problems.add(
        `${workflow}: image "${image}" is built with target "${target}", its kind is "${buildable.kind}"`,
      );
  }
  return [...problems];
}

/** The ECR repositories no workflow builds an image for (their deployments would never get one). */
export function repositoriesWithoutImages(
  named: readonly WorkflowImage[],
  catalogue: ImageCatalogue,
): string[] {
  const built = new Set(named.filter((each) => each.target !== undefined).map((each) => each.image));
  return catalogue.repositories.filter((repository) => !built.has(repository));
}

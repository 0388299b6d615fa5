const repositoryPattern = /^[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$/;
const registryPattern = /^[A-Za-z0-9.-]+(?::\d+)?(?:\/[a-z0-9._-]+)*$/;
const tagPattern = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

/**
 * A container image: `registry/repository:tag`. CI pushes `{sha}-{datetime}` tags to ECR and commits the tag
 * the manifests use; `latest` is refused because Argo CD could not tell two versions apart.
 */
export class ImageRef {
  static of(registry: string, repository: string, tag: string): ImageRef {
    if (!registryPattern.test(registry))
      throw new Error(
        `ImageRef: registry "${registry}" is not a registry host[/path], e.g. 123456789012.dkr.ecr.ap-northeast-2.amazonaws.com`,
      );
    if (!repositoryPattern.test(repository))
      throw new Error(`ImageRef: repository "${repository}" must be lower-case words joined by . _ - or /`);
    if (!tagPattern.test(tag))
      throw new Error(
        `ImageRef: tag "${tag}" is not a valid image tag (letters, digits, . _ -, at most 128)`,
      );
    if (tag === 'latest')
      throw new Error(
        'ImageRef: tag "latest" is not allowed; use the immutable {sha}-{datetime} tag CI pushed',
      );
    return new ImageRef(registry, repository, tag);
  }

  private constructor(
    readonly registry: string,
    readonly repository: string,
    readonly tag: string,
  ) {}

  toString(): string {
    return `${this.registry}/${this.repository}:${this.tag}`;
  }
}

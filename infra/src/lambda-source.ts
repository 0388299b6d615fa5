import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as lambda from 'aws-cdk-lib/aws-lambda';

export const lambdasRoot = fileURLToPath(new URL('../../lambdas/', import.meta.url));

/**
 * Where a Lambda's code comes from. `folder` stages the workspace folder itself (lambdas/{name}) as the asset:
 * synth stays offline and fast, and the template names the real code. Packaging it for the Node.js runtime
 * (bundling the TypeScript and the workspace packages) is the deploy pipeline's step. `placeholder` is an
 * inline stub for a Lambda whose workspace does not exist yet.
 */
export class LambdaSource {
  /**
   * @param workspace folder under lambdas/, e.g. vwr-api
   * @param module handler module inside it, e.g. src/handlers/assign.ts (exports `handler`)
   */
  static folder(workspace: string, module: string): LambdaSource {
    const folder = join(lambdasRoot, workspace);
    if (!existsSync(join(folder, module)))
      throw new Error(
        `LambdaSource: ${join('lambdas', workspace, module)} does not exist; name a module that exports handler`,
      );
    return new LambdaSource(
      lambda.Code.fromAsset(folder, { exclude: ['node_modules', '**/*.test.ts', 'bench'] }),
      `${module.replace(/\.ts$/, '')}.handler`,
      false,
    );
  }

  /** An inline stub that fails every invocation with `reason`, so nothing is silently dropped. */
  static placeholder(reason: string): LambdaSource {
    return new LambdaSource(
      lambda.Code.fromInline(
        `exports.handler = async () => { throw new Error(${JSON.stringify(reason)}); };`,
      ),
      'index.handler',
      true,
    );
  }

  private constructor(
    readonly code: lambda.Code,
    readonly handler: string,
    readonly isPlaceholder: boolean,
  ) {}
}

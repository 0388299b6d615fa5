import { dynamoOptionsOf } from '@urr/vwr-shared/config';
import { createDynamoClient } from '@urr/vwr-shared/dynamo';
import { loadVwrApiConfig } from './config.js';
import { createVwrApiDeps, type VwrApiDeps } from './deps.js';

let deps: VwrApiDeps | undefined;

/** The container's deps, built from the environment on the first invocation (not at import). */
export function depsFromEnv(): VwrApiDeps {
  if (!deps) {
    const config = loadVwrApiConfig();
    deps = createVwrApiDeps(config, createDynamoClient(dynamoOptionsOf(config)));
  }
  return deps;
}

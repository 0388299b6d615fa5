export { CiStack, type CiStackProps, deployEnvironment, githubOidcIssuer } from './ci/ci-stack.js';
export { ComputeStack, type ComputeStackProps } from './compute/compute-stack.js';
export { type ImageRepository, imageRepositories } from './compute/image-repositories.js';
export { type KafkaClient, kafkaClients } from './compute/kafka-access.js';
export {
  DataStack,
  type DataStackProps,
  databaseUserOf,
  generatedSecrets,
  serviceDatabases,
} from './data/data-stack.js';
export { EdgeStack, type EdgeStackProps, edgeAuthKeysFile } from './edge/edge-stack.js';
export { securityHeaderPolicy, securityHeaders } from './edge/security-headers.js';
export { bundledCode, bundledHandler, bundleLambda, type LambdaBundleOptions } from './lambda-bundle.js';
export { MonitoringStack, type MonitoringStackProps } from './monitoring/monitoring-stack.js';
export { NetworkStack, type NetworkStackProps } from './network/network-stack.js';
export { PlannedSubnets } from './network/planned-subnets.js';
export { dataPorts, subnetKinds, subnetPlan, vpcCidr } from './network/subnet-plan.js';
export { defineUrrInfra, type UrrInfraSettings } from './urr-infra.js';
export { VwrStack, type VwrStackProps } from './vwr/vwr-stack.js';

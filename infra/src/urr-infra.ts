import type { EdgeConfigFile } from '@urr/edge-auth/edge-keys';
import type { App, Environment } from 'aws-cdk-lib';
import { CiStack } from './ci/ci-stack.js';
import { ComputeStack } from './compute/compute-stack.js';
import { DataStack } from './data/data-stack.js';
import { EdgeStack } from './edge/edge-stack.js';
import { MonitoringStack } from './monitoring/monitoring-stack.js';
import { NetworkStack } from './network/network-stack.js';
import { VwrStack } from './vwr/vwr-stack.js';

export interface UrrInfraSettings {
  /** The AWS account; unset: environment-agnostic for the region stacks (CDK_DEFAULT_ACCOUNT at deploy). */
  readonly account?: string;
  /** @default 'ap-northeast-2' */
  readonly region?: string;
  /** @default ['ap-northeast-2a', 'ap-northeast-2c'] (the architecture's subnet-a and subnet-c) */
  readonly availabilityZones?: readonly [string, string];
  /** @default 'urr.guru' */
  readonly domainName?: string;
  readonly hostedZoneId: string;
  /** @default `origin.{domainName}` */
  readonly albOriginDomainName?: string;
  readonly cloudFrontPrefixListId?: string;
  readonly alarmEmail?: string;
  readonly publicAccessCidrs?: readonly string[];
  /** IAM principals that administer the EKS cluster (see ComputeStackProps.clusterAdminArns). */
  readonly clusterAdminArns?: readonly string[];
  /** edge-auth's keys, baked into its bundle; see EdgeStackProps.edgeAuthKeys. */
  readonly edgeAuthKeys?: EdgeConfigFile;
  /** The frontend build's `.next/static`, uploaded to the assets bucket. */
  readonly frontendStaticDir?: string;
  /** owner/name on GitHub: its workflows get the CI roles (stack UrrCi). Unset: no CI stack. */
  readonly githubRepository?: string;
  /** The account's GitHub OIDC provider when it exists already. */
  readonly githubOidcProviderArn?: string;
}

/** The six layers of the architecture's AWS side, wired by typed props. */
export function defineUrrInfra(app: App, settings: UrrInfraSettings) {
  const region = settings.region ?? 'ap-northeast-2';
  const env: Environment = { region, ...(settings.account ? { account: settings.account } : {}) };
  const domainName = settings.domainName ?? 'urr.guru';
  const albOriginDomainName = settings.albOriginDomainName ?? `origin.${domainName}`;
  const tags = { project: 'urr' };
  const network = new NetworkStack(app, 'UrrNetwork', {
    env,
    tags,
    availabilityZones: settings.availabilityZones ?? [`${region}a`, `${region}c`],
    ...(settings.cloudFrontPrefixListId ? { cloudFrontPrefixListId: settings.cloudFrontPrefixListId } : {}),
  });
  const data = new DataStack(app, 'UrrData', { env, tags, network });
  const vwr = new VwrStack(app, 'UrrVwr', {
    env,
    tags,
    vwrTokenSecret: data.secrets['vwr-token-secret'],
    domainName,
    crossRegionReferences: true,
  });
  const compute = new ComputeStack(app, 'UrrCompute', {
    env,
    tags,
    network,
    data,
    vwr,
    domainName,
    hostedZoneId: settings.hostedZoneId,
    albOriginDomainName,
    ...(settings.publicAccessCidrs ? { publicAccessCidrs: settings.publicAccessCidrs } : {}),
    ...(settings.clusterAdminArns ? { clusterAdminArns: settings.clusterAdminArns } : {}),
  });
  const edge = new EdgeStack(app, 'UrrEdge', {
    env: { ...env, region: 'us-east-1' },
    tags,
    crossRegionReferences: true,
    domainName,
    hostedZoneId: settings.hostedZoneId,
    albOriginDomainName,
    vwrApiDomainName: vwr.apiDomainName,
    ...(settings.edgeAuthKeys ? { edgeAuthKeys: settings.edgeAuthKeys } : {}),
    ...(settings.frontendStaticDir ? { frontendStaticDir: settings.frontendStaticDir } : {}),
  });
  edge.addStackDependency(data, 'the distribution reads the origin secret from its us-east-1 replica');
  const monitoring = new MonitoringStack(app, 'UrrMonitoring', {
    env,
    tags,
    data,
    compute,
    vwr,
    ...(settings.alarmEmail ? { alarmEmail: settings.alarmEmail } : {}),
  });
  const ci = settings.githubRepository
    ? new CiStack(app, 'UrrCi', {
        env,
        tags,
        githubRepository: settings.githubRepository,
        ...(settings.githubOidcProviderArn ? { githubOidcProviderArn: settings.githubOidcProviderArn } : {}),
      })
    : undefined;
  return { network, data, vwr, compute, edge, monitoring, ...(ci ? { ci } : {}) };
}

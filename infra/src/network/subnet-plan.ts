/**
 * The network plan of docs/architecture.md: one VPC, two AZs, five subnet kinds with fixed CIDRs. The VPC
 * construct and the Kubernetes NetworkPolicies both read it, so a CIDR changes in one place.
 */
export const vpcCidr = '10.0.0.0/16';

export const subnetKinds = ['public', 'app', 'db', 'cache', 'streaming'] as const;
export type SubnetKind = (typeof subnetKinds)[number];

/** How a subnet reaches the internet: directly, through its AZ's NAT gateway, or not at all. */
export type SubnetEgress = 'internet-gateway' | 'nat' | 'isolated';

export interface SubnetKindPlan {
  /** One CIDR per AZ, in AZ order (AZ-A, AZ-B). */
  readonly cidrs: readonly [string, string];
  readonly egress: SubnetEgress;
  /** What the architecture places there. */
  readonly holds: string;
}

export const subnetPlan: Readonly<Record<SubnetKind, SubnetKindPlan>> = {
  public: {
    cidrs: ['10.0.0.0/24', '10.0.1.0/24'],
    egress: 'internet-gateway',
    holds: 'NAT gateways, ALB ENIs',
  },
  app: {
    cidrs: ['10.0.10.0/24', '10.0.11.0/24'],
    egress: 'nat',
    holds: 'EKS worker nodes and pods, RDS Proxy ENIs, interface VPC endpoints',
  },
  db: {
    cidrs: ['10.0.20.0/24', '10.0.21.0/24'],
    egress: 'isolated',
    holds: 'RDS primary, standby, read replica',
  },
  cache: {
    cidrs: ['10.0.30.0/24', '10.0.31.0/24'],
    egress: 'isolated',
    holds: 'ElastiCache primary and replica',
  },
  streaming: {
    cidrs: ['10.0.40.0/24', '10.0.41.0/24'],
    egress: 'nat',
    holds: 'MSK broker ENIs, the ticket-worker Lambda ENIs',
  },
};

/** TCP ports of the data layer, as the services reach it (RDS Proxy, ElastiCache, MSK TLS and IAM listeners). */
export const dataPorts = {
  postgres: 5432,
  redis: 6379,
  kafkaTls: 9094,
  kafkaIam: 9098,
} as const;

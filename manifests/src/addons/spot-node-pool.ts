import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';

/** What Karpenter may add on top of the node group: spot capacity for bursts and blue-green switches. */
export const spotPoolLimits = { cpu: 16, memoryGi: 64 } as const;
/** The instance types Karpenter may launch for the pool (4 vCPU each, as the node group's). */
export const spotInstanceTypes = ['m6i.xlarge', 'm5.xlarge', 'm6a.xlarge', 'c6i.xlarge'] as const;

export interface SpotNodePoolProps {
  readonly clusterName: string;
  /** The IAM role the nodes run as. */
  readonly nodeRole: string;
}

/**
 * A spot NodePool with its EC2NodeClass: the nodes Karpenter launches when pods do not fit on the
 * node group (a sale's scale-out, the preview set of a blue-green switch), within spotPoolLimits, and
 * consolidates away once they are empty or underused.
 */
export class SpotNodePool extends Construct {
  constructor(scope: Construct, id: string, props: SpotNodePoolProps) {
    super(scope, id);
    const discovery = { 'karpenter.sh/discovery': props.clusterName };
    const labels = { 'app.kubernetes.io/part-of': 'urr' };
    const nodeClass = new ApiObject(this, 'node-class', {
      apiVersion: 'karpenter.k8s.aws/v1',
      kind: 'EC2NodeClass',
      metadata: { name: 'urr-spot', labels },
      spec: {
        role: props.nodeRole,
        amiSelectorTerms: [{ alias: 'al2023@latest' }],
        subnetSelectorTerms: [{ tags: discovery }],
        securityGroupSelectorTerms: [{ tags: discovery }],
        metadataOptions: { httpTokens: 'required', httpPutResponseHopLimit: 1 },
      },
    });
    new ApiObject(this, 'node-pool', {
      apiVersion: 'karpenter.sh/v1',
      kind: 'NodePool',
      metadata: { name: 'urr-spot', labels },
      spec: {
        template: {
          metadata: { labels: { 'urr.guru/capacity': 'spot' } },
          spec: {
            nodeClassRef: { group: 'karpenter.k8s.aws', kind: 'EC2NodeClass', name: nodeClass.name },
            requirements: [
              { key: 'karpenter.sh/capacity-type', operator: 'In', values: ['spot'] },
              { key: 'node.kubernetes.io/instance-type', operator: 'In', values: [...spotInstanceTypes] },
              { key: 'kubernetes.io/arch', operator: 'In', values: ['amd64'] },
            ],
            expireAfter: '168h',
          },
        },
        limits: { cpu: String(spotPoolLimits.cpu), memory: `${spotPoolLimits.memoryGi}Gi` },
        disruption: { consolidationPolicy: 'WhenEmptyOrUnderutilized', consolidateAfter: '5m' },
      },
    });
  }
}

import * as iam from 'aws-cdk-lib/aws-iam';

/** The AWS managed policies every worker node's role carries (the node group's and Karpenter's alike). */
export function workerNodePolicies(): iam.IManagedPolicy[] {
  return [
    'AmazonEKSWorkerNodePolicy',
    'AmazonEKS_CNI_Policy',
    'AmazonEC2ContainerRegistryReadOnly',
    'AmazonSSMManagedInstanceCore',
  ].map((name) => iam.ManagedPolicy.fromAwsManagedPolicyName(name));
}

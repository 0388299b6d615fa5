/**
 * The EKS managed node group: on-demand nodes for the platform's steady state (URR's pods at their HPA
 * minima and the add-ons). Karpenter's spot pool (manifests/src/addons/spot-node-pool.ts) adds nodes for
 * a sale's scale-out and a blue-green switch's preview pods; manifests/src/addons/capacity.test.ts checks
 * both against the render (docs/adr/0027-cluster-add-ons-app-of-apps.md).
 */
export const nodeGroup = {
  name: 'urr-on-demand',
  instanceType: 'm6i.xlarge',
  minSize: 3,
  desiredSize: 3,
  maxSize: 6,
} as const;

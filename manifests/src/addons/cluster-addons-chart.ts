import { Chart } from 'cdk8s';
import type { Construct } from 'constructs';
import type { AddonSettings } from './addon-settings.js';
import { AwsSecretStore } from './external-secrets.js';
import { SpotNodePool } from './spot-node-pool.js';

/** The cluster-wide objects of the add-ons: the Secrets Manager store and Karpenter's spot pool. */
export class UrrClusterAddonsChart extends Chart {
  constructor(scope: Construct, id: string, props: { settings: AddonSettings; region: string }) {
    super(scope, id);
    new AwsSecretStore(this, 'secret-store', { region: props.region });
    new SpotNodePool(this, 'spot', {
      clusterName: props.settings.clusterName,
      nodeRole: props.settings.karpenterNodeRole,
    });
  }
}

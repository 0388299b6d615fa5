import type {
  AllocateCidrRequest,
  IIpAddresses,
  SubnetIpamOptions,
  VpcIpamOptions,
} from 'aws-cdk-lib/aws-ec2';
import { type SubnetKind, subnetKinds, subnetPlan, vpcCidr } from './subnet-plan.js';

/**
 * Hands the VPC construct the architecture's exact CIDRs instead of carving them in order: subnet groups are named
 * after the subnet kinds, and each AZ's subnet gets its kind's CIDR for that AZ.
 */
export class PlannedSubnets implements IIpAddresses {
  constructor(private readonly availabilityZones: readonly string[]) {
    if (availabilityZones.length !== 2)
      throw new Error(
        `PlannedSubnets: the architecture's plan has CIDRs for 2 AZs, got ${availabilityZones.length}`,
      );
  }

  allocateVpcCidr(): VpcIpamOptions {
    return { cidrBlock: vpcCidr };
  }

  allocateSubnetsCidr(input: AllocateCidrRequest): SubnetIpamOptions {
    return {
      allocatedSubnets: input.requestedSubnets.map((subnet) => {
        const kind = subnet.configuration.name as SubnetKind;
        if (!subnetKinds.includes(kind))
          throw new Error(`PlannedSubnets: subnet group "${kind}" is not one of ${subnetKinds.join(', ')}`);
        const zone = this.availabilityZones.indexOf(subnet.availabilityZone);
        if (zone < 0) throw new Error(`PlannedSubnets: AZ ${subnet.availabilityZone} is not in the plan`);
        return { cidr: subnetPlan[kind].cidrs[zone]! };
      }),
    };
  }
}

import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { originVerifyHeader } from '../edge/origin-verify.js';

export interface AlbOriginGuardProps {
  /** The value CloudFront sends in {@link originVerifyHeader}. */
  readonly secret: secretsmanager.ISecret;
}

/**
 * The ALB's regional web ACL: 403 for every request whose origin header is not the secret, so only URR's
 * distribution (and its edge-auth) reaches the gateway, never another CloudFront distribution that the
 * prefix list alone would let in. The AWS Load Balancer Controller attaches it to the ALB it makes
 * (Ingress annotation `alb.ingress.kubernetes.io/wafv2-acl-arn`, from the stack output AlbWebAclArn).
 */
export class AlbOriginGuard extends Construct {
  readonly webAcl: wafv2.CfnWebACL;

  constructor(scope: Construct, id: string, props: AlbOriginGuardProps) {
    super(scope, id);
    const visibility = (metricName: string) => ({
      cloudWatchMetricsEnabled: true,
      sampledRequestsEnabled: true,
      metricName,
    });
    this.webAcl = new wafv2.CfnWebACL(this, 'WebAcl', {
      name: 'urr-alb-origin',
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('urr-alb-origin'),
      rules: [
        {
          name: 'RequireOriginSecret',
          priority: 0,
          action: { block: { customResponse: { responseCode: 403 } } },
          statement: {
            notStatement: {
              statement: {
                byteMatchStatement: {
                  fieldToMatch: { singleHeader: { Name: originVerifyHeader } },
                  positionalConstraint: 'EXACTLY',
                  // A dynamic reference: CloudFormation resolves it at deploy time, the template holds no value.
                  searchString: props.secret.secretValue.unsafeUnwrap(),
                  textTransformations: [{ priority: 0, type: 'NONE' }],
                },
              },
            },
          },
          visibilityConfig: visibility('RequireOriginSecret'),
        },
      ],
    });
  }
}

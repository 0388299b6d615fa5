import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';

export interface EdgeIngressProps {
  readonly namespace: string;
  /** Service and port that serve `/api`. */
  readonly api: { readonly service: string; readonly port: number };
  /** Service and port that serve every other path (the frontend). */
  readonly web: { readonly service: string; readonly port: number };
  /** ACM certificate of the ALB's HTTPS listener; unset: the controller discovers one by host. @default none */
  readonly certificateArn?: string;
  /** Security groups of the ALB (the CDK network stack allows only CloudFront's prefix list). @default none */
  readonly securityGroupIds?: readonly string[];
  /** The ALB's web ACL, which refuses requests without CloudFront's origin secret (infra's AlbWebAclArn). @default none */
  readonly webAclArn?: string;
}

/**
 * The ALB, made by the AWS Load Balancer Controller: internet-facing, HTTPS only, IP targets, two
 * target groups (gateway for `/api`, frontend for the rest), health checked on `/ready`.
 */
export class EdgeIngress extends Construct {
  constructor(scope: Construct, id: string, props: EdgeIngressProps) {
    super(scope, id);
    for (const arn of props.certificateArn ? [props.certificateArn] : [])
      if (!/^arn:aws:acm:[a-z0-9-]+:\d{12}:certificate\/[0-9a-f-]+$/.test(arn))
        throw new Error(`EdgeIngress: certificateArn "${arn}" is not an ACM certificate ARN`);
    for (const arn of props.webAclArn ? [props.webAclArn] : [])
      if (!/^arn:aws:wafv2:[a-z0-9-]+:\d{12}:regional\/webacl\/[\w-]+\/[0-9a-f-]+$/.test(arn))
        throw new Error(`EdgeIngress: webAclArn "${arn}" is not a regional WAFv2 web ACL ARN`);
    for (const group of props.securityGroupIds ?? [])
      if (!/^sg-[0-9a-f]{8,17}$/.test(group))
        throw new Error(
          `EdgeIngress: security group "${group}" is not a security group id such as sg-0123abcd`,
        );
    const backend = (target: { service: string; port: number }) => ({
      service: { name: target.service, port: { number: target.port } },
    });
    new k8s.KubeIngress(this, 'ingress', {
      metadata: {
        name: 'urr-edge',
        namespace: props.namespace,
        labels: { 'app.kubernetes.io/part-of': 'urr' },
        annotations: {
          'alb.ingress.kubernetes.io/scheme': 'internet-facing',
          'alb.ingress.kubernetes.io/target-type': 'ip',
          'alb.ingress.kubernetes.io/listen-ports': '[{"HTTPS":443}]',
          'alb.ingress.kubernetes.io/ssl-policy': 'ELBSecurityPolicy-TLS13-1-2-2021-06',
          'alb.ingress.kubernetes.io/healthcheck-path': '/ready',
          ...(props.certificateArn
            ? { 'alb.ingress.kubernetes.io/certificate-arn': props.certificateArn }
            : {}),
          ...(props.securityGroupIds?.length
            ? { 'alb.ingress.kubernetes.io/security-groups': props.securityGroupIds.join(',') }
            : {}),
          ...(props.webAclArn ? { 'alb.ingress.kubernetes.io/wafv2-acl-arn': props.webAclArn } : {}),
        },
      },
      spec: {
        ingressClassName: 'alb',
        rules: [
          {
            http: {
              paths: [
                { path: '/api', pathType: 'Prefix', backend: backend(props.api) },
                { path: '/', pathType: 'Prefix', backend: backend(props.web) },
              ],
            },
          },
        ],
      },
    });
  }
}

import { fileURLToPath } from 'node:url';
import { type EdgeConfigFile, edgeConfigSchema } from '@urr/edge-auth/edge-keys';
import {
  Annotations,
  ArnFormat,
  Duration,
  RemovalPolicy,
  SecretValue,
  Stack,
  type StackProps,
} from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as route53Targets from 'aws-cdk-lib/aws-route53-targets';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';
import { bundledCode, bundledHandler } from '../lambda-bundle.js';
import { originVerifyHeader, originVerifySecretName } from './origin-verify.js';
import { securityHeaderPolicy } from './security-headers.js';

export interface EdgeStackProps extends StackProps {
  /** The site's domain, e.g. urr.guru. */
  readonly domainName: string;
  /** The Route 53 hosted zone of the domain (it exists before the stack). */
  readonly hostedZoneId: string;
  /** Host name of the ALB that the Load Balancer Controller made (a record external-dns keeps). */
  readonly albOriginDomainName: string;
  /** Host name of the waiting room's HTTP API. */
  readonly vwrApiDomainName: string;
  /** WAF rate limit per IP in 5 minutes. @default 2000 */
  readonly rateLimitPer5Minutes?: number;
  /**
   * The keys edge-auth verifies tokens with, baked into its bundle (Lambda@Edge has no environment). Without
   * them the bundle has none and fails closed: every protected request of a sale gets CloudFront's error.
   */
  readonly edgeAuthKeys?: EdgeConfigFile;
  /**
   * The frontend build's `.next/static` folder, uploaded under `_next/static/`. Without it nothing is
   * uploaded (a synth for tests, or before the first frontend build).
   */
  readonly frontendStaticDir?: string;
}

/** The file edge-auth's handler reads beside itself (lambdas/edge-auth/src/handler.ts). */
export const edgeAuthKeysFile = 'edge-auth.config.json';

/** WAF log groups must be named aws-waf-logs-…; requests are logged with their secrets redacted. */
export const edgeWafLogGroupName = 'aws-waf-logs-urr-edge';

const vwrRewriteFile = fileURLToPath(
  new URL('../../../lambdas/vwr-rewrite/src/vwr-rewrite.js', import.meta.url),
);
const vwrStaticRoot = fileURLToPath(new URL('../../../lambdas/vwr-rewrite/static/', import.meta.url));

/**
 * Seed section 3, in us-east-1 (CloudFront's WAF, certificates and Lambda@Edge live there): WAF with the four
 * rules, the edge-auth Lambda@Edge on /api/*, the vwr-rewrite CloudFront Function on /vwr/*, the assets
 * bucket behind Origin Access Control, the distribution and its Route 53 alias.
 */
export class EdgeStack extends Stack {
  readonly distribution: cloudfront.Distribution;
  readonly assets: s3.Bucket;
  readonly webAcl: wafv2.CfnWebACL;
  readonly edgeAuth: lambda.Function;

  constructor(scope: Construct, id: string, props: EdgeStackProps) {
    super(scope, id, props);
    if (this.region !== 'us-east-1')
      throw new Error(
        `EdgeStack: region ${this.region} cannot hold CloudFront's WAF and Lambda@Edge; use us-east-1`,
      );
    const rateLimit = props.rateLimitPer5Minutes ?? 2000;
    if (!Number.isInteger(rateLimit) || rateLimit < 10)
      throw new Error(`EdgeStack: rateLimitPer5Minutes ${rateLimit} must be a whole number of at least 10`);

    const zone = route53.HostedZone.fromHostedZoneAttributes(this, 'Zone', {
      hostedZoneId: props.hostedZoneId,
      zoneName: props.domainName,
    });
    const certificate = new acm.Certificate(this, 'Certificate', {
      domainName: props.domainName,
      validation: acm.CertificateValidation.fromDns(zone),
    });

    const visibility = (metricName: string) => ({
      cloudWatchMetricsEnabled: true,
      sampledRequestsEnabled: true,
      metricName,
    });
    const managed = (priority: number, name: string) => ({
      name,
      priority,
      overrideAction: { none: {} },
      statement: { managedRuleGroupStatement: { vendorName: 'AWS', name } },
      visibilityConfig: visibility(name),
    });
    this.webAcl = new wafv2.CfnWebACL(this, 'WebAcl', {
      name: 'urr-edge',
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('urr-edge'),
      rules: [
        {
          name: 'RateLimitPerIp',
          priority: 0,
          action: { block: {} },
          statement: {
            rateBasedStatement: { limit: rateLimit, aggregateKeyType: 'IP', evaluationWindowSec: 300 },
          },
          visibilityConfig: visibility('RateLimitPerIp'),
        },
        managed(1, 'AWSManagedRulesCommonRuleSet'),
        managed(2, 'AWSManagedRulesKnownBadInputsRuleSet'),
        managed(3, 'AWSManagedRulesSQLiRuleSet'),
      ],
    });

    this.assets = new s3.Bucket(this, 'Assets', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const wafLogs = new logs.LogGroup(this, 'WebAclLogs', {
      logGroupName: edgeWafLogGroupName,
      retention: logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const wafLogging = new wafv2.CfnLoggingConfiguration(this, 'WebAclLogging', {
      resourceArn: this.webAcl.attrArn,
      // WAF wants the log group's ARN without the ":*" that its Arn attribute ends with.
      logDestinationConfigs: [
        this.formatArn({
          service: 'logs',
          resource: 'log-group',
          resourceName: wafLogs.logGroupName,
          arnFormat: ArnFormat.COLON_RESOURCE_NAME,
        }),
      ],
      // Session cookies and tokens stay out of the logs.
      redactedFields: [{ singleHeader: { Name: 'cookie' } }, { singleHeader: { Name: 'authorization' } }],
    });
    wafLogging.node.addDependency(wafLogs);

    const assetsOrigin = origins.S3BucketOrigin.withOriginAccessControl(this.assets);
    // The static fallback waiting page, at vwr/index.html.
    new s3deploy.BucketDeployment(this, 'WaitingPage', {
      destinationBucket: this.assets,
      sources: [s3deploy.Source.asset(vwrStaticRoot)],
      prune: false,
    });

    if (props.frontendStaticDir)
      new s3deploy.BucketDeployment(this, 'FrontendStatic', {
        destinationBucket: this.assets,
        destinationKeyPrefix: '_next/static/',
        sources: [s3deploy.Source.asset(props.frontendStaticDir)],
        // File names carry their content hash; pods of the previous release still ask for the old ones.
        prune: false,
        cacheControl: [s3deploy.CacheControl.fromString('public, max-age=31536000, immutable')],
        memoryLimit: 512,
      });
    else
      Annotations.of(this).addWarning(
        'no frontend build: /_next/static/* is not uploaded (build the frontend, or pass -c urr:frontendStaticDir=…)',
      );

    // Lambda@Edge has no environment: the keys travel in a file inside the bundle.
    if (!props.edgeAuthKeys)
      Annotations.of(this).addWarning(
        'edge-auth has no keys (-c urr:edgeAuthKeysFile=…): its bundle refuses every protected request of a sale',
      );
    this.edgeAuth = new lambda.Function(this, 'EdgeAuth', {
      runtime: lambda.Runtime.NODEJS_22_X,
      code: bundledCode(this, 'EdgeAuth', {
        entry: 'lambdas/edge-auth/src/handler.ts',
        edge: true,
        files: props.edgeAuthKeys
          ? { [edgeAuthKeysFile]: JSON.stringify(edgeConfigSchema.parse(props.edgeAuthKeys)) }
          : {},
      }),
      handler: bundledHandler,
      memorySize: 128,
      timeout: Duration.seconds(5),
    });
    const vwrRewrite = new cloudfront.Function(this, 'VwrRewrite', {
      functionName: 'urr-vwr-rewrite',
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      code: cloudfront.FunctionCode.fromFile({ filePath: vwrRewriteFile }),
      comment: '/vwr/{eventId} → /vwr/index.html',
    });

    // The ALB lets in only requests carrying the origin secret (ADR 0012); it is read here from the replica
    // in this region by dynamic reference, so the template holds no value.
    const alb = new origins.HttpOrigin(props.albOriginDomainName, {
      protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
      customHeaders: {
        [originVerifyHeader]: SecretValue.secretsManager(originVerifySecretName).unsafeUnwrap(),
      },
    });
    const responseHeadersPolicy = new cloudfront.ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'URR security headers (HSTS, CSP, frame, referrer, content type)',
      securityHeadersBehavior: {
        strictTransportSecurity: {
          accessControlMaxAge: Duration.seconds(securityHeaderPolicy.hstsMaxAgeSeconds),
          includeSubdomains: true,
          preload: true,
          override: true,
        },
        contentSecurityPolicy: {
          contentSecurityPolicy: securityHeaderPolicy.contentSecurityPolicy,
          override: true,
        },
        frameOptions: {
          frameOption: securityHeaderPolicy.frameOptions as cloudfront.HeadersFrameOption,
          override: true,
        },
        referrerPolicy: {
          referrerPolicy: securityHeaderPolicy.referrerPolicy as cloudfront.HeadersReferrerPolicy,
          override: true,
        },
        contentTypeOptions: { override: true },
      },
    });
    const dynamic = {
      responseHeadersPolicy,
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
      cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
      originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
    };
    const staticAssets = {
      origin: assetsOrigin,
      responseHeadersPolicy,
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
      compress: true,
    };
    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'URR',
      domainNames: [props.domainName],
      certificate,
      webAclId: this.webAcl.attrArn,
      priceClass: cloudfront.PriceClass.PRICE_CLASS_200,
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
      defaultBehavior: { origin: alb, ...dynamic },
      additionalBehaviors: {
        '/api/*': {
          origin: alb,
          ...dynamic,
          edgeLambdas: [
            {
              functionVersion: this.edgeAuth.currentVersion,
              eventType: cloudfront.LambdaEdgeEventType.VIEWER_REQUEST,
            },
          ],
        },
        '/vwr-api/*': {
          origin: new origins.HttpOrigin(props.vwrApiDomainName, {
            protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
          }),
          ...dynamic,
        },
        '/vwr/*': {
          ...staticAssets,
          functionAssociations: [
            { function: vwrRewrite, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST },
          ],
        },
        '/_next/static/*': staticAssets,
        '/static/*': staticAssets,
      },
    });

    new route53.ARecord(this, 'Alias', {
      zone,
      target: route53.RecordTarget.fromAlias(new route53Targets.CloudFrontTarget(this.distribution)),
    });
    new route53.AaaaRecord(this, 'AliasIpv6', {
      zone,
      target: route53.RecordTarget.fromAlias(new route53Targets.CloudFrontTarget(this.distribution)),
    });
  }
}

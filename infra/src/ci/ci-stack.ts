import { ArnFormat, CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';

/** GitHub Actions' OIDC issuer: a workflow job proves who it is with a token this issuer signs. */
export const githubOidcIssuer = 'token.actions.githubusercontent.com';

/** The GitHub environment of the jobs that deploy (the stacks, the rendered manifests). */
export const deployEnvironment = 'production';

export interface CiStackProps extends StackProps {
  /** owner/name of the GitHub repository whose workflows may assume the roles. */
  readonly githubRepository: string;
  /** The account's GitHub OIDC provider, when it has one already (an account holds one per issuer). */
  readonly githubOidcProviderArn?: string;
  /** The CDK bootstrap qualifier of the account. @default 'hnb659fds' */
  readonly bootstrapQualifier?: string;
}

/**
 * The roles CI assumes with GitHub's OIDC token (no long-lived keys): `urr-ci-images` for jobs on main
 * that push images to the `urr/*` repositories, `urr-ci-deploy` for jobs in the `production` environment
 * that run `cdk deploy` (through the CDK bootstrap roles) and read what the manifests need.
 */
export class CiStack extends Stack {
  readonly imagesRole: iam.Role;
  readonly deployRole: iam.Role;

  constructor(scope: Construct, id: string, props: CiStackProps) {
    super(scope, id, props);
    if (!/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(props.githubRepository))
      throw new Error(`CiStack: githubRepository "${props.githubRepository}" must be owner/name`);
    const providerArn =
      props.githubOidcProviderArn ??
      new iam.OidcProviderNative(this, 'GitHubOidc', {
        url: `https://${githubOidcIssuer}`,
        clientIds: ['sts.amazonaws.com'],
      }).oidcProviderArn;
    const assumedBy = (subject: string) =>
      new iam.FederatedPrincipal(
        providerArn,
        {
          StringEquals: {
            [`${githubOidcIssuer}:aud`]: 'sts.amazonaws.com',
            [`${githubOidcIssuer}:sub`]: `repo:${props.githubRepository}:${subject}`,
          },
        },
        'sts:AssumeRoleWithWebIdentity',
      );

    this.imagesRole = new iam.Role(this, 'ImagesRole', {
      roleName: 'urr-ci-images',
      description: 'GitHub Actions on main: push images to ECR urr/*',
      assumedBy: assumedBy('ref:refs/heads/main'),
    });
    this.imagesRole.addToPolicy(
      new iam.PolicyStatement({ actions: ['ecr:GetAuthorizationToken'], resources: ['*'] }),
    );
    this.imagesRole.addToPolicy(
      new iam.PolicyStatement({
        actions: [
          'ecr:BatchCheckLayerAvailability',
          'ecr:BatchGetImage',
          'ecr:CompleteLayerUpload',
          'ecr:DescribeImages',
          'ecr:GetDownloadUrlForLayer',
          'ecr:InitiateLayerUpload',
          'ecr:PutImage',
          'ecr:UploadLayerPart',
        ],
        resources: [
          this.formatArn({
            service: 'ecr',
            resource: 'repository',
            resourceName: 'urr/*',
            arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
          }),
        ],
      }),
    );

    this.deployRole = new iam.Role(this, 'DeployRole', {
      roleName: 'urr-ci-deploy',
      description: `GitHub Actions in the ${deployEnvironment} environment: cdk deploy, read stack outputs`,
      assumedBy: assumedBy(`environment:${deployEnvironment}`),
    });
    const qualifier = props.bootstrapQualifier ?? 'hnb659fds';
    this.deployRole.addToPolicy(
      new iam.PolicyStatement({
        sid: 'CdkBootstrapRoles',
        actions: ['sts:AssumeRole', 'sts:TagSession'],
        resources: [`arn:${this.partition}:iam::${this.account}:role/cdk-${qualifier}-*`],
      }),
    );
    this.deployRole.addToPolicy(
      new iam.PolicyStatement({
        sid: 'WhatTheManifestsNeed',
        actions: ['cloudformation:DescribeStacks', 'kafka:GetBootstrapBrokers', 'kafka:ListClustersV2'],
        resources: ['*'],
      }),
    );
    this.deployRole.addToPolicy(
      new iam.PolicyStatement({
        sid: 'EdgeAuthKeys',
        actions: ['secretsmanager:GetSecretValue'],
        resources: ['vwr-token-secret', 'entry-token-secret'].map((name) =>
          this.formatArn({
            service: 'secretsmanager',
            resource: 'secret',
            resourceName: `urr/${name}-*`,
            arnFormat: ArnFormat.COLON_RESOURCE_NAME,
          }),
        ),
      }),
    );

    new CfnOutput(this, 'ImagesRoleArn', {
      value: this.imagesRole.roleArn,
      description: 'GitHub variable URR_IMAGES_ROLE_ARN',
    });
    new CfnOutput(this, 'DeployRoleArn', {
      value: this.deployRole.roleArn,
      description: 'GitHub variable URR_DEPLOY_ROLE_ARN',
    });
  }
}

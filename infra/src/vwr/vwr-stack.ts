import { accessTokenJwksPath } from '@urr/common/auth/access-token';
import { countersAttributes, defaultWaitingRoomTables } from '@urr/common/vwr/counters-item';
import { vwrApiRoutes } from '@urr/vwr-api/routes';
import { positionAttributes } from '@urr/vwr-shared/positions-record';
import { Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { bundledCode, bundledHandler } from '../lambda-bundle.js';

export interface VwrStackProps extends StackProps {
  /** Signs `urr-vwr-token` (edge-auth verifies it with the same key). */
  readonly vwrTokenSecret: secretsmanager.ISecret;
  /** The site's domain: vwr-api reads auth-service's public keys from it (a fan joins signed in). */
  readonly domainName: string;
}

/**
 * The kid of `urr/vwr-token-secret`: vwr-api writes it into each token, edge-auth's key file lists the key
 * under it (scripts/ci/edge-auth-keys.sh).
 */
export const vwrTokenKid = 'k1';

/** `POST /vwr-api/vwr/assign/{eventId}` → `assign`: the handler module of each route is named after it. */
export function routeHandlerOf(routeKey: string): { method: apigwv2.HttpMethod; path: string; name: string } {
  const match = /^(GET|POST) (\/vwr-api\/vwr\/([a-z]+)\/\{eventId\})$/.exec(routeKey);
  if (!match)
    throw new Error(`VwrStack: route key "${routeKey}" is not METHOD /vwr-api/vwr/{name}/{eventId}`);
  return { method: match[1] as apigwv2.HttpMethod, path: match[2]!, name: match[3]! };
}

/**
 * Tier 1: the DynamoDB counters and positions tables, one Lambda per vwr-api route behind an HTTP
 * API, and the counter-advancer on a one-minute schedule (six ten-second cycles inside).
 */
export class VwrStack extends Stack {
  readonly counters: dynamodb.Table;
  readonly positions: dynamodb.Table;
  readonly httpApi: apigwv2.HttpApi;
  readonly functions: lambda.Function[] = [];
  /** The HTTP API's host name, CloudFront's origin for /vwr-api/*. */
  readonly apiDomainName: string;

  constructor(scope: Construct, id: string, props: VwrStackProps) {
    super(scope, id, props);
    this.counters = new dynamodb.Table(this, 'Counters', {
      tableName: defaultWaitingRoomTables.countersTable,
      partitionKey: { name: countersAttributes.eventId, type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.positions = new dynamodb.Table(this, 'Positions', {
      tableName: defaultWaitingRoomTables.positionsTable,
      partitionKey: { name: positionAttributes.slotId, type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      timeToLiveAttribute: positionAttributes.expiresAt,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    const tableEnv = {
      VWR_COUNTERS_TABLE: this.counters.tableName,
      VWR_POSITIONS_TABLE: this.positions.tableName,
      NODE_OPTIONS: '--enable-source-maps',
    };
    const fn = (name: string, entry: string, options: Partial<lambda.FunctionProps>) => {
      const created = new lambda.Function(this, name, {
        runtime: lambda.Runtime.NODEJS_22_X,
        architecture: lambda.Architecture.ARM_64,
        code: bundledCode(this, name, { entry }),
        handler: bundledHandler,
        memorySize: 512,
        logGroup: new logs.LogGroup(this, `${name}Logs`, {
          retention: logs.RetentionDays.ONE_MONTH,
          removalPolicy: RemovalPolicy.DESTROY,
        }),
        ...options,
      });
      this.counters.grantReadWriteData(created);
      this.positions.grantReadWriteData(created);
      this.functions.push(created);
      return created;
    };

    this.httpApi = new apigwv2.HttpApi(this, 'VwrApi', {
      apiName: 'urr-vwr-api',
      description: 'Tier-1 waiting room (vwr-api), behind CloudFront /vwr-api/*',
      createDefaultStage: true,
    });
    for (const { routeKey } of vwrApiRoutes) {
      const route = routeHandlerOf(routeKey);
      const handler = fn(`VwrApi-${route.name}`, `lambdas/vwr-api/src/handlers/${route.name}.ts`, {
        timeout: Duration.seconds(10),
        environment: {
          ...tableEnv,
          // A dynamic reference resolved by CloudFormation at deploy time; no key is in the template.
          VWR_TOKEN_SECRET: props.vwrTokenSecret.secretValue.unsafeUnwrap(),
          VWR_TOKEN_KID: vwrTokenKid,
          VWR_COOKIE_SECURE: 'true',
          // Through CloudFront and the gateway, the path auth-service publishes its JWKS on.
          AUTH_JWKS_URL: new URL(accessTokenJwksPath, `https://${props.domainName}`).href,
        },
      });
      this.httpApi.addRoutes({
        path: route.path,
        methods: [route.method],
        integration: new HttpLambdaIntegration(`VwrApi-${route.name}-integration`, handler),
      });
    }
    this.apiDomainName = `${this.httpApi.apiId}.execute-api.${this.region}.${this.urlSuffix}`;

    const advancer = fn('CounterAdvancer', 'lambdas/counter-advancer/src/handler.ts', {
      // Six cycles ten seconds apart, plus the last cycle's writes.
      timeout: Duration.seconds(75),
      reservedConcurrentExecutions: 1,
      environment: { ...tableEnv, ADVANCER_CYCLES: '6', ADVANCER_CYCLE_SECONDS: '10' },
    });
    new events.Rule(this, 'CounterAdvancerSchedule', {
      description: 'Advance every active waiting room once a minute (six cycles inside)',
      schedule: events.Schedule.rate(Duration.minutes(1)),
      targets: [new targets.LambdaFunction(advancer)],
    });
  }
}

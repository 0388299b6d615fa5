import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { loadConfig } from '@urr/common/config/load-config';
import { createLogger } from '@urr/common/logging/logger';
import { createRedis } from '@urr/common/redis/redis-client';
import { bookingHealthFrom } from './booking-health-sources.js';
import { operatorConfigSchema } from './config.js';
import { installCrd } from './crd.js';
import { createOperatorServer } from './http-server.js';
import { KubeClient } from './kube/kube-client.js';
import { loadKubeConfig } from './kube/kube-config.js';
import { OperatorMetrics } from './metrics.js';
import { Operator } from './operator.js';
import { httpSalesFigures } from './sales-figures.js';

const config = loadConfig(operatorConfigSchema);
const logger = createLogger({ service: 'operator', level: config.LOG_LEVEL });

const kube = new KubeClient(loadKubeConfig());
if (config.INSTALL_CRD) await installCrd(kube);

const redis = createRedis({ url: config.REDIS_URL, name: 'operator', logger });
const dynamo = new DynamoDBClient({
  region: config.AWS_REGION,
  ...(config.AWS_ENDPOINT_URL ? { endpoint: config.AWS_ENDPOINT_URL } : {}),
});
const metrics = new OperatorMetrics({ processMetrics: true });
const health = bookingHealthFrom(config, kube);
const identity = `${config.POD_NAME ?? hostname()}_${randomBytes(4).toString('hex')}`;

const operator = new Operator({
  kube,
  redis,
  dynamo,
  countersTable: config.VWR_COUNTERS_TABLE,
  ...(config.TICKET_URL
    ? {
        sales: httpSalesFigures({
          ticketUrl: config.TICKET_URL,
          ...(config.INTERNAL_API_TOKEN ? { internalApiToken: config.INTERNAL_API_TOKEN } : {}),
        }),
      }
    : {}),
  ...(health ? { health } : {}),
  ...(config.WATCH_NAMESPACE ? { watchNamespace: config.WATCH_NAMESPACE } : {}),
  identity,
  workers: config.OPERATOR_WORKERS,
  lease: {
    namespace: config.LEASE_NAMESPACE,
    name: config.LEASE_NAME,
    durationMs: config.LEASE_DURATION_SECONDS * 1000,
    renewDeadlineMs: config.RENEW_DEADLINE_SECONDS * 1000,
    retryPeriodMs: config.RETRY_PERIOD_SECONDS * 1000,
  },
  resyncMs: config.RESYNC_SECONDS * 1000,
  metrics,
  logger,
});

const server = createOperatorServer({ registry: metrics.registry, isLeader: () => operator.isLeader });
server.listen(config.OPERATOR_PORT, () =>
  logger.info(
    {
      port: config.OPERATOR_PORT,
      identity,
      ticketFigures: Boolean(config.TICKET_URL),
      healthPacing: Boolean(health),
    },
    'operator started',
  ),
);
operator.start();

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'stopping: releasing the Lease');
  await operator.stop({ release: true });
  server.close();
  redis.disconnect();
  dynamo.destroy();
  kube.destroy();
}
process.once('SIGTERM', () => void shutdown('SIGTERM'));
process.once('SIGINT', () => void shutdown('SIGINT'));

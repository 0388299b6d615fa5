import { randomBytes } from 'node:crypto';
import {
  type AttributeValue,
  CreateTableCommand,
  DeleteTableCommand,
  DynamoDBClient,
  GetItemCommand,
} from '@aws-sdk/client-dynamodb';
import {
  AutoscalingV2Api,
  CoordinationV1Api,
  CoreV1Api,
  CustomObjectsApi,
  EventsV1Api,
  type EventsV1Event,
  KubeConfig,
  PatchStrategy,
  setHeaderOptions,
} from '@kubernetes/client-node';
import { createLogger } from '@urr/common/logging/logger';
import { eventually as retryUntil } from '@urr/common/testing/eventually';
import { Redis } from 'ioredis';
import type { BookingHealthSource } from './booking-health-source.js';
import type { Clock } from './clock.js';
import { installCrd } from './crd.js';
import { KubeClient } from './kube/kube-client.js';
import { loadKubeConfig } from './kube/kube-config.js';
import { Operator } from './operator.js';
import type { SalesFiguresSource } from './sales-figures.js';
import { type TicketEventObject, ticketEventApi } from './ticket-event.js';

/** Helpers for the operator's tests against the local stack's real apiserver, Redis and DynamoDB. */

export const uniqueSuffix = () => `${process.pid}-${randomBytes(3).toString('hex')}`;

export function testKubeConfig(): KubeConfig {
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromDefault();
  return kubeConfig;
}

/** The shared retry helper, with the operator tests' 15 s default. */
export const eventually = <T>(attempt: () => Promise<T> | T, timeoutMs = 15_000): Promise<T> =>
  retryUntil(attempt, { timeoutMs });

/**
 * A namespace, Redis connection and counters table of this test file's own, with the CRD installed.
 * The namespace is deleted at the end but stays Terminating: no namespace controller runs here.
 */
export class OperatorTestEnv {
  /** What the operator under test talks to the apiserver with. */
  readonly kube = new KubeClient(loadKubeConfig());
  /** client-node, for the tests' own look at the apiserver: a second opinion on what the operator wrote. */
  readonly kubeConfig = testKubeConfig();
  readonly namespace = `urr-op-${uniqueSuffix()}`;
  readonly countersTable = `urr-vwr-counters-test-${uniqueSuffix()}`;
  readonly redis = new Redis(process.env.REDIS_URL!);
  readonly dynamo = new DynamoDBClient({ endpoint: process.env.AWS_ENDPOINT_URL });
  readonly core = this.kubeConfig.makeApiClient(CoreV1Api);
  readonly customObjects = this.kubeConfig.makeApiClient(CustomObjectsApi);
  private readonly operators: Operator[] = [];
  private readonly logger = createLogger({
    service: 'operator',
    level: process.env.OPERATOR_TEST_LOG_LEVEL ?? 'silent',
  });

  async setUp(): Promise<void> {
    await installCrd(this.kube);
    await this.core.createNamespace({ body: { metadata: { name: this.namespace } } });
    await this.dynamo.send(
      new CreateTableCommand({
        TableName: this.countersTable,
        AttributeDefinitions: [{ AttributeName: 'eventId', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'eventId', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
  }

  /**
   * Deletes what is left, finalizers stripped so nothing waits for an operator that has stopped. Objects
   * go one by one: without a namespace controller, deleting the namespace removes nothing in it.
   */
  async tearDown(): Promise<void> {
    await Promise.all(this.operators.map((operator) => operator.stop({ release: true })));
    const { group, version, plural } = ticketEventApi;
    const namespace = this.namespace;
    const list = (await this.customObjects
      .listNamespacedCustomObject({ group, version, namespace, plural })
      .catch(() => ({ items: [] }))) as { items: TicketEventObject[] };
    for (const { metadata } of list.items) {
      const body = [{ op: 'remove', path: '/metadata/finalizers' }];
      await this.customObjects
        .patchNamespacedCustomObject(
          { group, version, namespace, plural, name: metadata.name, body },
          setHeaderOptions('Content-Type', PatchStrategy.JsonPatch),
        )
        .catch(() => undefined);
      await this.customObjects
        .deleteNamespacedCustomObject({ group, version, namespace, plural, name: metadata.name })
        .catch(() => undefined);
    }
    await this.kubeConfig
      .makeApiClient(AutoscalingV2Api)
      .deleteCollectionNamespacedHorizontalPodAutoscaler({ namespace })
      .catch(() => undefined);
    await this.kubeConfig
      .makeApiClient(CoordinationV1Api)
      .deleteCollectionNamespacedLease({ namespace })
      .catch(() => undefined);
    await this.core.deleteNamespace({ name: namespace }).catch(() => undefined);
    await this.dynamo.send(new DeleteTableCommand({ TableName: this.countersTable })).catch(() => undefined);
    this.redis.disconnect();
    this.dynamo.destroy();
    this.kube.destroy();
  }

  startOperator(
    options: {
      identity?: string;
      clock?: Clock;
      sales?: SalesFiguresSource;
      health?: BookingHealthSource;
      leaseName?: string;
      leaseDurationMs?: number;
    } = {},
  ): Operator {
    const operator = new Operator({
      kube: this.kube,
      redis: this.redis,
      dynamo: this.dynamo,
      countersTable: this.countersTable,
      ...(options.sales ? { sales: options.sales } : {}),
      ...(options.health ? { health: options.health } : {}),
      ...(options.clock ? { clock: options.clock } : {}),
      watchNamespace: this.namespace,
      identity: options.identity ?? `test-operator-${uniqueSuffix()}`,
      lease: {
        namespace: this.namespace,
        name: options.leaseName ?? 'urr-ticketevent-operator',
        durationMs: options.leaseDurationMs ?? 2000,
        renewDeadlineMs: Math.floor((options.leaseDurationMs ?? 2000) * 0.75),
        retryPeriodMs: 250,
      },
      resyncMs: 30_000,
      backoff: { baseMs: 100, maxMs: 2000 },
      logger: this.logger,
    });
    this.operators.push(operator);
    operator.start();
    return operator;
  }

  async createTicketEvent(name: string, spec: Record<string, unknown>): Promise<TicketEventObject> {
    const { group, version, plural, apiVersion, kind } = ticketEventApi;
    return (await this.customObjects.createNamespacedCustomObject({
      group,
      version,
      namespace: this.namespace,
      plural,
      body: { apiVersion, kind, metadata: { name }, spec },
    })) as TicketEventObject;
  }

  async getTicketEvent(name: string): Promise<TicketEventObject> {
    const { group, version, plural } = ticketEventApi;
    return (await this.customObjects.getNamespacedCustomObject({
      group,
      version,
      namespace: this.namespace,
      plural,
      name,
    })) as TicketEventObject;
  }

  async patchSpec(
    name: string,
    operations: { op: 'replace' | 'add'; path: string; value: unknown }[],
  ): Promise<void> {
    const { group, version, plural } = ticketEventApi;
    await this.customObjects.patchNamespacedCustomObject(
      { group, version, namespace: this.namespace, plural, name, body: operations },
      setHeaderOptions('Content-Type', PatchStrategy.JsonPatch),
    );
  }

  async deleteTicketEvent(name: string): Promise<void> {
    const { group, version, plural } = ticketEventApi;
    await this.customObjects.deleteNamespacedCustomObject({
      group,
      version,
      namespace: this.namespace,
      plural,
      name,
    });
  }

  /** The Kubernetes Events recorded about one TicketEvent. */
  async eventsAbout(name: string): Promise<EventsV1Event[]> {
    const list = await this.kubeConfig
      .makeApiClient(EventsV1Api)
      .listNamespacedEvent({ namespace: this.namespace, fieldSelector: `regarding.name=${name}` });
    return list.items;
  }

  /** Waits until an Event with this reason was recorded about the TicketEvent. */
  async waitForEvent(name: string, reason: string): Promise<EventsV1Event> {
    return eventually(async () => {
      const found = (await this.eventsAbout(name)).find((event) => event.reason === reason);
      if (!found) throw new Error(`no ${reason} Event about ${name}`);
      return found;
    });
  }

  async countersItem(eventId: string): Promise<Record<string, AttributeValue> | undefined> {
    const result = await this.dynamo.send(
      new GetItemCommand({
        TableName: this.countersTable,
        Key: { eventId: { S: eventId } },
        ConsistentRead: true,
      }),
    );
    return result.Item;
  }
}

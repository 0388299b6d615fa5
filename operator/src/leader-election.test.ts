import { CoordinationV1Api } from '@kubernetes/client-node';
import { tier2Keys } from '@urr/common/queue/tier2-keys';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Operator } from './operator.js';
import { eventually, OperatorTestEnv, uniqueSuffix } from './test-support.js';

const env = new OperatorTestEnv();
const leaseName = 'urr-ticketevent-operator';
const leaseDurationMs = 2000;
const hour = 3_600_000;

beforeAll(() => env.setUp());
afterAll(() => env.tearDown());

const successfulReconciles = async (operator: Operator) =>
  (await operator.metrics.reconciles.get()).values.find((v) => v.labels.result === 'success')?.value ?? 0;

async function leaseHolder(): Promise<string | undefined> {
  const lease = await env.kubeConfig
    .makeApiClient(CoordinationV1Api)
    .readNamespacedLease({ name: leaseName, namespace: env.namespace });
  return lease.spec?.holderIdentity;
}

describe('two operator replicas share one Lease', () => {
  it('lets only the Lease holder write, and hands over to the other within the lease duration when it dies', async () => {
    const replicas = {
      a: env.startOperator({ identity: `replica-a-${uniqueSuffix()}`, leaseName, leaseDurationMs }),
      b: env.startOperator({ identity: `replica-b-${uniqueSuffix()}`, leaseName, leaseDurationMs }),
    };
    const leader = await eventually(() => {
      const leaders = Object.values(replicas).filter((replica) => replica.isLeader);
      expect(leaders).toHaveLength(1);
      return leaders[0]!;
    });
    const standby = leader === replicas.a ? replicas.b : replicas.a;
    const holder = await leaseHolder();
    expect(holder).toBe(leader.identity);

    const eventId = `election-${uniqueSuffix()}`;
    const now = Date.now();
    await env.createTicketEvent('election', {
      eventId,
      sale: { opensAt: new Date(now - hour).toISOString(), closesAt: new Date(now + hour).toISOString() },
    });
    await eventually(async () => {
      const event = await env.getTicketEvent('election');
      expect(event.status?.observedGeneration).toBe(1);
    });
    // The status is written before the pass ends (Events follow), so wait for the pass to be counted.
    await eventually(async () => expect(await successfulReconciles(leader)).toBeGreaterThan(0));
    expect(await successfulReconciles(standby)).toBe(0);
    expect(standby.isLeader).toBe(false);
    const reporters = new Set((await env.eventsAbout('election')).map((event) => event.reportingInstance));
    expect([...reporters]).toEqual([holder]);

    // Kill the leader: it stops without releasing the Lease, as a crashed pod would.
    const killedAt = Date.now();
    await leader.stop();
    await eventually(() => expect(standby.isLeader).toBe(true), 4 * leaseDurationMs);
    const takeoverMs = Date.now() - killedAt;
    console.log(`[leader-election] takeover after ${takeoverMs} ms (lease duration ${leaseDurationMs} ms)`);
    expect(takeoverMs).toBeLessThan(leaseDurationMs + 1000);
    expect(await leaseHolder()).toBe(standby.identity);

    await env.patchSpec('election', [{ op: 'replace', path: '/spec/queue/maxActiveUsers', value: 321 }]);
    await eventually(async () => {
      const event = await env.getTicketEvent('election');
      expect(event.status?.observedGeneration).toBe(2);
    });
    expect(await env.redis.get(tier2Keys.maxUsers(eventId))).toBe('321');
    await eventually(async () => expect(await successfulReconciles(standby)).toBeGreaterThan(0));
    expect(leader.isLeader).toBe(false);

    // A clean shutdown hands the Lease back at once instead of letting it run out.
    await standby.stop({ release: true });
    expect(await leaseHolder()).toBeUndefined();
  });
});

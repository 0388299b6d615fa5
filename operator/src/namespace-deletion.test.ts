import { AutoscalingV2Api } from '@kubernetes/client-node';
import { tier2Keys } from '@urr/common/queue/tier2-keys';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, OperatorTestEnv, uniqueSuffix } from './test-support.js';
import { cleanupFinalizer } from './ticket-event.js';

const env = new OperatorTestEnv();
const hour = 3_600_000;

beforeAll(async () => {
  await env.setUp();
  env.startOperator();
});
afterAll(() => env.tearDown());

describe('a TicketEvent whose namespace is being deleted', () => {
  it('is cleaned up and let go, though its HPAs cannot be created again there', async () => {
    const eventId = `ns-deletion-${uniqueSuffix()}`;
    await env.createTicketEvent('doomed', {
      eventId,
      sale: {
        opensAt: new Date(Date.now() - hour).toISOString(),
        closesAt: new Date(Date.now() + hour).toISOString(),
      },
    });
    await eventually(async () => {
      const event = await env.getTicketEvent('doomed');
      expect(event.metadata.finalizers).toContain(cleanupFinalizer);
      expect(event.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');
    });
    expect(await env.redis.get(tier2Keys.status(eventId))).toBe('open');
    // One HPA gone before the namespace goes: restoring its bounds would have to create it, which the
    // apiserver refuses in a namespace being deleted.
    await env.kubeConfig
      .makeApiClient(AutoscalingV2Api)
      .deleteNamespacedHorizontalPodAutoscaler({ name: 'gateway-service', namespace: env.namespace });
    await env.core.deleteNamespace({ name: env.namespace });
    // What the namespace controller does next: delete what the namespace holds.
    await env.deleteTicketEvent('doomed');
    await eventually(() => expect(env.getTicketEvent('doomed')).rejects.toMatchObject({ code: 404 }));
    expect(await env.redis.exists(tier2Keys.status(eventId))).toBe(0);
    expect(await env.redis.sismember(tier2Keys.activeEvents(), eventId)).toBe(0);
    expect((await env.countersItem(eventId))?.active?.BOOL).toBe(false);
  });
});

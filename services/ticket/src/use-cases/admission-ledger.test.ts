import { randomUUID } from 'node:crypto';
import { withTransaction } from '@urr/common';
import type { AdmissionMessage } from '@urr/common/events/admission-message';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdmissionRejectedError } from '../domain/errors.js';
import {
  call,
  createSaleEvent,
  expectStatus,
  newUser,
  startTicketTestEnv,
  type TicketTestEnv,
} from '../testing/ticket-test-env.js';
import { applyAdmissionMessage } from './admission-ledger.js';

let env: TicketTestEnv;
const admin = newUser('admin');

beforeAll(async () => {
  env = await startTicketTestEnv();
});
afterAll(async () => {
  await env?.close();
});

const message = (
  eventId: string,
  userId: string,
  type: AdmissionMessage['type'],
  second: number,
): AdmissionMessage => ({
  id: `adm-${randomUUID()}`,
  type,
  eventId,
  userId,
  occurredAt: new Date(Date.UTC(2026, 0, 1, 12, 0, second)).toISOString(),
  position: type === 'queue.admitted' ? second : null,
});

const apply = (admission: AdmissionMessage) =>
  withTransaction(env.db.primary, (tx) => applyAdmissionMessage(tx, admission));

const figures = async (eventId: string) =>
  expectStatus(
    await call(env, 'GET', `/internal/events/${eventId}/admissions`, {
      headers: { 'x-internal-token': env.config.INTERNAL_API_TOKEN },
    }),
    200,
  );

describe('the admissions ledger', () => {
  it('applies each message once, and reports the figures', async () => {
    const { event } = await createSaleEvent(env, admin);
    const [first, second] = [randomUUID(), randomUUID()];
    const admitted = message(event.id, first, 'queue.admitted', 1);
    expect(await apply(admitted)).toBe('applied');
    expect(await apply(admitted)).toBe('duplicate');
    expect(await apply(message(event.id, second, 'queue.admitted', 2))).toBe('applied');
    expect(await apply(message(event.id, second, 'queue.left', 3))).toBe('applied');
    expect(await figures(event.id)).toEqual({
      eventId: event.id,
      admitted: 1,
      left: 1,
      expired: 0,
      admissions: 2,
    });
  });

  it('refuses a message for an event ticket-service does not have, and writes nothing', async () => {
    for (const eventId of [randomUUID(), 'not-a-uuid']) {
      const refused = message(eventId, randomUUID(), 'queue.admitted', 1);
      const error = await apply(refused).catch((caught) => caught);
      expect(error).toBeInstanceOf(AdmissionRejectedError);
      expect(error.reason).toBe('unknown-event');
      const recorded = await env.db.primary.execute(
        sql`select count(*)::int as n from admission_messages where message_id = ${refused.id}`,
      );
      expect(recorded.rows).toEqual([{ n: 0 }]);
    }
  });

  it('refuses a redelivered message whose event was deleted since, and the redelivery of one applied before', async () => {
    const { event } = await createSaleEvent(env, admin);
    const first = message(event.id, randomUUID(), 'queue.admitted', 1);
    expect(await apply(first)).toBe('applied');
    expect(await apply(first)).toBe('duplicate');
    await env.db.primary.execute(sql`delete from events where id = ${event.id}`);
    const error = await apply(first).catch((caught) => caught);
    expect(error).toBeInstanceOf(AdmissionRejectedError);
    expect(error.reason).toBe('unknown-event');
  });

  it("applies a user's first messages arriving at once without losing one", async () => {
    const { event } = await createSaleEvent(env, admin);
    const userId = randomUUID();
    const messages = [1, 2, 3, 4].map((second) => message(event.id, userId, 'queue.admitted', second));
    expect(await Promise.all(messages.map(apply))).toEqual(['applied', 'applied', 'applied', 'applied']);
    expect(await figures(event.id)).toMatchObject({ admitted: 1, admissions: 4 });
  });
});

import { randomUUID } from 'node:crypto';
import type { seededRandom } from '@urr/common/testing/seeded-random';
import type { Api } from '../../frontend/src/lib/api/client.js';
import { ApiProblem } from '../../frontend/src/lib/api/problem.js';
import type { IssuedChallenge, ProofOfWorkPool } from './proof-of-work-pool.js';
import type { Sale } from './sale-setup.js';
import type { Tier1Record } from './verdict.js';

/** The seeded source a fan's plan and choices are drawn from (the same seed plays the same sale). */
type Random = ReturnType<typeof seededRandom>;

/** What a fan does besides buying, decided before they arrive. */
export interface FanPlan {
  readonly arrivesAt: number;
  readonly wantsStanding: boolean;
  /** Leaves the waiting room before their turn. */
  readonly leavesWaiting: boolean;
  /** Holds seats and never pays (the hold expires). */
  readonly abandonsHold: boolean;
  readonly card: keyof typeof cards;
  /**
   * When the card is declined: pays with a good card within the hold (the payment takes another card while
   * the hold lasts), or gives up and lets the hold go.
   */
  readonly afterDecline: 'another-card' | 'gives-up';
  readonly cancelsAfter: boolean;
  readonly transfersAfter: boolean;
  /** Wants the seats everyone wants (the front rows). */
  readonly wantsFrontRows: boolean;
  readonly tickets: number;
}

export const cards = {
  succeeds: '4242424242424242',
  declined: '4000000000000002',
  insufficientFunds: '4000000000009995',
  timesOut: '4000000000000119',
  lateSuccess: '4000000000000259',
} as const;

export type FanOutcome =
  | 'confirmed'
  | 'sold-out'
  | 'left-waiting'
  | 'abandoned-hold'
  | 'payment-failed'
  | 'cancelled'
  | 'transferred'
  | 'gave-up'
  | 'error';

export interface FanResult {
  readonly userId: string;
  readonly outcome: FanOutcome;
  readonly tier1?: Tier1Record;
  /** Arrival to Tier-2 admission (the whole wait), ms. */
  readonly waitMs?: number;
  readonly reservationId?: string;
  /** When the fan saw the booking CONFIRMED. */
  readonly bookedAt?: number;
  readonly error?: string;
}

export function planFan(random: Random, arrivesAt: number): FanPlan {
  const roll = random.next();
  const card: FanPlan['card'] =
    roll < 0.8
      ? 'succeeds'
      : roll < 0.87
        ? 'declined'
        : roll < 0.9
          ? 'insufficientFunds'
          : roll < 0.95
            ? 'timesOut'
            : 'lateSuccess';
  return {
    arrivesAt,
    wantsStanding: random.chance(0.15),
    leavesWaiting: random.chance(0.04),
    abandonsHold: random.chance(0.05),
    card,
    // Of the fans whose card is declined, most try another; one in seven of the `declined` ones walks away.
    afterDecline: roll >= 0.86 && roll < 0.87 ? 'gives-up' : 'another-card',
    cancelsAfter: random.chance(0.03),
    transfersAfter: random.chance(0.03),
    wantsFrontRows: random.chance(0.5),
    tickets: random.chance(0.3) ? 2 : 1,
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const statusOf = (error: unknown) => (error instanceof ApiProblem ? error.status : undefined);
const typeOf = (error: unknown) => (error instanceof ApiProblem ? (error.problem.type ?? '') : '');

/** No answer, or an answer that says "try again": 429, and 502/503 while a service restarts. */
const retriable = (status: number | undefined) =>
  status === undefined || status === 0 || status === 429 || status === 502 || status === 503;

/**
 * Retries what a browser's user would retry (after Retry-After, or backing off) until the fan's deadline,
 * read at each failure (a sell-out moves it earlier); anything else is the answer. `also` names more
 * statuses worth a retry for this call (504 for a read, say).
 */
export async function patiently<T>(
  fan: { readonly deadline: number },
  attempt: () => Promise<T>,
  also: readonly number[] = [504],
): Promise<T> {
  for (let tries = 0; ; tries += 1) {
    try {
      return await attempt();
    } catch (error) {
      const status = statusOf(error);
      if (!(retriable(status) || also.includes(status!)) || Date.now() > fan.deadline) throw error;
      const retryAfter =
        error instanceof ApiProblem ? Number(error.problem.retryAfter ?? Number.NaN) : Number.NaN;
      await sleep(
        Number.isFinite(retryAfter) ? retryAfter * 1000 : Math.min(4000, 250 * 2 ** Math.min(tries, 4)),
      );
    }
  }
}

export interface FanContext {
  readonly api: Api;
  /** The fan's own fetch (cookies, address), for the door's challenge the app solves in a worker. */
  readonly fetch: typeof fetch;
  readonly edgeUrl: string;
  /** Solves the door's proof of work (off the event loop), asking for the challenge when its turn comes. */
  readonly solve: ProofOfWorkPool['solve'];
  readonly userId: string;
  readonly sale: Sale;
  readonly plan: FanPlan;
  readonly random: Random;
  /** The run's end: nobody waits beyond it. */
  readonly deadline: number;
  /** The friend a transfer goes to, signed in. */
  readonly friend?: Api;
}

type VwrState = Awaited<ReturnType<Api['waitingRoom']['check']>>;

async function jsonOrProblem<T>(response: Response): Promise<T> {
  const text = await response.text();
  const body = text ? JSON.parse(text) : undefined;
  if (!response.ok) throw new ApiProblem({ title: response.statusText, status: response.status, ...body });
  return body as T;
}

/** The door's proof of work, then the place in line. */
async function assign(fan: FanContext, eventId: string): Promise<VwrState> {
  const base = `${fan.edgeUrl}/vwr-api/vwr`;
  const solved = await fan.solve(
    async () => jsonOrProblem<IssuedChallenge>(await fan.fetch(`${base}/challenge/${eventId}`)),
    () => fan.deadline,
  );
  return jsonOrProblem<VwrState>(
    await fan.fetch(`${base}/assign/${eventId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(solved),
    }),
  );
}

/** Tier 1: in at the door, then wait for the turn at the pace the waiting room asks for. */
async function throughTier1(
  fan: FanContext,
  eventId: string,
): Promise<{ readonly record: Tier1Record; readonly outcome: 'admitted' | 'sold-out' | 'left' }> {
  const { api } = fan;
  const assignStartedAt = Date.now();
  // As the waiting page does: a 403 (a challenge that went stale while it was solved) joins again.
  let current = await patiently(fan, () => assign(fan, eventId), [504, 403]);
  const assignedAt = Date.now();
  const preQueue = current.status === 'pre-queue';
  let position: number | null = 'position' in current ? current.position : null;
  const record = (admittedAt: number | null): Tier1Record => ({
    userId: fan.userId,
    eventId,
    preQueue,
    assignStartedAt,
    assignedAt,
    position,
    admittedAt,
  });
  for (let polls = 0; current.status !== 'admitted'; polls += 1) {
    if (current.status === 'sold-out') return { record: record(null), outcome: 'sold-out' };
    if (fan.plan.leavesWaiting && polls === 2) {
      await api.waitingRoom.leave(eventId).catch(() => undefined);
      return { record: record(null), outcome: 'left' };
    }
    if (Date.now() > fan.deadline) throw new Error('the run ended while waiting in Tier 1');
    await sleep(Math.max(500, current.pollAfterSeconds * 1000));
    current = await patiently(fan, () => api.waitingRoom.check(eventId));
    if ('position' in current && current.position !== null) position = current.position;
  }
  if (current.position !== null) position = current.position;
  return { record: record(Date.now()), outcome: 'admitted' };
}

/** Tier 2: the queue in front of seat choice; admission sets the entry pass cookie. */
async function throughTier2(fan: FanContext, eventId: string): Promise<'admitted' | 'sold-out'> {
  const { api } = fan;
  try {
    let state = await patiently(fan, () => api.queue.enter(eventId));
    while (state.state !== 'admitted') {
      if (state.queueStatus === 'soldout' || state.queueStatus === 'closed') return 'sold-out';
      if (Date.now() > fan.deadline) throw new Error('the run ended while waiting in Tier 2');
      await sleep(Math.max(500, state.pollAfterSeconds * 1000));
      state = await patiently(fan, () =>
        state.state === 'not-in-line' ? api.queue.enter(eventId) : api.queue.status(eventId),
      );
    }
    return 'admitted';
  } catch (error) {
    if (typeOf(error) === 'urn:urr:problem:queue-sold-out') return 'sold-out';
    throw error;
  }
}

type Held = Awaited<ReturnType<Api['booking']['reserveSeats']>>;

/** How long a fan keeps refreshing while every seat left is held by someone else (holds lapse). */
const heldSeatsPatienceMs = 75_000;

/**
 * The fan's own unpaid hold of this sale, if a hold went through but its answer was lost (the service died
 * mid-request): the app's "my reservations" shows it, and the fan pays for it instead of holding more.
 */
async function existingHold(fan: FanContext, eventId: string): Promise<Held | undefined> {
  const page = await patiently(fan, () => fan.api.reservations.list({ status: 'PENDING_PAYMENT', size: 20 }));
  const hold = page.items.find((reservation) => reservation.eventId === eventId);
  return hold ? { ...hold, paymentIntentId: null } : undefined;
}

/** Seats: the front rows if that is what the fan wants (contended on purpose), else any free ones. */
async function holdSeats(fan: FanContext): Promise<Held | 'sold-out'> {
  const { api, sale, plan, random } = fan;
  const patience = Date.now() + heldSeatsPatienceMs;
  for (let attempt = 0; ; attempt += 1) {
    const earlier = attempt > 0 ? await existingHold(fan, sale.seated.eventId) : undefined;
    if (earlier) return earlier;
    const map = await patiently(fan, () => api.booking.seats(sale.seated.eventId, sale.seated.performanceId));
    const free = map.seats.filter((seat) => seat.state === 'available');
    if (free.length === 0) {
      if (map.counts.held === 0 || Date.now() > Math.min(patience, fan.deadline)) return 'sold-out';
      await sleep(3000 + random.between(0, 1999));
      continue;
    }
    const front = free.filter((seat) => seat.grade === 'VIP');
    const pool = plan.wantsFrontRows && front.length > 0 ? front : free;
    const first = random.between(0, pool.length - 1);
    const wanted = pool
      .slice(first, first + Math.min(plan.tickets, pool.length - first))
      .map((seat) => seat.id);
    try {
      return await patiently(fan, () => api.booking.reserveSeats(sale.seated.eventId, wanted));
    } catch (error) {
      if (statusOf(error) !== 409 && !retriable(statusOf(error))) throw error;
    }
  }
}

async function holdStanding(fan: FanContext): Promise<Held | 'sold-out'> {
  const standing = fan.sale.standing!;
  const patience = Date.now() + heldSeatsPatienceMs;
  for (let attempt = 0; ; attempt += 1) {
    const earlier = attempt > 0 ? await existingHold(fan, standing.eventId) : undefined;
    if (earlier) return earlier;
    try {
      return await patiently(fan, () =>
        fan.api.booking.reserveStanding(standing.eventId, standing.ticketTypeId, fan.plan.tickets),
      );
    } catch (error) {
      if (statusOf(error) !== 409 && !retriable(statusOf(error))) throw error;
      if (Date.now() > Math.min(patience, fan.deadline)) return 'sold-out';
      await sleep(5000 + fan.random.between(0, 1999));
    }
  }
}

async function paymentIntentOf(fan: FanContext, held: Held): Promise<string> {
  if (held.paymentIntentId) return held.paymentIntentId;
  const intent = await patiently(fan, () => fan.api.reservations.paymentIntent(held.id));
  return intent.paymentIntentId;
}

const entryRevoked = (error: unknown) => typeOf(error) === 'urn:urr:problem:entry-token-revoked';

/**
 * A booking call behind the entry pass: when the fan's place in Tier 2 is gone (Redis restarted, the slot
 * lapsed), the app sends them back to the queue and tries again once they are let in, as here (twice at most).
 */
async function withEntryPass<T>(
  fan: FanContext,
  eventId: string,
  call: () => Promise<T>,
): Promise<T | 'sold-out'> {
  for (let rejoins = 0; ; rejoins += 1) {
    try {
      return await call();
    } catch (error) {
      if (!entryRevoked(error) || rejoins >= 2) throw error;
      if ((await throughTier2(fan, eventId)) === 'sold-out') return 'sold-out';
    }
  }
}

type Payment = Awaited<ReturnType<Api['payments']['get']>>;

/** Waits for a payment whose outcome was not known at once (the PSP slow, a restart) to settle. */
async function settled(fan: FanContext, paymentId: string): Promise<Payment> {
  for (;;) {
    const payment = await patiently(fan, () => fan.api.payments.get(paymentId));
    if (payment.status !== 'processing' || Date.now() > fan.deadline) return payment;
    await sleep(1000);
  }
}

/**
 * Pays with the planned card (a new idempotency key per card; the same key on a retry of one try). A
 * declined card leaves the hold payable by another card: the fan pays with a good one, or gives up (the
 * hold is let go). Then waits for the booking to be confirmed.
 */
async function pay(fan: FanContext, held: Held, eventId: string): Promise<'confirmed' | 'payment-failed'> {
  const { api, plan } = fan;
  const paymentId = await paymentIntentOf(fan, held);
  const tries = [cards[plan.card], ...(plan.afterDecline === 'another-card' ? [cards.succeeds] : [])];
  for (const [index, number] of tries.entries()) {
    const key = randomUUID();
    const card = { cardNumber: number, expMonth: 12, expYear: 2035, cvc: '123' };
    // 402 (declined), 504 (the PSP did not answer in time) and 409 are answers, not reasons to resend.
    const answered = await withEntryPass(fan, eventId, () =>
      patiently(fan, () => api.payments.confirm(paymentId, card, key, eventId), []),
    ).catch((error: unknown) => {
      if (
        statusOf(error) === undefined ||
        statusOf(error)! >= 500 ||
        statusOf(error) === 409 ||
        statusOf(error) === 402
      )
        return undefined;
      throw error;
    });
    if (answered === 'sold-out') return 'payment-failed';
    const payment = answered?.status === 'processing' || !answered ? await settled(fan, paymentId) : answered;
    if (payment.status === 'cancelled') return 'payment-failed';
    // Anything but a decline with attempts left is the payment's outcome (a timeout's failure included).
    if (payment.status !== 'requires_payment') break;
    if (index === tries.length - 1) return 'payment-failed';
  }
  // As the web app does: a read that the server answers once the payment's outcome reached the booking.
  for (;;) {
    const asked = Date.now();
    const reservation = await patiently(fan, () => api.reservations.get(held.id, { waitSeconds: 4 }));
    if (reservation.status === 'CONFIRMED') return 'confirmed';
    if (reservation.status !== 'PENDING_PAYMENT') return 'payment-failed';
    const payment = await patiently(fan, () => api.payments.get(paymentId));
    if (payment.status === 'failed' || payment.status === 'cancelled') return 'payment-failed';
    if (Date.now() > fan.deadline)
      throw new Error(`reservation ${held.id} still ${reservation.status} at the run's end`);
    await sleep(Math.max(0, 500 - (Date.now() - asked)));
  }
}

/** After the booking: some cancel (a refund), some hand their tickets to a friend. */
async function afterBooking(fan: FanContext, held: Held): Promise<FanOutcome> {
  const { api, plan } = fan;
  if (plan.cancelsAfter) {
    await patiently(fan, () => api.reservations.cancel(held.id)).catch(async (error) => {
      // A cancel whose answer was lost (the service restarting) went through: its retry finds it CANCELLED.
      if (typeOf(error) !== 'urn:urr:problem:ticket:not-cancellable') throw error;
      const now = await patiently(fan, () => api.reservations.get(held.id));
      if (now.status !== 'CANCELLED') throw error;
    });
    return 'cancelled';
  }
  if (plan.transfersAfter && fan.friend) {
    const offer = await patiently(fan, () => api.transfers.offer(held.id));
    await patiently(fan, () => fan.friend!.transfers.accept(offer.id, offer.claimCode));
    return 'transferred';
  }
  return 'confirmed';
}

/** One fan's whole sale after Tier 2 let them in: seats, payment, and what they do with the booking. */
async function book(
  fan: FanContext,
  standing: boolean,
  eventId: string,
  tier1: Tier1Record,
): Promise<FanResult> {
  const { userId, plan } = fan;
  const waitMs = Date.now() - plan.arrivesAt;
  const held = await withEntryPass(fan, eventId, () => (standing ? holdStanding(fan) : holdSeats(fan)));
  if (held === 'sold-out') return { userId, outcome: 'sold-out', tier1, waitMs };
  // Ticket-service keeps an unpaid hold for SEAT_LOCK_TTL_SECONDS (7 minutes by default, longer than the
  // acceptance run): fans who walk away let go of the hold with the app's cancel, as the run cannot wait.
  const letGo = () => patiently(fan, () => fan.api.reservations.cancel(held.id)).catch(() => undefined);
  if (plan.abandonsHold) {
    await letGo();
    return { userId, outcome: 'abandoned-hold', tier1, waitMs, reservationId: held.id };
  }
  const paid = await pay(fan, held, eventId);
  if (paid === 'payment-failed') await letGo();
  const bookedAt = paid === 'confirmed' ? Date.now() : undefined;
  const outcome = paid === 'confirmed' ? await afterBooking(fan, held) : paid;
  return { userId, outcome, tier1, waitMs, reservationId: held.id, ...(bookedAt ? { bookedAt } : {}) };
}

/** The event a fan's plan is for: the standing show if they want it and there is one, else the hall. */
function saleEventOf(plan: FanPlan, sale: Sale): string {
  return plan.wantsStanding && sale.standing ? sale.standing.eventId : sale.seated.eventId;
}

/** One fan's whole sale, start to end; never throws (an unexpected answer is the outcome `error`). */
export async function playFan(fan: FanContext): Promise<FanResult> {
  const { sale, plan, userId } = fan;
  const eventId = saleEventOf(plan, sale);
  const standing = eventId !== sale.seated.eventId;
  let tier1: Tier1Record | undefined;
  let inTier2 = false;
  try {
    const passed = await throughTier1(fan, eventId);
    tier1 = passed.record;
    if (passed.outcome === 'sold-out') return { userId, outcome: 'sold-out', tier1 };
    if (passed.outcome === 'left') return { userId, outcome: 'left-waiting', tier1 };
    inTier2 = true;
    if ((await throughTier2(fan, eventId)) === 'sold-out') return { userId, outcome: 'sold-out', tier1 };
    return await book(fan, standing, eventId, tier1);
  } catch (error) {
    const status = statusOf(error);
    const detail =
      error instanceof ApiProblem
        ? `${status} ${typeOf(error)} ${error.problem.detail ?? ''}`
        : (error as Error).message;
    return {
      userId,
      outcome: Date.now() > fan.deadline ? 'gave-up' : 'error',
      ...(tier1 ? { tier1 } : {}),
      error: detail,
    };
  } finally {
    // The app leaves the line when the fan is done (or closes the page): the slot goes to the next fan.
    if (inTier2) await fan.api.queue.leave(eventId).catch(() => undefined);
  }
}

/**
 * An attacker who skips Tier 1: straight to the seats and to Tier 2 without a waiting-room pass. Answers
 * the statuses it got; the verdict checks it holds nothing.
 */
export async function playSkipper(fan: FanContext): Promise<number[]> {
  const { api, sale } = fan;
  const statuses: number[] = [];
  const attempt = async (call: () => Promise<unknown>) => {
    try {
      await call();
      statuses.push(200);
    } catch (error) {
      statuses.push(statusOf(error) ?? 0);
    }
  };
  await attempt(() => api.queue.enter(sale.seated.eventId));
  const map = await api.booking.seats(sale.seated.eventId, sale.seated.performanceId).catch(() => undefined);
  const seat = map?.seats.find((s) => s.state === 'available');
  await attempt(() => api.booking.reserveSeats(sale.seated.eventId, seat ? [seat.id] : [randomUUID()]));
  return statuses;
}

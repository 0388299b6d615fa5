import { HttpProblem } from '@urr/common';
import { isRevokedPass } from '@urr/common/auth/pass-revocation';
import { VwrTokenError, type VwrTokenKeyring, verifyVwrToken } from '@urr/common/tokens/vwr-token';

/** The header a client may send the Tier-1 pass in, instead of the `urr-vwr-token` cookie. */
export const tier1PassHeaderName = 'x-vwr-token';

/** What a presented Tier-1 pass is worth for entering one event's Tier-2 line as one account. */
export type Tier1PassVerdict =
  | 'valid'
  | 'missing'
  | 'wrong-event'
  | 'other-account'
  | 'expired'
  | 'revoked'
  | 'invalid';

/** Whom the pass must admit, and the account's pass revocation second if it has one (docs/adr/0040). */
export interface Tier1Entrant {
  readonly eventId: string;
  readonly userId: string;
  readonly revokedBefore?: number | undefined;
}

/**
 * Checks the passes a request carries (header and cookie: the cookie serves every event, so it may hold
 * another sale's pass) against the event and the signed-in account. One valid pass is enough; otherwise
 * the first one's fault is the verdict.
 */
export async function tier1PassVerdict(
  passes: readonly (string | undefined)[],
  keyring: VwrTokenKeyring,
  expected: Tier1Entrant,
  now?: Date,
): Promise<Tier1PassVerdict> {
  const verdicts: Tier1PassVerdict[] = [];
  for (const pass of passes) {
    if (!pass) continue;
    const verdict = await verdictOf(pass, keyring, expected, now);
    if (verdict === 'valid') return verdict;
    verdicts.push(verdict);
  }
  return verdicts[0] ?? 'missing';
}

async function verdictOf(
  pass: string,
  keyring: VwrTokenKeyring,
  expected: Tier1Entrant,
  now: Date | undefined,
): Promise<Tier1PassVerdict> {
  try {
    const claims = await verifyVwrToken(pass, keyring, {
      eventId: expected.eventId,
      ...(now ? { now } : {}),
    });
    if (claims.userId !== expected.userId) return 'other-account';
    return isRevokedPass(claims.issuedAt, expected.revokedBefore) ? 'revoked' : 'valid';
  } catch (error) {
    if (!(error instanceof VwrTokenError)) throw error;
    if (error.reason === 'expired' || error.reason === 'wrong-event') return error.reason;
    return 'invalid';
  }
}

const refusals: Record<Exclude<Tier1PassVerdict, 'valid'>, (eventId: string) => string> = {
  missing: (eventId) => `event ${eventId} has a waiting room: wait your turn there first`,
  'wrong-event': (eventId) => `the waiting-room pass is for another event, not for event ${eventId}`,
  'other-account': () => 'the waiting-room pass was issued to another account',
  expired: (eventId) =>
    `the waiting-room pass has expired; go through the waiting room of event ${eventId} again`,
  revoked: (eventId) =>
    `the waiting-room pass was revoked (signed out everywhere, or by an admin); go through the waiting room of event ${eventId} again`,
  invalid: () => 'the waiting-room pass is not valid',
};

/** The 403 problem for a newcomer whose pass does not let them line up. */
export function tier1Refusal(verdict: Exclude<Tier1PassVerdict, 'valid'>, eventId: string): HttpProblem {
  return new HttpProblem(403, {
    type: `urn:urr:problem:tier1-pass-${verdict === 'missing' ? 'required' : verdict}`,
    title: 'Forbidden',
    detail: refusals[verdict](eventId),
    eventId,
    waitingRoom: `/vwr/${eventId}`,
  });
}

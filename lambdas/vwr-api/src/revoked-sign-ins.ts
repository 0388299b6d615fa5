import { accessTokenIssuedAt } from '@urr/common/auth/pass-revocation';
import { HttpProblem } from '@urr/common/errors/http-problem';
import type { PassRevocations } from '@urr/vwr-shared/pass-revocations';

/**
 * Refuses to seat a sign-in that began before its account revoked its passes (signed out everywhere;
 * docs/adr/0040): a stolen access token lives on for its lifetime, but gets no new place in the waiting
 * room with it. `verifiedToken` has passed the access token check already.
 */
export async function refuseRevokedSignIn(
  revocations: Pick<PassRevocations, 'revokes'>,
  verifiedToken: string,
  account: string,
): Promise<void> {
  const issuedAt = accessTokenIssuedAt(verifiedToken);
  if (issuedAt === undefined || !(await revocations.revokes(account, issuedAt))) return;
  throw new HttpProblem(401, {
    type: 'urn:urr:problem:access-token-revoked',
    title: 'Sign in first',
    detail: 'This account signed out everywhere since this sign-in; sign in again.',
  });
}

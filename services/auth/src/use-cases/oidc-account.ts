import { HttpProblem, withTransaction } from '@urr/common';
import type { OidcProfile } from '../clients/oidc-client.js';
import type { AuthContext } from '../context.js';
import { findLinkedUserId, linkIdentity } from '../db/user-identity-store.js';
import { findUserByEmail, findUserById, insertUser, normaliseEmail, type User } from '../db/user-store.js';

/**
 * The account an OpenID sign-in lands in, with its new session: the linked account, or the account with
 * the provider's verified email (linked now), or a new one.
 */
export function oidcAccountFor(
  context: Pick<AuthContext, 'db' | 'sessions'>,
  provider: string,
  profile: OidcProfile,
): Promise<{ user: User; refreshToken: string }> {
  return withTransaction(context.db.primary, async (tx) => {
    const linkedUserId = await findLinkedUserId(tx, provider, profile.subject);
    let user = linkedUserId ? await findUserById(tx, linkedUserId) : undefined;
    if (!user) {
      if (!profile.email || !profile.emailVerified)
        throw new HttpProblem(403, {
          type: 'urn:urr:problem:oidc-email-unverified',
          title: 'Forbidden',
          detail: 'the OpenID provider did not confirm an email address for this account',
        });
      const email = normaliseEmail(profile.email);
      user =
        (await findUserByEmail(tx, email)) ??
        (await insertUser(tx, {
          email,
          displayName: profile.name?.trim().slice(0, 80) || email.split('@')[0]!,
          passwordHash: null,
        }));
      await linkIdentity(tx, { userId: user.id, provider, subject: profile.subject, email });
    }
    return { user, refreshToken: await context.sessions.start(tx, user.id) };
  });
}

import { type AuthUser, HttpProblem } from '@urr/common';
import { type CommunityDb, findAuthorship } from '../db/community-store.js';
import type { ContentKind } from '../db/schema.js';

export function notFound(kind: ContentKind, id: string): HttpProblem {
  return new HttpProblem(404, { title: 'Not Found', detail: `no ${kind} ${id}`, [`${kind}Id`]: id });
}

/**
 * Only the author edits or deletes their own words; admins moderate through the admin routes. Absent
 * content is a 404, and so is hidden content for an edit (it is gone for the public; its author may still
 * delete it).
 */
export async function assertAuthorOf(
  db: CommunityDb,
  user: AuthUser,
  kind: ContentKind,
  id: string,
  action: 'edit' | 'delete',
): Promise<void> {
  const content = await findAuthorship(db, kind, id);
  if (!content || (action === 'edit' && content.hiddenAt)) throw notFound(kind, id);
  if (content.authorId !== user.id)
    throw new HttpProblem(403, {
      type: 'urn:urr:problem:not-author',
      title: 'Forbidden',
      detail: `only the author can change this ${kind}`,
    });
}

import { type AuthUser, HttpProblem } from '@urr/common';
import type { ContentKind } from '../db/schema.js';

export function notFound(kind: ContentKind, id: string): HttpProblem {
  return new HttpProblem(404, { title: 'Not Found', detail: `no ${kind} ${id}`, [`${kind}Id`]: id });
}

/** Only the author changes or deletes their own words; admins moderate through the admin routes. */
export function assertAuthor(user: AuthUser, content: { authorId: string }, kind: ContentKind): void {
  if (content.authorId !== user.id)
    throw new HttpProblem(403, {
      type: 'urn:urr:problem:not-author',
      title: 'Forbidden',
      detail: `only the author can change this ${kind}`,
    });
}

/** An edit must change something: `{}` is refused naming the fields it could have sent. */
export function atLeastOne<T extends Record<string, unknown>>(fields: readonly (keyof T & string)[]) {
  return [
    (changes: T) => fields.some((field) => changes[field] !== undefined),
    { error: `send at least one of ${fields.join(', ')}` },
  ] as const;
}

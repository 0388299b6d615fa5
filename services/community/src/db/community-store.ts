import { type PageRequest, pageOffset, sqlStateOf, withTransaction } from '@urr/common';
import { and, asc, avg, count, desc, eq, isNotNull, isNull, type SQL, sql } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type * as schema from './schema.js';
import {
  type ContentKind,
  comments,
  type ModerationActionKind,
  moderationActions,
  posts,
  reviews,
} from './schema.js';

export type CommunityDb = NodePgDatabase<typeof schema>;
export type PostRecord = typeof posts.$inferSelect & { commentCount: number };
export type CommentRecord = typeof comments.$inferSelect;
export type ReviewRecord = typeof reviews.$inferSelect;

/** Which content a listing shows: the public sees `visible`; admins choose. */
export type Visibility = 'visible' | 'hidden' | 'all';

const tables = { post: posts, comment: comments, review: reviews } as const;

function visibilityOf(table: (typeof tables)[ContentKind], visibility: Visibility): SQL | undefined {
  if (visibility === 'visible') return isNull(table.hiddenAt);
  if (visibility === 'hidden') return isNotNull(table.hiddenAt);
  return undefined;
}

// Written out with an alias: drizzle leaves columns unqualified in a one-table select, which a correlated
// subquery cannot tell apart.
const commentCount = sql<number>`(select count(*)::int from ${comments} as c where c.post_id = ${posts}.id and c.hidden_at is null)`;

export async function listPosts(
  db: CommunityDb,
  filter: { eventId?: string | undefined; visibility: Visibility },
  page: PageRequest,
): Promise<{ rows: PostRecord[]; total: number }> {
  const where = and(
    filter.eventId ? eq(posts.eventId, filter.eventId) : undefined,
    visibilityOf(posts, filter.visibility),
  );
  const [rows, [counted]] = await Promise.all([
    db
      .select({ post: posts, commentCount })
      .from(posts)
      .where(where)
      .orderBy(desc(posts.createdAt), desc(posts.id))
      .limit(page.size)
      .offset(pageOffset(page)),
    db.select({ total: count() }).from(posts).where(where),
  ]);
  return {
    rows: rows.map((row) => ({ ...row.post, commentCount: row.commentCount })),
    total: counted?.total ?? 0,
  };
}

export async function findPost(db: CommunityDb, id: string): Promise<PostRecord | undefined> {
  const [row] = await db.select({ post: posts, commentCount }).from(posts).where(eq(posts.id, id));
  return row ? { ...row.post, commentCount: row.commentCount } : undefined;
}

export async function insertPost(
  db: CommunityDb,
  values: { eventId: string; authorId: string; title: string; body: string },
): Promise<PostRecord> {
  const [row] = await db.insert(posts).values(values).returning();
  return { ...row!, commentCount: 0 };
}

export async function updatePost(
  db: CommunityDb,
  id: string,
  changes: { title?: string | undefined; body?: string | undefined },
): Promise<PostRecord | undefined> {
  await db
    .update(posts)
    .set({ ...changes, updatedAt: sql`now()` })
    .where(eq(posts.id, id));
  return findPost(db, id);
}

export async function listComments(
  db: CommunityDb,
  filter: { postId?: string | undefined; visibility: Visibility },
  page: PageRequest,
): Promise<{ rows: CommentRecord[]; total: number }> {
  const where = and(
    filter.postId ? eq(comments.postId, filter.postId) : undefined,
    visibilityOf(comments, filter.visibility),
  );
  const [rows, [counted]] = await Promise.all([
    db
      .select()
      .from(comments)
      .where(where)
      // A thread reads oldest first; the moderation queue, across posts, newest first.
      .orderBy(
        ...(filter.postId
          ? [asc(comments.createdAt), asc(comments.id)]
          : [desc(comments.createdAt), desc(comments.id)]),
      )
      .limit(page.size)
      .offset(pageOffset(page)),
    db.select({ total: count() }).from(comments).where(where),
  ]);
  return { rows, total: counted?.total ?? 0 };
}

/** The new comment, or undefined when its post was deleted meanwhile. */
export async function insertComment(
  db: CommunityDb,
  values: { postId: string; authorId: string; body: string },
): Promise<CommentRecord | undefined> {
  try {
    const [row] = await db.insert(comments).values(values).returning();
    return row;
  } catch (error) {
    if (sqlStateOf(error) === '23503') return undefined;
    throw error;
  }
}

export async function updateComment(
  db: CommunityDb,
  id: string,
  body: string,
): Promise<CommentRecord | undefined> {
  const [row] = await db
    .update(comments)
    .set({ body, updatedAt: sql`now()` })
    .where(eq(comments.id, id))
    .returning();
  return row;
}

export async function listReviews(
  db: CommunityDb,
  filter: { eventId?: string | undefined; visibility: Visibility },
  page: PageRequest,
): Promise<{ rows: ReviewRecord[]; total: number }> {
  const where = and(
    filter.eventId ? eq(reviews.eventId, filter.eventId) : undefined,
    visibilityOf(reviews, filter.visibility),
  );
  const [rows, [counted]] = await Promise.all([
    db
      .select()
      .from(reviews)
      .where(where)
      .orderBy(desc(reviews.createdAt), desc(reviews.id))
      .limit(page.size)
      .offset(pageOffset(page)),
    db.select({ total: count() }).from(reviews).where(where),
  ]);
  return { rows, total: counted?.total ?? 0 };
}

/** Count and average rating of an event's visible reviews (the average is null without reviews). */
export async function reviewSummary(
  db: CommunityDb,
  eventId: string,
): Promise<{ count: number; averageRating: number | null }> {
  const [row] = await db
    .select({ count: count(), average: avg(reviews.rating) })
    .from(reviews)
    .where(and(eq(reviews.eventId, eventId), isNull(reviews.hiddenAt)));
  const average = row?.average == null ? null : Math.round(Number(row.average) * 100) / 100;
  return { count: row?.count ?? 0, averageRating: average };
}

export async function findReviewByAuthor(
  db: CommunityDb,
  eventId: string,
  authorId: string,
): Promise<ReviewRecord | undefined> {
  const [row] = await db
    .select()
    .from(reviews)
    .where(and(eq(reviews.eventId, eventId), eq(reviews.authorId, authorId)));
  return row;
}

/** The new review, or undefined when the author has reviewed the event already (one review each). */
export async function insertReview(
  db: CommunityDb,
  values: { eventId: string; authorId: string; rating: number; body: string },
): Promise<ReviewRecord | undefined> {
  try {
    const [row] = await db.insert(reviews).values(values).returning();
    return row;
  } catch (error) {
    if (sqlStateOf(error) === '23505') return undefined;
    throw error;
  }
}

export async function updateReview(
  db: CommunityDb,
  id: string,
  changes: { rating?: number | undefined; body?: string | undefined },
): Promise<ReviewRecord | undefined> {
  const [row] = await db
    .update(reviews)
    .set({ ...changes, updatedAt: sql`now()` })
    .where(eq(reviews.id, id))
    .returning();
  return row;
}

/** Who wrote a piece of content and whether moderators hid it; undefined when there is none. */
export async function findAuthorship(
  db: CommunityDb,
  kind: ContentKind,
  id: string,
): Promise<{ authorId: string; hiddenAt: Date | null } | undefined> {
  const table = tables[kind];
  const [row] = await db
    .select({ authorId: table.authorId, hiddenAt: table.hiddenAt })
    .from(table)
    .where(eq(table.id, id));
  return row;
}

/** Deletes content by its author (a post takes its comments with it); true when there was something to delete. */
export async function deleteContent(db: CommunityDb, kind: ContentKind, id: string): Promise<boolean> {
  const table = tables[kind];
  const deleted = await db.delete(table).where(eq(table.id, id)).returning({ id: table.id });
  return deleted.length > 0;
}

export interface ModerationDecision {
  readonly kind: ContentKind;
  readonly contentId: string;
  readonly action: ModerationActionKind;
  readonly adminId: string;
  readonly reason?: string | undefined;
}

export type ModerationActionRecord = typeof moderationActions.$inferSelect;

/**
 * Applies an admin's decision and records it in the moderation log, in one transaction; undefined (and
 * nothing recorded) when the content does not exist.
 */
export function moderate(
  db: CommunityDb,
  decision: ModerationDecision,
): Promise<ModerationActionRecord | undefined> {
  const table = tables[decision.kind];
  return withTransaction(db, async (tx) => {
    const where = eq(table.id, decision.contentId);
    const touched =
      decision.action === 'delete'
        ? await tx.delete(table).where(where).returning({ id: table.id })
        : await tx
            .update(table)
            .set(
              decision.action === 'hide'
                ? { hiddenAt: sql`coalesce(${table.hiddenAt}, now())`, hiddenReason: decision.reason ?? null }
                : { hiddenAt: null, hiddenReason: null },
            )
            .where(where)
            .returning({ id: table.id });
    if (touched.length === 0) return undefined;
    const [recorded] = await tx
      .insert(moderationActions)
      .values({
        contentKind: decision.kind,
        contentId: decision.contentId,
        action: decision.action,
        adminId: decision.adminId,
        reason: decision.reason ?? null,
      })
      .returning();
    return recorded;
  });
}

export async function listModerationActions(
  db: CommunityDb,
  page: PageRequest,
): Promise<{ rows: ModerationActionRecord[]; total: number }> {
  const [rows, [counted]] = await Promise.all([
    db
      .select()
      .from(moderationActions)
      .orderBy(desc(moderationActions.createdAt), desc(moderationActions.id))
      .limit(page.size)
      .offset(pageOffset(page)),
    db.select({ total: count() }).from(moderationActions),
  ]);
  return { rows, total: counted?.total ?? 0 };
}

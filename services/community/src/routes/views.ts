import { nonBlankText, z } from '@urr/common';
import type { comments, posts, reviews } from '../db/schema.js';

const instant = z.iso.datetime({ offset: true });

/** Events are ticket-service's, identified by uuid. */
export const eventIdParam = z.uuid();

const authoredFields = {
  id: z.uuid(),
  authorId: z.string(),
  createdAt: instant,
  updatedAt: instant,
};
/** What admins see besides the content: whether and why it is hidden. */
const moderationFields = {
  hiddenAt: instant.nullable(),
  hiddenReason: z.string().nullable(),
};

export const Post = z
  .object({
    ...authoredFields,
    eventId: z.string(),
    title: z.string(),
    body: z.string(),
    commentCount: z.number().int().openapi({ description: 'visible comments' }),
  })
  .openapi('Post');
export const ModeratedPost = Post.extend(moderationFields).openapi('ModeratedPost');

export const Comment = z.object({ ...authoredFields, postId: z.uuid(), body: z.string() }).openapi('Comment');
export const ModeratedComment = Comment.extend(moderationFields).openapi('ModeratedComment');

export const Review = z
  .object({
    ...authoredFields,
    eventId: z.string(),
    rating: z.number().int().min(1).max(5),
    body: z.string(),
  })
  .openapi('Review');
export const ModeratedReview = Review.extend(moderationFields).openapi('ModeratedReview');

type Authored = { id: string; authorId: string; createdAt: Date; updatedAt: Date };
type Moderated = { hiddenAt: Date | null; hiddenReason: string | null };

const authoredView = (row: Authored) => ({
  id: row.id,
  authorId: row.authorId,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});
const moderationView = (row: Moderated) => ({
  hiddenAt: row.hiddenAt?.toISOString() ?? null,
  hiddenReason: row.hiddenReason,
});

export const postView = (row: typeof posts.$inferSelect & { commentCount: number }) => ({
  ...authoredView(row),
  eventId: row.eventId,
  title: row.title,
  body: row.body,
  commentCount: row.commentCount,
});
export const moderatedPostView = (row: typeof posts.$inferSelect & { commentCount: number }) => ({
  ...postView(row),
  ...moderationView(row),
});

export const commentView = (row: typeof comments.$inferSelect) => ({
  ...authoredView(row),
  postId: row.postId,
  body: row.body,
});
export const moderatedCommentView = (row: typeof comments.$inferSelect) => ({
  ...commentView(row),
  ...moderationView(row),
});

export const reviewView = (row: typeof reviews.$inferSelect) => ({
  ...authoredView(row),
  eventId: row.eventId,
  rating: row.rating,
  body: row.body,
});
export const moderatedReviewView = (row: typeof reviews.$inferSelect) => ({
  ...reviewView(row),
  ...moderationView(row),
});

export const postTitle = nonBlankText(200);
export const postBody = nonBlankText(10_000);
export const commentBody = nonBlankText(2000);
export const reviewBody = nonBlankText(5000);
export const rating = z
  .number()
  .int()
  .min(1, { error: 'rate from 1 to 5' })
  .max(5, { error: 'rate from 1 to 5' });

import { sql } from 'drizzle-orm';
import { check, index, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** What every piece of user content carries: its author, and a moderator's hiding of it. */
const authored = () => ({
  id: uuid('id').primaryKey().defaultRandom(),
  authorId: text('author_id').notNull(),
  /** Set while an admin keeps it out of public view. */
  hiddenAt: timestamptz('hidden_at'),
  hiddenReason: text('hidden_reason'),
  createdAt: timestamptz('created_at').notNull().defaultNow(),
  updatedAt: timestamptz('updated_at').notNull().defaultNow(),
});

export const posts = pgTable(
  'posts',
  {
    ...authored(),
    eventId: text('event_id').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
  },
  (table) => [index('posts_event_created').on(table.eventId, table.createdAt.desc(), table.id.desc())],
);

export const comments = pgTable(
  'comments',
  {
    ...authored(),
    postId: uuid('post_id')
      .notNull()
      .references(() => posts.id, { onDelete: 'cascade' }),
    body: text('body').notNull(),
  },
  (table) => [index('comments_post_created').on(table.postId, table.createdAt, table.id)],
);

export const reviews = pgTable(
  'reviews',
  {
    ...authored(),
    eventId: text('event_id').notNull(),
    rating: smallint('rating').notNull(),
    body: text('body').notNull(),
  },
  (table) => [
    uniqueIndex('reviews_one_per_author_and_event').on(table.eventId, table.authorId),
    index('reviews_event_created').on(table.eventId, table.createdAt.desc(), table.id.desc()),
    check('reviews_rating_1_to_5', sql`${table.rating} between 1 and 5`),
  ],
);

export const contentKinds = ['post', 'comment', 'review'] as const;
export type ContentKind = (typeof contentKinds)[number];
export const moderationActionKinds = ['hide', 'unhide', 'delete'] as const;
export type ModerationActionKind = (typeof moderationActionKinds)[number];

/** Every admin decision, kept after the content itself is deleted. */
export const moderationActions = pgTable(
  'moderation_actions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    contentKind: text('content_kind').$type<ContentKind>().notNull(),
    contentId: uuid('content_id').notNull(),
    action: text('action').$type<ModerationActionKind>().notNull(),
    adminId: text('admin_id').notNull(),
    reason: text('reason'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (table) => [index('moderation_actions_created').on(table.createdAt.desc(), table.id.desc())],
);

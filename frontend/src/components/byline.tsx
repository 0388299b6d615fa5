import { authorLabel, wasEdited } from '@/lib/community';
import { formatDateTime } from '@/lib/format';

const text = { edited: '수정됨' } as const;

/** Who wrote a post, comment or review, and when. */
export function Byline({
  item,
  viewerId,
}: {
  item: { authorId: string; createdAt: string; updatedAt: string };
  viewerId: string | undefined;
}) {
  return (
    <p className="byline muted small">
      <span data-testid="author">{authorLabel(item.authorId, viewerId)}</span> ·{' '}
      <time dateTime={item.createdAt}>{formatDateTime(item.createdAt)}</time>
      {wasEdited(item) ? ` · ${text.edited}` : null}
    </p>
  );
}

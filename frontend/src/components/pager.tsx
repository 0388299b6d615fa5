const text = { pages: '페이지', previous: '이전', next: '다음' } as const;

/** Previous / next for a paged list the page loads itself; nothing when there is one page. */
export function Pager({
  page,
  totalPages,
  onPage,
}: {
  page: number;
  totalPages: number;
  onPage: (page: number) => void;
}) {
  if (totalPages <= 1) return null;
  return (
    <nav className="pagination" aria-label={text.pages}>
      <button type="button" className="link-button" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        {text.previous}
      </button>
      <span>
        {page} / {totalPages}
      </span>
      <button
        type="button"
        className="link-button"
        disabled={page >= totalPages}
        onClick={() => onPage(page + 1)}
      >
        {text.next}
      </button>
    </nav>
  );
}

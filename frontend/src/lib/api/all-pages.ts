/** Most pages a pick list reads (100 items each): beyond this a list wants a search box, not a select. */
export const pickListPageLimit = 20;

/**
 * Every item of a paged list, page after page, for a pick list that must offer all of them (a venue
 * added last is as choosable as the first). Stops at the last page or at `pickListPageLimit` pages.
 */
export async function allPages<T>(
  fetchPage: (page: number) => Promise<{ readonly items: readonly T[]; readonly totalPages: number }>,
): Promise<{ items: T[] }> {
  const items: T[] = [];
  for (let page = 1; page <= pickListPageLimit; page++) {
    const answer = await fetchPage(page);
    items.push(...answer.items);
    if (page >= answer.totalPages || answer.items.length === 0) break;
  }
  return { items };
}

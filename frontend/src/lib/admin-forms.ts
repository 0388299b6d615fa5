/** Small rules the organisers' edit forms share: dates in `datetime-local` inputs, the fields that changed. */

/** An ISO instant as a `datetime-local` value on the organiser's own clock ('' for none). */
export function localInputOf(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

/**
 * The fields of `edited` that differ from `original`: a PATCH sends only those, so a field someone else
 * changed meanwhile is not written back. Undefined when nothing changed.
 */
export function changedFields<T extends Record<string, unknown>>(
  original: T,
  edited: T,
): Partial<T> | undefined {
  const changes: Partial<T> = {};
  let any = false;
  for (const key of Object.keys(edited) as (keyof T)[])
    if (!Object.is(original[key], edited[key])) {
      changes[key] = edited[key];
      any = true;
    }
  return any ? changes : undefined;
}

/** Sold over capacity as a percentage with one decimal ("37.5%"); "-" when there is no capacity. */
export function sellThrough(sold: number, capacity: number): string {
  if (capacity <= 0) return '-';
  return `${((sold / capacity) * 100).toFixed(1)}%`;
}

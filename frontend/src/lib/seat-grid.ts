import type { SeatSection } from './seat-map';

/** A key that moves the focus on the seat map, as in a grid: one Tab stop, arrows inside. */
export type GridKey = 'ArrowLeft' | 'ArrowRight' | 'ArrowUp' | 'ArrowDown' | 'Home' | 'End';

const gridKeys: ReadonlySet<string> = new Set([
  'ArrowLeft',
  'ArrowRight',
  'ArrowUp',
  'ArrowDown',
  'Home',
  'End',
]);

export const isGridKey = (key: string): key is GridKey => gridKeys.has(key);

interface Place {
  readonly row: number;
  readonly column: number;
}

/** Every row of the hall, top to bottom across blocks, as seat ids in seat order. */
export function gridRows(sections: readonly SeatSection[]): string[][] {
  return sections.flatMap((section) => section.rows.map((row) => row.seats.map((seat) => seat.id)));
}

function placeOf(rows: readonly (readonly string[])[], seatId: string): Place | undefined {
  for (let row = 0; row < rows.length; row++) {
    const column = rows[row]!.indexOf(seatId);
    if (column >= 0) return { row, column };
  }
  return undefined;
}

/**
 * The seat the focus moves to from `seatId` on `key`: left and right along the row, up and down to the
 * same place in the row before or after (the nearest seat when that row is shorter), Home and End to the
 * row's ends. At an edge the focus stays where it is.
 */
export function moveInGrid(rows: readonly (readonly string[])[], seatId: string, key: GridKey): string {
  const place = placeOf(rows, seatId);
  if (!place) return rows[0]?.[0] ?? seatId;
  const row = rows[place.row]!;
  const at = (rowIndex: number, column: number) => {
    const target = rows[rowIndex];
    if (!target || target.length === 0) return seatId;
    return target[Math.min(column, target.length - 1)]!;
  };
  switch (key) {
    case 'ArrowLeft':
      return row[Math.max(place.column - 1, 0)]!;
    case 'ArrowRight':
      return row[Math.min(place.column + 1, row.length - 1)]!;
    case 'ArrowUp':
      return place.row === 0 ? seatId : at(place.row - 1, place.column);
    case 'ArrowDown':
      return place.row === rows.length - 1 ? seatId : at(place.row + 1, place.column);
    case 'Home':
      return row[0]!;
    case 'End':
      return row[row.length - 1]!;
  }
}

/** Where the map's one Tab stop sits: the seat last focused if still on the map, else the first free seat. */
export function tabStopOf(
  rows: readonly (readonly string[])[],
  lastFocused: string | undefined,
  isFree: (seatId: string) => boolean,
): string | undefined {
  const all = rows.flat();
  if (lastFocused !== undefined && all.includes(lastFocused)) return lastFocused;
  return all.find(isFree) ?? all[0];
}

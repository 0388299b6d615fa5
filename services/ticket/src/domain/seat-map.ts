/** A seated event's layout: price grades, and sections of rows whose seats are numbered 1..seats. */
export interface SeatMapLayout {
  readonly grades: readonly { readonly name: string; readonly price: number }[];
  readonly sections: readonly {
    readonly name: string;
    readonly rows: readonly { readonly label: string; readonly seats: number; readonly grade: string }[];
  }[];
}

/** Seats one performance may have; a bigger map is almost certainly a typo. */
export const maxSeatsPerPerformance = 100_000;

export function seatCountOf(layout: SeatMapLayout): number {
  return layout.sections.reduce(
    (total, section) => total + section.rows.reduce((sum, row) => sum + row.seats, 0),
    0,
  );
}

function duplicates(names: readonly string[]): string[] {
  const seen = new Set<string>();
  return [...new Set(names.filter((name) => seen.size === seen.add(name).size))];
}

/** What is wrong with a layout, one sentence per mistake; empty when it can be built. */
export function seatMapProblems(layout: SeatMapLayout): string[] {
  const problems: string[] = [];
  const grades = new Set(layout.grades.map((grade) => grade.name));
  for (const name of duplicates(layout.grades.map((grade) => grade.name)))
    problems.push(`grade "${name}" is defined twice`);
  for (const name of duplicates(layout.sections.map((section) => section.name)))
    problems.push(`section "${name}" is defined twice`);
  for (const section of layout.sections) {
    for (const label of duplicates(section.rows.map((row) => row.label)))
      problems.push(`row "${label}" appears twice in section "${section.name}"`);
    for (const row of section.rows)
      if (!grades.has(row.grade))
        problems.push(`row "${row.label}" of section "${section.name}" uses unknown grade "${row.grade}"`);
  }
  const unused = [...grades].filter(
    (grade) => !layout.sections.some((section) => section.rows.some((row) => row.grade === grade)),
  );
  for (const grade of unused) problems.push(`grade "${grade}" is used by no row`);
  const total = seatCountOf(layout);
  if (total > maxSeatsPerPerformance)
    problems.push(`the map has ${total} seats; at most ${maxSeatsPerPerformance} are allowed`);
  return problems;
}

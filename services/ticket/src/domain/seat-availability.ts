/**
 * The seat map a fan sees for one performance: every seat in map order with its grade, price and state.
 * Built from three reads of different lifetimes (docs/adr/0055): the seats' places (change only with the
 * seat map), the grades' prices (an organiser may change them) and the taken seats (change with every hold).
 */

export type SeatState = 'available' | 'held' | 'sold';

export interface SeatPlace {
  readonly id: string;
  readonly section: string;
  readonly row: string;
  readonly number: number;
  readonly gradeId: string;
}

export interface GradePrice {
  readonly id: string;
  readonly name: string;
  readonly price: number;
}

export interface TakenSeat {
  readonly seatId: string;
  readonly state: Exclude<SeatState, 'available'>;
}

export interface SeatAvailability {
  readonly eventId: string;
  readonly performanceId: string;
  readonly seats: {
    readonly id: string;
    readonly section: string;
    readonly row: string;
    readonly number: number;
    readonly grade: string;
    readonly price: number;
    readonly state: SeatState;
  }[];
  readonly counts: Record<SeatState, number>;
}

export function seatAvailabilityOf(
  ids: { readonly eventId: string; readonly performanceId: string },
  places: readonly SeatPlace[],
  grades: readonly GradePrice[],
  taken: readonly TakenSeat[],
): SeatAvailability {
  const gradeById = new Map(grades.map((grade) => [grade.id, grade]));
  const stateById = new Map<string, SeatState>(taken.map((seat) => [seat.seatId, seat.state]));
  const counts = { available: 0, held: 0, sold: 0 };
  const seats = places.map(({ gradeId, ...place }) => {
    const grade = gradeById.get(gradeId);
    if (!grade) throw new Error(`seat ${place.id} has grade ${gradeId}, which its event does not have`);
    const state: SeatState = stateById.get(place.id) ?? 'available';
    counts[state] += 1;
    return { ...place, grade: grade.name, price: grade.price, state };
  });
  return { eventId: ids.eventId, performanceId: ids.performanceId, seats, counts };
}

/** What decides the document apart from the places: equal keys, equal documents. */
export function availabilityKeyOf(grades: readonly GradePrice[], taken: readonly TakenSeat[]): string {
  const gradePart = grades.map((grade) => `${grade.id}=${grade.name}:${grade.price}`).join(',');
  const takenPart = taken.map((seat) => `${seat.seatId}${seat.state === 'sold' ? 's' : 'h'}`).join(',');
  return `${gradePart}|${takenPart}`;
}

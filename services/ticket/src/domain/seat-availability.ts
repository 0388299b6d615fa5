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

/** The seat map's document, as `SeatMapWriter` writes it. */
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

/** What decides the document apart from the places: equal keys, equal documents. */
export function availabilityKeyOf(grades: readonly GradePrice[], taken: readonly TakenSeat[]): string {
  const gradePart = grades.map((grade) => `${grade.id}=${grade.name}:${grade.price}`).join(',');
  const takenPart = taken.map((seat) => `${seat.seatId}${seat.state === 'sold' ? 's' : 'h'}`).join(',');
  return `${gradePart}|${takenPart}`;
}

/**
 * The seat map's JSON, written the way `JSON.stringify(seatAvailabilityOf(...))` writes it, for a rebuild
 * every fraction of a second during a sale: each seat's fixed part (place, grade, price) is written once
 * per set of places and grades, and a rebuild only adds the states.
 */
export class SeatMapWriter {
  readonly #seatHeads: readonly string[];
  readonly #seatIds: readonly string[];

  constructor(places: readonly SeatPlace[], grades: readonly GradePrice[]) {
    const gradeById = new Map(grades.map((grade) => [grade.id, grade]));
    this.#seatIds = places.map((place) => place.id);
    this.#seatHeads = places.map((place) => {
      const grade = gradeById.get(place.gradeId);
      if (!grade)
        throw new Error(`seat ${place.id} has grade ${place.gradeId}, which its event does not have`);
      const head = JSON.stringify({
        id: place.id,
        section: place.section,
        row: place.row,
        number: place.number,
        grade: grade.name,
        price: grade.price,
      });
      return `${head.slice(0, -1)},"state":"`;
    });
  }

  write(
    ids: { readonly eventId: string; readonly performanceId: string },
    taken: readonly TakenSeat[],
  ): { readonly json: string; readonly counts: SeatAvailability['counts'] } {
    const stateById = new Map<string, SeatState>(taken.map((seat) => [seat.seatId, seat.state]));
    const counts = { available: 0, held: 0, sold: 0 };
    const parts = new Array<string>(this.#seatIds.length);
    for (let index = 0; index < parts.length; index += 1) {
      const state: SeatState = stateById.get(this.#seatIds[index]!) ?? 'available';
      counts[state] += 1;
      parts[index] = `${this.#seatHeads[index]}${state}"}`;
    }
    const head = JSON.stringify({ eventId: ids.eventId, performanceId: ids.performanceId }).slice(0, -1);
    return { json: `${head},"seats":[${parts.join(',')}],"counts":${JSON.stringify(counts)}}`, counts };
  }
}

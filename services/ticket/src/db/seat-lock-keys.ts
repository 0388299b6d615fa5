/** The seat-lock key names of the design, in one place. */
export const seatLockKey = (eventId: string, seatId: string) => `seat:${eventId}:${seatId}`;
export const seatTokenSequenceKey = (eventId: string, seatId: string) =>
  `seat:${eventId}:${seatId}:token_seq`;

/** The lock's value: the fencing token, then the reservation the lock was taken for. */
export const seatLockValue = (token: number, reservationId: string) => `${token}:${reservationId}`;

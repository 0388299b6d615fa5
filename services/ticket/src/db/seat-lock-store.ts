import type { Redis } from '@urr/common';
import { seatLockKey, seatLockValue, seatTokenSequenceKey } from './seat-lock-keys.js';

/** One seat lock held for one reservation; `token` is what the database fences writes with. */
export interface SeatLock {
  readonly eventId: string;
  readonly seatId: string;
  readonly token: number;
  readonly reservationId: string;
}

export type AcquireResult =
  | { readonly acquired: true; readonly locks: SeatLock[] }
  | { readonly acquired: false; readonly heldSeatId: string };

export interface SeatLocks {
  /**
   * Locks every seat or none (SET NX with the TTL); each lock gets a new fencing token, above the seat's
   * `tokenFloors` entry (the newest token the database accepted) even when Redis lost its sequence.
   */
  acquire(
    eventId: string,
    seatIds: readonly string[],
    reservationId: string,
    tokenFloors?: ReadonlyMap<string, number>,
  ): Promise<AcquireResult>;
  /** Deletes the locks that still carry these values (a lock taken over by someone else stays). */
  release(locks: readonly SeatLock[]): Promise<number>;
  /**
   * Raises a seat's token sequence to at least `token`. Used when the database refused a fresh lock's
   * token as stale although the lock was seeded with the database's newest token: Redis lost the
   * sequence between that read and the lock, and would otherwise keep issuing refused tokens.
   */
  raiseSequence(eventId: string, seatId: string, token: number): Promise<void>;
}

// KEYS: lock, sequence, lock, sequence, ... ARGV: ttl ms, reservation id, then each seat's token floor.
// All-or-nothing in one script: a buyer never holds half of the seats they asked for. A sequence behind
// its floor (Redis restarted, flushed or failed over) jumps past it, so tokens never go backwards.
const acquireScript = `
local count = #KEYS / 2
for i = 1, count do
  if redis.call('EXISTS', KEYS[2 * i - 1]) == 1 then return {0, i} end
end
local tokens = {1}
for i = 1, count do
  local token = redis.call('INCR', KEYS[2 * i])
  local floor = tonumber(ARGV[2 + i])
  if token <= floor then
    token = floor + 1
    redis.call('SET', KEYS[2 * i], token)
  end
  redis.call('SET', KEYS[2 * i - 1], token .. ':' .. ARGV[2], 'NX', 'PX', ARGV[1])
  tokens[i + 1] = token
end
return tokens`;

// KEYS: locks; ARGV: the value each must still carry.
const releaseScript = `
local released = 0
for i = 1, #KEYS do
  if redis.call('GET', KEYS[i]) == ARGV[i] then
    redis.call('DEL', KEYS[i])
    released = released + 1
  end
end
return released`;

const raiseScript = `
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if current < tonumber(ARGV[1]) then redis.call('SET', KEYS[1], ARGV[1]) end
return 1`;

export interface SeatLocksOptions {
  readonly redis: Redis;
  /** Lock lifetime: the unpaid hold's length (420 s by the design). */
  readonly ttlSeconds: number;
}

/** The scripts as ioredis commands: sent once, then run by EVALSHA (the first argument is the key count). */
interface SeatLockCommands {
  urrSeatLockAcquire(keyCount: number, ...keysThenArgs: string[]): Promise<number[]>;
  urrSeatLockRelease(keyCount: number, ...keysThenArgs: string[]): Promise<number>;
  urrSeatLockRaise(keyCount: number, ...keysThenArgs: string[]): Promise<number>;
}

function seatLockCommands(redis: Redis): SeatLockCommands {
  const commands = redis as Redis & Partial<SeatLockCommands>;
  if (typeof commands.urrSeatLockAcquire !== 'function') {
    redis.defineCommand('urrSeatLockAcquire', { lua: acquireScript });
    redis.defineCommand('urrSeatLockRelease', { lua: releaseScript });
    redis.defineCommand('urrSeatLockRaise', { lua: raiseScript });
  }
  return commands as Redis & SeatLockCommands;
}

export function createSeatLocks(options: SeatLocksOptions): SeatLocks {
  const redis = seatLockCommands(options.redis);
  const ttlMs = String(options.ttlSeconds * 1000);
  return {
    async acquire(eventId, seatIds, reservationId, tokenFloors = new Map()) {
      const keys = seatIds.flatMap((seatId) => [
        seatLockKey(eventId, seatId),
        seatTokenSequenceKey(eventId, seatId),
      ]);
      const floors = seatIds.map((seatId) => String(tokenFloors.get(seatId) ?? 0));
      const answer = await redis.urrSeatLockAcquire(keys.length, ...keys, ttlMs, reservationId, ...floors);
      if (answer[0] === 0) return { acquired: false, heldSeatId: seatIds[(answer[1] ?? 1) - 1] ?? '' };
      return {
        acquired: true,
        locks: seatIds.map((seatId, index) => ({
          eventId,
          seatId,
          token: Number(answer[index + 1]),
          reservationId,
        })),
      };
    },
    async release(locks) {
      if (locks.length === 0) return 0;
      const keys = locks.map((lock) => seatLockKey(lock.eventId, lock.seatId));
      const values = locks.map((lock) => seatLockValue(lock.token, lock.reservationId));
      return Number(await redis.urrSeatLockRelease(keys.length, ...keys, ...values));
    },
    async raiseSequence(eventId, seatId, token) {
      await redis.urrSeatLockRaise(1, seatTokenSequenceKey(eventId, seatId), String(token));
    },
  };
}

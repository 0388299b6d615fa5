import { createHmac, createSecretKey, type KeyObject } from 'node:crypto';

const rounds = 6;

/**
 * A keyed pseudorandom permutation of [0, size): a balanced Feistel network over the smallest even power
 * of two that holds `size`, with cycle walking back into range. The seed is drawn once at the opening, so
 * every pre-queue arrival's shuffled place can be computed on its own (no list to store or read back),
 * and inverted by the advancer to find who holds a position.
 */
export class PreQueueShuffle {
  private readonly halfBits: number;
  private readonly half: number;
  private readonly key: KeyObject;

  constructor(
    readonly size: number,
    seed: string,
  ) {
    if (!Number.isSafeInteger(size) || size < 0) throw new RangeError(`bad pre-queue size ${size}`);
    const bits = Math.max(2, Math.ceil(Math.log2(Math.max(size, 2))));
    this.halfBits = Math.ceil(bits / 2);
    this.half = 2 ** this.halfBits;
    this.key = createSecretKey(Buffer.from(seed, 'hex'));
  }

  /** Place (0-based) of the arrival with dense index `index`. */
  placeOf(index: number): number {
    this.assertInRange(index);
    let value = this.encrypt(index);
    while (value >= this.size) value = this.encrypt(value);
    return value;
  }

  /** Dense index of the arrival at place `place`: the inverse of {@link placeOf}. */
  indexAt(place: number): number {
    this.assertInRange(place);
    let value = this.decrypt(place);
    while (value >= this.size) value = this.decrypt(value);
    return value;
  }

  private assertInRange(value: number): void {
    if (!Number.isInteger(value) || value < 0 || value >= this.size)
      throw new RangeError(`${value} is outside the pre-queue [0, ${this.size})`);
  }

  private round(round: number, value: number): number {
    const digest = createHmac('sha256', this.key).update(`${round}:${value}`).digest();
    return digest.readUInt32BE(0) % this.half;
  }

  private encrypt(value: number): number {
    let left = Math.floor(value / this.half);
    let right = value % this.half;
    for (let round = 0; round < rounds; round += 1) {
      [left, right] = [right, (left ^ this.round(round, right)) >>> 0];
    }
    return left * this.half + right;
  }

  private decrypt(value: number): number {
    let left = Math.floor(value / this.half);
    let right = value % this.half;
    for (let round = rounds - 1; round >= 0; round -= 1) {
      [left, right] = [(right ^ this.round(round, left)) >>> 0, left];
    }
    return left * this.half + right;
  }
}

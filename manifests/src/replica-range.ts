/** How many replicas a workload may run: the HPA's bounds, and the floor a rollout starts from. */
export class ReplicaRange {
  /**
   * @param min at least 1 (an HPA cannot scale to zero without the alpha feature gate)
   * @param max at least `min`
   */
  static of(min: number, max: number): ReplicaRange {
    if (!Number.isInteger(min) || min < 1)
      throw new Error(`ReplicaRange: min ${min} is not allowed; use a whole number of at least 1`);
    if (!Number.isInteger(max) || max < min)
      throw new Error(`ReplicaRange: max ${max} is below min ${min}; use a whole number of at least ${min}`);
    return new ReplicaRange(min, max);
  }

  private constructor(
    readonly min: number,
    readonly max: number,
  ) {}

  toString(): string {
    return `${this.min}–${this.max}`;
  }
}

import type { Logger } from '../logging/logger.js';

export interface PartitionOffset {
  readonly topic: string;
  readonly partition: number;
  /** The next offset the group will read: one past the last applied message. */
  readonly offset: string;
}

export interface OffsetCommitterOptions {
  /** Commits offsets for the group (kafkajs' `consumer.commitOffsets`). */
  readonly commit: (offsets: PartitionOffset[]) => Promise<void>;
  /** The longest an applied message waits for its offset to be committed. */
  readonly intervalMs: number;
  readonly logger: Logger;
}

export interface OffsetCommitter {
  /** The message at `offset` of the partition, and every one before it, is applied. */
  readonly applied: (topic: string, partition: number, offset: string) => void;
  /** After a rebalance: forgets the partitions this member no longer reads, which another member commits now. */
  readonly keepOnly: (assignment: Readonly<Record<string, readonly number[]>>) => void;
  /** Commits what is applied and not committed yet. */
  readonly flush: () => Promise<void>;
  /** Flushes and stops the timer. */
  readonly stop: () => Promise<void>;
}

/**
 * Commits a consumer group's offsets at most once per `intervalMs`, instead of after every fetched batch as
 * kafkajs does: under a trickle of events each batch is one message, so kafkajs' commits double the
 * requests a consumer makes of the broker. A crash loses at most `intervalMs` of commits, and the
 * redelivered messages are found applied (docs/adr/0063-offsets-committed-once-a-second.md).
 */
export function createOffsetCommitter(options: OffsetCommitterOptions): OffsetCommitter {
  const { commit, intervalMs, logger } = options;
  let pending = new Map<string, PartitionOffset>();
  let timer: NodeJS.Timeout | undefined;
  let committing: Promise<void> = Promise.resolve();
  let stopped = false;
  /** The partitions this member reads since the last rebalance (unknown before the first). */
  let assignment: Readonly<Record<string, readonly number[]>> | undefined;
  const keyOf = (topic: string, partition: number) => `${topic}\u0000${partition}`;

  const remember = (entry: PartitionOffset) => {
    // A partition another member reads now is that member's to commit; moving it back would only redeliver.
    if (assignment && !assignment[entry.topic]?.includes(entry.partition)) return;
    const key = keyOf(entry.topic, entry.partition);
    const known = pending.get(key);
    if (!known || BigInt(known.offset) < BigInt(entry.offset)) pending.set(key, entry);
  };
  const schedule = () => {
    if (timer || stopped || pending.size === 0) return;
    timer = setTimeout(() => {
      timer = undefined;
      void flush();
    }, intervalMs);
    timer.unref();
  };
  const commitPending = async () => {
    if (pending.size === 0) return;
    const batch = pending;
    pending = new Map();
    try {
      await commit([...batch.values()]);
    } catch (error) {
      logger.warn({ err: error }, 'consumer offsets not committed; retrying with the next commit');
      for (const entry of batch.values()) remember(entry);
      schedule();
    }
  };
  const flush = () => {
    committing = committing.then(commitPending);
    return committing;
  };

  return {
    applied: (topic, partition, offset) => {
      remember({ topic, partition, offset: (BigInt(offset) + 1n).toString() });
      schedule();
    },
    keepOnly: (current) => {
      assignment = current;
      for (const [key, entry] of pending) {
        if (!current[entry.topic]?.includes(entry.partition)) pending.delete(key);
      }
    },
    flush,
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      timer = undefined;
      await flush();
    },
  };
}

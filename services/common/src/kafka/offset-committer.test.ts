import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { captureLogs } from '../testing/log-capture.js';
import { createOffsetCommitter, type PartitionOffset } from './offset-committer.js';

const { logger, lines } = captureLogs('offset-committer-test');

function committerWith(commit: (offsets: PartitionOffset[]) => Promise<void>) {
  return createOffsetCommitter({ commit, intervalMs: 1000, logger });
}

describe('createOffsetCommitter', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('commits the next offset of each partition once per interval, however many messages were applied', async () => {
    const commits: PartitionOffset[][] = [];
    const committer = committerWith(async (offsets) => {
      commits.push(offsets);
    });
    for (let offset = 0; offset < 50; offset++) committer.applied('payments', 0, String(offset));
    committer.applied('payments', 1, '7');
    expect(commits).toEqual([]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(commits).toEqual([
      [
        { topic: 'payments', partition: 0, offset: '50' },
        { topic: 'payments', partition: 1, offset: '8' },
      ],
    ]);
    await vi.advanceTimersByTimeAsync(5000);
    expect(commits).toHaveLength(1);
  });

  it('never moves a partition back when offsets arrive out of order', async () => {
    const commits: PartitionOffset[][] = [];
    const committer = committerWith(async (offsets) => {
      commits.push(offsets);
    });
    committer.applied('payments', 0, '9');
    committer.applied('payments', 0, '3');
    await vi.advanceTimersByTimeAsync(1000);
    expect(commits).toEqual([[{ topic: 'payments', partition: 0, offset: '10' }]]);
  });

  it('keeps offsets whose commit failed and commits them, or newer ones, with the next attempt', async () => {
    const commits: PartitionOffset[][] = [];
    let failures = 1;
    const committer = committerWith(async (offsets) => {
      if (failures-- > 0) throw new Error('NOT_COORDINATOR');
      commits.push(offsets);
    });
    committer.applied('payments', 0, '4');
    await vi.advanceTimersByTimeAsync(1000);
    expect(commits).toEqual([]);
    expect(lines().some((line) => String(line.msg).startsWith('consumer offsets not committed'))).toBe(true);
    committer.applied('payments', 2, '1');
    await vi.advanceTimersByTimeAsync(1000);
    expect(commits).toEqual([
      [
        { topic: 'payments', partition: 0, offset: '5' },
        { topic: 'payments', partition: 2, offset: '2' },
      ],
    ]);
  });

  it('a message applied while a commit is on its way is committed by the next one', async () => {
    const commits: PartitionOffset[][] = [];
    let release: () => void = () => {};
    const committer = committerWith(async (offsets) => {
      commits.push(offsets);
      if (commits.length === 1) await new Promise<void>((resolve) => (release = resolve));
    });
    committer.applied('payments', 0, '0');
    await vi.advanceTimersByTimeAsync(1000);
    committer.applied('payments', 0, '1');
    release();
    await vi.advanceTimersByTimeAsync(1000);
    expect(commits).toEqual([
      [{ topic: 'payments', partition: 0, offset: '1' }],
      [{ topic: 'payments', partition: 0, offset: '2' }],
    ]);
  });

  it('after a rebalance, drops the partitions another member reads now', async () => {
    const commits: PartitionOffset[][] = [];
    const committer = committerWith(async (offsets) => {
      commits.push(offsets);
    });
    committer.applied('payments', 0, '4');
    committer.applied('payments', 1, '6');
    committer.keepOnly({ payments: [1, 2] });
    // An event of a revoked partition that finishes after the rebalance is the new reader's to commit.
    committer.applied('payments', 0, '5');
    await vi.advanceTimersByTimeAsync(1000);
    expect(commits).toEqual([[{ topic: 'payments', partition: 1, offset: '7' }]]);
  });

  it('a commit that fails across a rebalance keeps only the partitions still read here', async () => {
    const commits: PartitionOffset[][] = [];
    let fail: (error: Error) => void = () => {};
    let firstAttempt = true;
    const committer = committerWith(async (offsets) => {
      if (firstAttempt) {
        firstAttempt = false;
        // Held until the rebalance below, then refused.
        await new Promise<void>((_, reject) => (fail = reject));
      }
      commits.push(offsets);
    });
    committer.applied('payments', 0, '4');
    committer.applied('payments', 1, '6');
    await vi.advanceTimersByTimeAsync(1000);
    committer.keepOnly({ payments: [1] });
    fail(new Error('REBALANCE_IN_PROGRESS'));
    await vi.advanceTimersByTimeAsync(1000);
    expect(commits).toEqual([[{ topic: 'payments', partition: 1, offset: '7' }]]);
  });

  it('stop commits at once what is pending, and nothing is scheduled after it', async () => {
    const commits: PartitionOffset[][] = [];
    const committer = committerWith(async (offsets) => {
      commits.push(offsets);
    });
    committer.applied('payments', 0, '0');
    await committer.stop();
    expect(commits).toEqual([[{ topic: 'payments', partition: 0, offset: '1' }]]);
    expect(vi.getTimerCount()).toBe(0);
  });
});

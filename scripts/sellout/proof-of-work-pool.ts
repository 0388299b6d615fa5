import { Worker } from 'node:worker_threads';

export interface ProofOfWorkPool {
  /**
   * Solves in turn; rejects without solving when the job's turn comes after `notAfter()` (ms since the
   * epoch), read when its turn comes, so a deadline moved meanwhile (the hall sold out) counts.
   */
  solve(challenge: string, difficulty: number, notAfter?: () => number): Promise<string>;
  close(): Promise<void>;
}

interface Job {
  readonly id: number;
  readonly challenge: string;
  readonly difficulty: number;
  readonly notAfter: (() => number) | undefined;
  readonly resolve: (solution: string) => void;
  readonly reject: (error: Error) => void;
}

/**
 * Worker threads that solve proof-of-work challenges, so thousands of fans solving at the opening do not
 * stall the event loop that times their requests. Jobs wait here, one at a time per worker goes out.
 */
export function proofOfWorkPool(size = 1): ProofOfWorkPool {
  const workers = Array.from(
    { length: size },
    () => new Worker(new URL('./proof-of-work-worker.mjs', import.meta.url)),
  );
  const waiting: Job[] = [];
  let head = 0;
  const idle = [...workers];
  const running = new Map<number, Job>();
  let next = 0;

  const dispatch = () => {
    while (idle.length > 0 && head < waiting.length) {
      const job = waiting[head]!;
      waiting[head++] = undefined as unknown as Job;
      if (job.notAfter && Date.now() > job.notAfter()) {
        job.reject(new Error('too late to solve the challenge'));
        continue;
      }
      running.set(job.id, job);
      idle.pop()!.postMessage({ id: job.id, challenge: job.challenge, difficulty: job.difficulty });
    }
    if (head === waiting.length) {
      waiting.length = 0;
      head = 0;
    }
  };

  for (const worker of workers) {
    worker.on('error', (error) => {
      for (const job of running.values()) job.reject(error);
      running.clear();
    });
    worker.on('message', (answer: { id: number; solution: string }) => {
      running.get(answer.id)?.resolve(answer.solution);
      running.delete(answer.id);
      idle.push(worker);
      dispatch();
    });
  }
  return {
    solve: (challenge, difficulty, notAfter) =>
      new Promise((resolve, reject) => {
        waiting.push({ id: next++, challenge, difficulty, notAfter, resolve, reject });
        dispatch();
      }),
    close: async () => {
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}

import { Worker } from 'node:worker_threads';

/** A challenge of the door, as it hands them out. */
export interface IssuedChallenge {
  readonly challenge: string;
  readonly difficulty: number;
}

export interface SolvedChallenge {
  readonly challenge: string;
  readonly solution: string;
}

export interface ProofOfWorkPool {
  /**
   * Solves in turn: `issue` is called when the job's turn comes, so the challenge is as fresh as a
   * browser's that solves at once (one issued at arrival could expire while thousands are solved before
   * it). Rejects without asking when the turn comes after `notAfter()` (ms since the epoch), read then, so a
   * deadline moved meanwhile (the hall sold out) counts.
   */
  solve(issue: () => Promise<IssuedChallenge>, notAfter?: () => number): Promise<SolvedChallenge>;
  close(): Promise<void>;
}

interface Job {
  readonly id: number;
  readonly issue: () => Promise<IssuedChallenge>;
  readonly notAfter: (() => number) | undefined;
  readonly resolve: (solved: SolvedChallenge) => void;
  readonly reject: (error: Error) => void;
}

interface Running {
  readonly job: Job;
  readonly challenge: string;
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
  const running = new Map<number, Running>();
  let next = 0;

  // The worker waits for the challenge it will solve: a failed issue hands it on to the next job.
  const start = (worker: Worker, job: Job) => {
    job.issue().then(
      ({ challenge, difficulty }) => {
        running.set(job.id, { job, challenge });
        worker.postMessage({ id: job.id, challenge, difficulty });
      },
      (error: unknown) => {
        job.reject(error instanceof Error ? error : new Error(String(error)));
        idle.push(worker);
        dispatch();
      },
    );
  };

  const dispatch = () => {
    while (idle.length > 0 && head < waiting.length) {
      const job = waiting[head]!;
      waiting[head++] = undefined as unknown as Job;
      if (job.notAfter && Date.now() > job.notAfter()) {
        job.reject(new Error('too late to solve the challenge'));
        continue;
      }
      start(idle.pop()!, job);
    }
    if (head === waiting.length) {
      waiting.length = 0;
      head = 0;
    }
  };

  for (const worker of workers) {
    worker.on('error', (error) => {
      for (const { job } of running.values()) job.reject(error);
      running.clear();
    });
    worker.on('message', (answer: { id: number; solution: string }) => {
      const done = running.get(answer.id);
      done?.job.resolve({ challenge: done.challenge, solution: answer.solution });
      running.delete(answer.id);
      idle.push(worker);
      dispatch();
    });
  }
  return {
    solve: (issue, notAfter) =>
      new Promise((resolve, reject) => {
        waiting.push({ id: next++, issue, notAfter, resolve, reject });
        dispatch();
      }),
    close: async () => {
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}

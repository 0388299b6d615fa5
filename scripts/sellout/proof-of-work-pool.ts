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
  readonly worker: Worker;
}

/**
 * Worker threads that solve proof-of-work challenges, so thousands of fans solving at the opening do not
 * stall the event loop that times their requests. Jobs wait here, one at a time per worker goes out.
 */
export function proofOfWorkPool(
  size = 1,
  options: { readonly issueTimeoutMs?: number } = {},
): ProofOfWorkPool {
  const issueTimeoutMs = options.issueTimeoutMs ?? 30_000;
  const workers = new Set<Worker>();
  const waiting: Job[] = [];
  let head = 0;
  const idle: Worker[] = [];
  const running = new Map<number, Running>();
  let next = 0;

  // The worker waits for the challenge it will solve, at most `issueTimeoutMs`: a failed or late issue
  // hands it on to the next job, so one request that never ends cannot stop every fan behind it.
  const start = (worker: Worker, job: Job) => {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no challenge within ${issueTimeoutMs} ms`)), issueTimeoutMs);
    });
    Promise.race([job.issue(), late])
      .finally(() => clearTimeout(timer))
      .then(
        ({ challenge, difficulty }) => {
          running.set(job.id, { job, challenge, worker });
          try {
            worker.postMessage({ id: job.id, challenge, difficulty });
          } catch (error) {
            running.delete(job.id);
            job.reject(error as Error);
            idle.push(worker);
            dispatch();
          }
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

  // A worker that died takes its job with it and is replaced, so the line keeps moving.
  const spawn = () => {
    const worker = new Worker(new URL('./proof-of-work-worker.mjs', import.meta.url));
    worker.on('error', (error) => {
      for (const [id, run] of running)
        if (run.worker === worker) {
          run.job.reject(error);
          running.delete(id);
        }
      workers.delete(worker);
      if (idle.includes(worker)) idle.splice(idle.indexOf(worker), 1);
      if (!closing) {
        spawn();
        dispatch();
      }
    });
    worker.on('message', (answer: { id: number; solution: string }) => {
      const done = running.get(answer.id);
      done?.job.resolve({ challenge: done.challenge, solution: answer.solution });
      running.delete(answer.id);
      idle.push(worker);
      dispatch();
    });
    workers.add(worker);
    idle.push(worker);
  };
  let closing = false;
  for (let i = 0; i < size; i += 1) spawn();
  return {
    solve: (issue, notAfter) =>
      new Promise((resolve, reject) => {
        waiting.push({ id: next++, issue, notAfter, resolve, reject });
        dispatch();
      }),
    close: async () => {
      closing = true;
      await Promise.all([...workers].map((worker) => worker.terminate()));
    },
  };
}

import { Worker } from 'node:worker_threads';

export interface ProofOfWorkPool {
  /** Rejects without solving when the job's turn comes after `notAfter` (ms since the epoch). */
  solve(challenge: string, difficulty: number, notAfter?: number): Promise<string>;
  close(): Promise<void>;
}

/**
 * Worker threads that solve proof-of-work challenges, so thousands of fans solving at the opening do not
 * stall the event loop that times their requests.
 */
export function proofOfWorkPool(size = 1): ProofOfWorkPool {
  const workers = Array.from(
    { length: size },
    () => new Worker(new URL('./proof-of-work-worker.mjs', import.meta.url)),
  );
  const pending = new Map<number, (solution: string) => void>();
  const failures = new Map<number, (error: Error) => void>();
  for (const worker of workers) {
    worker.on('error', (error) => {
      for (const reject of failures.values()) reject(error);
    });
    worker.on('message', (answer: { id: number; solution?: string }) => {
      if (answer.solution === undefined)
        failures.get(answer.id)?.(new Error('too late to solve the challenge'));
      else pending.get(answer.id)?.(answer.solution);
      pending.delete(answer.id);
      failures.delete(answer.id);
    });
  }
  let next = 0;
  return {
    solve: (challenge, difficulty, notAfter) =>
      new Promise((resolve, reject) => {
        const id = next++;
        pending.set(id, resolve);
        failures.set(id, reject);
        workers[id % workers.length]!.postMessage({ id, challenge, difficulty, notAfter });
      }),
    close: async () => {
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}

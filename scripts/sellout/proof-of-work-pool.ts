import { Worker } from 'node:worker_threads';

export interface ProofOfWorkPool {
  solve(challenge: string, difficulty: number): Promise<string>;
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
  for (const worker of workers) {
    worker.on('message', (answer: { id: number; solution: string }) => {
      pending.get(answer.id)?.(answer.solution);
      pending.delete(answer.id);
    });
    worker.unref();
  }
  let next = 0;
  return {
    solve: (challenge, difficulty) =>
      new Promise((resolve) => {
        const id = next++;
        pending.set(id, resolve);
        workers[id % workers.length]!.postMessage({ id, challenge, difficulty });
      }),
    close: async () => {
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}

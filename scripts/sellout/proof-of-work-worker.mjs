// Solves the door's challenges off the fans' event loop, as the web app solves them in a Web Worker.
// Plain JavaScript that registers tsx itself: a worker thread does not inherit a test runner's loader.
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { solveChallenge } = await import('@urr/vwr-shared/proof-of-work');

parentPort.on('message', (job) => {
  parentPort.postMessage({ id: job.id, solution: solveChallenge(job.challenge, job.difficulty) });
});

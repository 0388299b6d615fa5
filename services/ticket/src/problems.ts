import { HttpProblem } from '@urr/common';

/** The problems ticket-service answers with; `type` tells programs apart what `detail` tells people. */
const problemType = (name: string) => `urn:urr:problem:ticket:${name}`;

export const notFound = (what: string, id: string) =>
  new HttpProblem(404, { type: problemType('not-found'), title: 'Not Found', detail: `no ${what} ${id}` });

export const conflict = (name: string, detail: string, extensions: Record<string, unknown> = {}) =>
  new HttpProblem(409, { type: problemType(name), title: 'Conflict', detail, ...extensions });

export const forbidden = (name: string, detail: string, extensions: Record<string, unknown> = {}) =>
  new HttpProblem(403, { type: problemType(name), title: 'Forbidden', detail, ...extensions });

export const unprocessable = (name: string, detail: string, extensions: Record<string, unknown> = {}) =>
  new HttpProblem(422, { type: problemType(name), title: 'Unprocessable Content', detail, ...extensions });

export const serviceUnavailable = (name: string, detail: string) =>
  new HttpProblem(
    503,
    { type: problemType(name), title: 'Service Unavailable', detail },
    { 'retry-after': '5' },
  );

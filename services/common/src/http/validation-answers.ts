import { problemContentType } from '../errors/http-problem.js';

// biome-ignore lint/suspicious/noExplicitAny: OpenAPI documents are walked as plain JSON
type Json = any;

const methods = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace']);

/** The 400 answer's description; it states the one rule no route schema repeats (`nul-characters.ts`). */
export const validationAnswerDescription =
  'Invalid request (fields named in `errors`); no text, in a parameter or in the body, may contain U+0000';

export const validationAnswer = {
  description: validationAnswerDescription,
  content: { [problemContentType]: { schema: { $ref: '#/components/schemas/Problem' } } },
};

/**
 * Every route that takes parameters or a body answers 400 when they do not validate (the hook all routers
 * share): `document` with that answer on each such operation that does not list it yet.
 */
export function withValidationAnswers(document: Json): Json {
  for (const item of Object.values<Json>(document.paths ?? {}))
    for (const [method, operation] of Object.entries<Json>(item)) {
      if (!methods.has(method) || operation.responses?.['400']) continue;
      if ((operation.parameters ?? []).length === 0 && !operation.requestBody) continue;
      operation.responses = { ...operation.responses, 400: validationAnswer };
    }
  return document;
}

import { type Hook, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Env } from 'hono';
import { accessTokenCookieName } from '../auth/access-token.js';
import {
  fieldsProblem,
  problemContentType,
  type ValidationTarget,
  validationProblem,
} from '../errors/http-problem.js';
import { nulCharacterErrors } from './nul-characters.js';
import { validationAnswerDescription } from './validation-answers.js';

/**
 * Routes are declared once with `createRoute({ request: { body, query, params }, responses })`: the same zod
 * schemas validate the request (a failure becomes a 400 problem naming the fields) and describe it in the
 * OpenAPI 3.1 document at `/openapi.json`.
 */
export { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';

// biome-ignore lint/suspicious/noExplicitAny: the hook serves every route, whatever its input type
export const validationHook: Hook<any, any, any, any> = (result) => {
  const target = result.target as ValidationTarget;
  if (!result.success) throw validationProblem(result.error, target);
  const nulCharacters = nulCharacterErrors(result.data);
  if (nulCharacters.length > 0) throw fieldsProblem(nulCharacters, target);
};

/** A router for a service's route module; mount it with `app.route('/api/v1/...', router)`. */
export function createRouter<E extends Env>(): OpenAPIHono<E> {
  return new OpenAPIHono<E>({ defaultHook: validationHook });
}

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .passthrough()
  .openapi('Problem');

const descriptions: Record<number, string> = {
  400: validationAnswerDescription,
  401: 'Not signed in',
  403: 'Not allowed',
  404: 'Not found',
  409: 'Conflict with the current state',
  422: 'Request understood but refused by a business rule',
  429: 'Too many requests',
  503: 'Unavailable',
};

/** `responses: { 200: ..., ...problemResponses(400, 404) }` documents problem JSON answers. */
export function problemResponses<Status extends number>(...statuses: Status[]) {
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      {
        description: descriptions[status] ?? 'Error',
        content: { [problemContentType]: { schema: problemSchema } },
      },
    ]),
  ) as Record<
    Status,
    { description: string; content: { [problemContentType]: { schema: typeof problemSchema } } }
  >;
}

/**
 * `request: { body: jsonBody(schema) }`: a required JSON body. (An optional one would let a request
 * without a body reach the handler unvalidated.)
 */
export function jsonBody<Schema extends z.ZodType>(schema: Schema, description?: string) {
  return {
    required: true,
    ...(description ? { description } : {}),
    content: { 'application/json': { schema } },
  } as const;
}

/** `responses: { 200: jsonResponse(schema, 'The reservation') }`. */
export function jsonResponse<Schema extends z.ZodType>(schema: Schema, description: string) {
  return { description, content: { 'application/json': { schema } } } as const;
}

/**
 * How a client signs in to the routes behind the gateway, which turns either into `X-User-*` headers: the
 * OpenAPI security schemes of every document that has signed-in routes (the gateway's public one included).
 */
export const signedInSecuritySchemes = {
  accessTokenCookie: {
    type: 'apiKey',
    in: 'cookie',
    name: accessTokenCookieName,
    description: 'The access JWT set by sign-in; the gateway verifies it',
  },
  bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
} as const;

/** `security` of a route that needs a signed-in user; the app registers `signedInSecuritySchemes` once. */
export const signedIn: Record<string, string[]>[] = [{ accessTokenCookie: [] }, { bearerAuth: [] }];

/** Adds `signedInSecuritySchemes` to the app's OpenAPI document. */
// biome-ignore lint/suspicious/noExplicitAny: any service's app
export function registerSignedInSecurity(app: OpenAPIHono<any>): void {
  for (const [name, scheme] of Object.entries(signedInSecuritySchemes))
    app.openAPIRegistry.registerComponent('securitySchemes', name, scheme);
}

import type { z } from 'zod';

/** Thrown when the environment does not satisfy a service's config schema; the message lists every bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly { readonly variable: string; readonly message: string }[]) {
    super(
      `Invalid configuration:\n${problems.map((problem) => `  - ${problem.variable}: ${problem.message}`).join('\n')}`,
    );
    this.name = 'ConfigError';
  }
}

/**
 * Parses `env` with the service's zod schema once, at start-up. Secrets come only from the environment;
 * nothing in the code supplies a default for them.
 */
export function loadConfig<Schema extends z.ZodType>(
  schema: Schema,
  env: Record<string, string | undefined> = process.env,
): z.output<Schema> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map((issue) => {
      const variable = issue.path.map(String).join('.') || '(environment)';
      const unset = issue.path.length === 1 && env[String(issue.path[0])] === undefined;
      return { variable, message: unset ? `is not set; ${issue.message}` : issue.message };
    }),
  );
}

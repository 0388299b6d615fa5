import { ApiException } from '@kubernetes/client-node';

export const fieldManager = 'urr-operator';

export function statusCodeOf(error: unknown): number | undefined {
  return error instanceof ApiException ? error.code : undefined;
}

export const isNotFound = (error: unknown) => statusCodeOf(error) === 404;
export const isConflict = (error: unknown) => statusCodeOf(error) === 409;

/** The apiserver refused to create something in a namespace that is being deleted (403, NamespaceTerminating). */
export function isNamespaceTerminating(error: unknown): boolean {
  if (!(error instanceof ApiException) || error.code !== 403) return false;
  const body = typeof error.body === 'string' ? safeJson(error.body) : error.body;
  const causes = (body as { details?: { causes?: { reason?: string }[] } } | undefined)?.details?.causes;
  return causes?.some((cause) => cause.reason === 'NamespaceTerminating') ?? false;
}

/** A one-line account of a client-node error, with the apiserver's message when it sent one. */
export function describeKubeError(error: unknown): string {
  if (error instanceof ApiException) {
    const body = typeof error.body === 'string' ? safeJson(error.body) : error.body;
    const message = (body as { message?: string } | undefined)?.message;
    return `HTTP ${error.code}${message ? `: ${message}` : ''}`;
  }
  return error instanceof Error ? error.message : String(error);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

import { KubeApiError } from './kube/kube-api-error.js';

export const fieldManager = 'urr-operator';

export function statusCodeOf(error: unknown): number | undefined {
  return error instanceof KubeApiError ? error.statusCode : undefined;
}

export const isNotFound = (error: unknown) => statusCodeOf(error) === 404;
export const isConflict = (error: unknown) => statusCodeOf(error) === 409;

/** The apiserver refused to create something in a namespace that is being deleted (403, NamespaceTerminating). */
export function isNamespaceTerminating(error: unknown): boolean {
  if (!(error instanceof KubeApiError) || error.statusCode !== 403) return false;
  const causes = (error.body as { details?: { causes?: { reason?: string }[] } } | undefined)?.details
    ?.causes;
  return causes?.some((cause) => cause.reason === 'NamespaceTerminating') ?? false;
}

/** A one-line account of an apiserver error, with the apiserver's message when it sent one. */
export function describeKubeError(error: unknown): string {
  if (error instanceof KubeApiError)
    return `HTTP ${error.statusCode}${error.statusMessage ? `: ${error.statusMessage}` : ''}`;
  return error instanceof Error ? error.message : String(error);
}

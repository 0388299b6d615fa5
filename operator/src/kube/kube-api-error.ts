/** The apiserver's answer to a request it refused: its HTTP status and its Status object (or text). */
export class KubeApiError extends Error {
  override readonly name = 'KubeApiError';

  constructor(
    readonly statusCode: number,
    /** The parsed Status object when the body was JSON, else the body's text. */
    readonly body: unknown,
    readonly method: string,
    readonly path: string,
  ) {
    super(`${method} ${path}: HTTP ${statusCode}${messageOf(body) ? `: ${messageOf(body)}` : ''}`);
  }

  /** The Status object's `message`, when the apiserver sent one. */
  get statusMessage(): string | undefined {
    return messageOf(this.body);
  }

  /** The Status object's `reason` (NotFound, Conflict, Expired, ...), when the apiserver sent one. */
  get reason(): string | undefined {
    const reason = (this.body as { reason?: unknown } | undefined)?.reason;
    return typeof reason === 'string' ? reason : undefined;
  }
}

function messageOf(body: unknown): string | undefined {
  const message = (body as { message?: unknown } | undefined)?.message;
  return typeof message === 'string' && message ? message : undefined;
}

/** The body of an error response: JSON when it parses, else the text as it came. */
export function parseErrorBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

import { createInternalClient, z } from '@urr/common';

export interface PassRevocationClientOptions {
  /** queue-service, e.g. http://queue-service:3007. */
  readonly baseUrl: string;
  readonly internalToken: string;
  /** @default 3000 */
  readonly timeoutMs?: number;
}

export interface PassRevocationClient {
  /**
   * Has queue-service void every waiting-room and entry pass the account was issued before `at`
   * (docs/adr/0040); throws an InternalCallError when it could not. Repeating it is harmless.
   */
  revokeBefore(userId: string, at: Date, requestId?: string): Promise<void>;
}

const answer = z.object({ userId: z.string(), revokedBefore: z.string() });

export function createPassRevocationClient(options: PassRevocationClientOptions): PassRevocationClient {
  const queue = createInternalClient({
    baseUrl: options.baseUrl,
    token: options.internalToken,
    target: 'queue-service',
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  });
  return {
    async revokeBefore(userId, at, requestId) {
      await queue.post(`/internal/accounts/${encodeURIComponent(userId)}/pass-revocations`, {
        body: { revokedAt: at.toISOString() },
        schema: answer,
        ...(requestId ? { requestId } : {}),
      });
    },
  };
}

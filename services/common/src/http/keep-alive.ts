/**
 * Kept-alive connections between URR's own processes, both ends in one place: a server keeps an idle
 * connection open longer than any caller does, so a caller never reuses one the server is closing.
 */

/** How long a service keeps an idle keep-alive connection open: longer than any caller keeps one idle. */
export const keepAliveTimeoutMs = 65_000;

/** How long a caller keeps an idle pooled connection, well under {@link keepAliveTimeoutMs}. */
export const callerIdleSocketTimeoutMs = 30_000;

/** Options of the node:http(s) Agent a caller pools its connections to one service in. */
export const keptAliveAgentOptions = {
  keepAlive: true,
  // The most recently used connection first: the rest go idle and close rather than all staying warm.
  scheduling: 'lifo',
  timeout: callerIdleSocketTimeoutMs,
} as const;

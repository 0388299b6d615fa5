/** The one kafkajs internal URR reaches into (request-queue-idle-fix.ts); kafkajs ships no types for it. */
declare module 'kafkajs/src/network/requestQueue/index.js' {
  const RequestQueue: {
    new (options: Record<string, unknown>): unknown;
    prototype: { scheduleCheckPendingRequests: (this: never) => void };
  };
  export default RequestQueue;
}

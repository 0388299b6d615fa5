import { createApi } from './client';

/** The browser's client: same origin (the edge), cookies, an expired session renewed once. */
export const api = createApi({ baseUrl: '', refreshSession: true });

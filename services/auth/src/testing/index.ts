/** What other packages' tests use of auth-service: the in-process service, a cookie jar, and its users table. */
export { users } from '../db/schema.js';
export { CookieJar } from './cookie-jar.js';
export { startTestAuthService, type TestAuthService } from './test-auth-service.js';

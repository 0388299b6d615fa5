/** auth-service as a package: its app, what the app receives, and the access-token signer (tests mint tokens with it). */
export { createApp } from './app.js';
export { type AuthContext, authContext } from './context.js';
export { type AccessTokenSigner, createAccessTokenSigner } from './domain/access-token-signer.js';

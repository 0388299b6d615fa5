/** What other packages use of auth-service at run time: the access-token signer (tests mint tokens with it). */
export { type AccessTokenSigner, createAccessTokenSigner } from './domain/access-token-signer.js';

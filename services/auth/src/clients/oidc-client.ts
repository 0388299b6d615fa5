import * as openid from 'openid-client';

export interface OidcSettings {
  readonly issuer: URL;
  readonly clientId: string;
  readonly clientSecret: string;
  /** The callback URL registered at the provider, as the browser reaches it (through the gateway). */
  readonly redirectUri: URL;
  readonly scopes: string;
  readonly allowInsecureHttp: boolean;
  /** @default 5000 */
  readonly timeoutMs?: number;
}

/** One sign-in's secrets, kept server-side between the redirect and the callback. */
export interface OidcLoginChecks {
  readonly state: string;
  readonly nonce: string;
  readonly codeVerifier: string;
}

export interface OidcProfile {
  readonly subject: string;
  readonly email: string | undefined;
  readonly emailVerified: boolean;
  readonly name: string | undefined;
}

export interface OidcClient {
  readonly newChecks: () => OidcLoginChecks;
  readonly authorizationUrl: (checks: OidcLoginChecks) => Promise<URL>;
  /** Redeems the code (with the PKCE verifier), verifies the ID token and nonce, and reads the profile. */
  readonly redeem: (callbackQuery: URLSearchParams, checks: OidcLoginChecks) => Promise<OidcProfile>;
}

/**
 * Authorization code + PKCE (S256) against one OpenID provider, through openid-client. Discovery runs on
 * first use (no I/O at start) and is retried on the next sign-in when it failed.
 */
export function createOidcClient(settings: OidcSettings): OidcClient {
  let configuration: Promise<openid.Configuration> | undefined;
  const configure = () => {
    configuration ??= openid
      .discovery(
        settings.issuer,
        settings.clientId,
        settings.clientSecret,
        undefined,
        settings.allowInsecureHttp
          ? { execute: [openid.allowInsecureRequests], timeout: (settings.timeoutMs ?? 5000) / 1000 }
          : { timeout: (settings.timeoutMs ?? 5000) / 1000 },
      )
      .catch((error: unknown) => {
        configuration = undefined;
        throw error;
      });
    return configuration;
  };

  return {
    newChecks: () => ({
      state: openid.randomState(),
      nonce: openid.randomNonce(),
      codeVerifier: openid.randomPKCECodeVerifier(),
    }),

    authorizationUrl: async (checks) => {
      const config = await configure();
      return openid.buildAuthorizationUrl(config, {
        redirect_uri: settings.redirectUri.href,
        scope: settings.scopes,
        response_type: 'code',
        code_challenge: await openid.calculatePKCECodeChallenge(checks.codeVerifier),
        code_challenge_method: 'S256',
        state: checks.state,
        nonce: checks.nonce,
      });
    },

    redeem: async (callbackQuery, checks) => {
      const config = await configure();
      // The token request's redirect_uri is this URL without its query: the registered one, not whatever
      // host the request reached auth-service through.
      const currentUrl = new URL(settings.redirectUri);
      currentUrl.search = callbackQuery.toString();
      const tokens = await openid.authorizationCodeGrant(config, currentUrl, {
        pkceCodeVerifier: checks.codeVerifier,
        expectedState: checks.state,
        expectedNonce: checks.nonce,
        idTokenExpected: true,
      });
      const idClaims = tokens.claims()!;
      const claims =
        typeof idClaims.email === 'string'
          ? idClaims
          : { ...idClaims, ...(await openid.fetchUserInfo(config, tokens.access_token, idClaims.sub)) };
      return {
        subject: idClaims.sub,
        email: typeof claims.email === 'string' ? claims.email : undefined,
        emailVerified: claims.email_verified === true,
        name: typeof claims.name === 'string' ? claims.name : undefined,
      };
    },
  };
}

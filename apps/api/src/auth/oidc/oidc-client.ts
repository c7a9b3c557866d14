import * as client from 'openid-client';
import type { OidcConfig } from '../../shared/config.js';

/** Server metadata is fetched again after this long, so a provider's changed endpoints are picked up. */
const DISCOVERY_TTL_MS = 10 * 60_000;

export interface AuthorizationRequest {
  url: URL;
  state: string;
  nonce: string;
  codeVerifier: string;
}

export interface ProviderIdentity {
  claims: Record<string, unknown>;
  idToken: string;
}

/**
 * The API's side of the provider, through openid-client: discovery, the authorization request with PKCE,
 * the code exchange with the ID token's checks (issuer, audience, signature and algorithm, expiry, nonce,
 * state), and the end-session URL.
 *
 * The discovered metadata is cached; a Configuration is made from it for every exchange, so the provider's
 * JWKS is fetched once per sign-in. openid-client's own JWKS cache only refetches on an unknown `kid` once
 * its copy is a minute old, which would refuse sign-ins for up to a minute after the provider rotated its
 * keys; one small GET per sign-in is cheaper than that.
 */
export class OidcClient {
  private discovered: { at: number; config: Promise<client.Configuration> } | undefined;

  constructor(private readonly settings: OidcConfig) {}

  get providerName(): string {
    return this.settings.providerName;
  }

  private discover(): Promise<client.Configuration> {
    if (this.discovered && Date.now() - this.discovered.at < DISCOVERY_TTL_MS) return this.discovered.config;
    const config = client.discovery(new URL(this.settings.issuer), this.settings.clientId, this.settings.clientSecret, undefined, {
      execute: this.settings.allowHttp ? [client.allowInsecureRequests] : [],
      timeout: 10,
    });
    this.discovered = { at: Date.now(), config };
    // A failed discovery is not kept: the next sign-in tries again.
    config.catch(() => {
      if (this.discovered?.config === config) this.discovered = undefined;
    });
    return config;
  }

  /** A configuration with its own (empty) JWKS cache: see the class comment. */
  private async fresh(): Promise<client.Configuration> {
    const discovered = await this.discover();
    const config = new client.Configuration(discovered.serverMetadata(), this.settings.clientId, this.settings.clientSecret);
    if (this.settings.allowHttp) client.allowInsecureRequests(config);
    // openid-client skips the ID token's signature when it came straight from the token endpoint over TLS
    // (OpenID Connect Core 3.1.3.7 allows it). Checked anyway: a proxy or a misissued certificate should not
    // be enough to sign anyone in, and it keeps `alg` and the provider's keys in play.
    client.enableNonRepudiationChecks(config);
    config.timeout = 10;
    return config;
  }

  async authorizationRequest(): Promise<AuthorizationRequest> {
    const config = await this.discover();
    const codeVerifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: this.settings.redirectUri,
      scope: this.settings.scopes,
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { url, state, nonce, codeVerifier };
  }

  /** Exchanges the code; throws when the provider's answer or its ID token fails any check. */
  async exchange(callbackUrl: URL, expected: { state: string; nonce: string; codeVerifier: string }, wantedClaim: string): Promise<ProviderIdentity> {
    const config = await this.fresh();
    const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: expected.codeVerifier,
      expectedState: expected.state,
      expectedNonce: expected.nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims();
    if (!claims || !tokens.id_token) throw new Error('no ID token');
    // Many providers put only `sub` in the ID token and the rest at the userinfo endpoint (whose `sub` must match).
    if (claims[wantedClaim] === undefined && config.serverMetadata().userinfo_endpoint) {
      const userInfo = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
      return { claims: { ...userInfo, ...claims }, idToken: tokens.id_token };
    }
    return { claims: { ...claims }, idToken: tokens.id_token };
  }

  /** The provider's end-session URL, when it has one (RP-initiated logout); null when it does not. */
  async endSessionUrl(idToken: string | null): Promise<string | null> {
    const config = await this.discover();
    if (!config.serverMetadata().end_session_endpoint) return null;
    const parameters: Record<string, string> = {};
    if (idToken) parameters['id_token_hint'] = idToken;
    if (this.settings.postLogoutRedirectUri) parameters['post_logout_redirect_uri'] = this.settings.postLogoutRedirectUri;
    return client.buildEndSessionUrl(config, parameters).href;
  }
}

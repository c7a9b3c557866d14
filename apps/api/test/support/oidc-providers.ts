import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, UnsecuredJWT, type JWK, type JWTPayload } from 'jose';
import Provider from 'oidc-provider';

/*
 * Identity providers for tests, in-process:
 * - `startRealProvider`: oidc-provider with its own keys and its development login and consent pages; any
 *   login name is an account whose `sub` and `email` are that name. `rotateKeys()` restarts it (same issuer)
 *   with a new key set.
 * - `startFakeProvider`: discovery, JWKS and a token endpoint only, answering with whatever ID token the test
 *   crafts, for the tokens a real provider never issues (wrong issuer, expired, wrong audience, bad signature, alg none).
 */

export const CLIENT_ID = 'hjulet-test';
export const CLIENT_SECRET = 'a-client-secret-for-tests-only-0123456789';

/** A free local port, for a server whose URL must be known before it starts (the API's redirect URI). */
export async function freePort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function listen(handler: http.RequestListener): Promise<{ server: http.Server; url: string }> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

async function signingKey(kid: string): Promise<{ privateJwk: JWK; publicJwk: JWK; privateKey: Awaited<ReturnType<typeof generateKeyPair>>['privateKey'] }> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  return {
    privateJwk: { ...(await exportJWK(privateKey)), kid, alg: 'RS256', use: 'sig' },
    publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' },
    privateKey,
  };
}

export interface RealProvider {
  issuer: string;
  /** The kid the provider signs with now. */
  kid: string;
  rotateKeys(): Promise<void>;
  /** The `groups` claim each login gets (none when absent), like Entra ID's group ids: change it between sign-ins. */
  groups: Map<string, string[]>;
  close(): Promise<void>;
}

export async function startRealProvider(redirectUri: string, postLogoutRedirectUri: string): Promise<RealProvider> {
  let handler: http.RequestListener = (_req, res) => res.end();
  const { server, url: issuer } = await listen((req, res) => handler(req, res));
  let generation = 0;
  const state = { kid: '' };
  const groups = new Map<string, string[]>();
  const build = async () => {
    generation += 1;
    const key = await signingKey(`key-${generation}`);
    state.kid = key.privateJwk.kid as string;
    const provider = new Provider(issuer, {
      clients: [
        {
          client_id: CLIENT_ID,
          client_secret: CLIENT_SECRET,
          redirect_uris: [redirectUri],
          post_logout_redirect_uris: [postLogoutRedirectUri],
          response_types: ['code'],
          grant_types: ['authorization_code'],
          token_endpoint_auth_method: 'client_secret_post',
        },
      ],
      jwks: { keys: [key.privateJwk] },
      cookies: { keys: [`cookie-key-${generation}-0123456789abcdef`] },
      // `groups` with the profile scope, and in the ID token itself, as Entra ID sends it.
      claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'groups'] },
      conformIdTokenClaims: false,
      findAccount: (_ctx, id) => ({
        accountId: id,
        claims: () => ({ sub: id, email: id, email_verified: true, name: id, ...(groups.has(id) ? { groups: groups.get(id) } : {}) }),
      }),
      features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    });
    const callback = provider.callback();
    handler = (req, res) => void callback(req, res);
  };
  await build();
  return {
    issuer,
    get kid() {
      return state.kid;
    },
    rotateKeys: build,
    groups,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface FakeProvider {
  issuer: string;
  /** The ID token the next token request gets. */
  nextIdToken: string;
  /** A correct ID token for that nonce, with `changes` applied to its claims; signed by another key or unsigned on request. */
  sign(nonce: string, changes?: JWTPayload, options?: { key?: 'other'; alg?: 'none' }): Promise<string>;
  close(): Promise<void>;
}

export async function startFakeProvider(sub: string): Promise<FakeProvider> {
  const key = await signingKey('fake-1');
  // Same kid, other key: a signature that does not verify.
  const impostor = await signingKey('fake-1');
  let nextIdToken = '';
  const { server, url: issuer } = await listen((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const json = (body: unknown) => {
      res.setHeader('content-type', 'application/json');
      res.setHeader('cache-control', 'no-store');
      res.end(JSON.stringify(body));
    };
    if (path === '/.well-known/openid-configuration') {
      return json({
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        code_challenge_methods_supported: ['S256'],
      });
    }
    if (path === '/jwks') return json({ keys: [key.publicJwk] });
    if (path === '/token' && req.method === 'POST') {
      req.resume();
      return json({ access_token: 'opaque', token_type: 'Bearer', expires_in: 300, id_token: nextIdToken });
    }
    res.statusCode = 404;
    res.end();
  });
  return {
    issuer,
    get nextIdToken() {
      return nextIdToken;
    },
    set nextIdToken(value: string) {
      nextIdToken = value;
    },
    async sign(nonce, changes = {}, options = {}) {
      const now = Math.floor(Date.now() / 1000);
      const claims: JWTPayload = { iss: issuer, sub, aud: CLIENT_ID, email: sub, nonce, iat: now, exp: now + 300, ...changes };
      if (options.alg === 'none') return new UnsecuredJWT(claims).encode();
      return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'fake-1' }).sign(options.key === 'other' ? impostor.privateKey : key.privateKey);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A browser's cookies, by name (paths ignored: the tests' servers use distinct names). */
export class CookieJar {
  private readonly cookies = new Map<string, Map<string, string>>();

  header(url: string): string {
    return [...(this.cookies.get(new URL(url).host) ?? new Map<string, string>())].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  store(url: string, response: Response): void {
    const host = new URL(url).host;
    const jar = this.cookies.get(host) ?? new Map<string, string>();
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const gone = !value || attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=Thu, 01 Jan 1970/i.test(a));
      if (gone) jar.delete(name);
      else jar.set(name, value);
    }
    this.cookies.set(host, jar);
  }

  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const cookie = this.header(url);
    const response = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), ...(cookie ? { cookie } : {}) } });
    this.store(url, response);
    return response;
  }
}

/**
 * Walks a browser through the real provider: its login page (as `login`), its consent page, and back to
 * the API's callback, which it does not call. Returns the callback URL the provider redirected to.
 */
export async function throughProvider(jar: CookieJar, authorizationUrl: string, login: string): Promise<string> {
  let url = authorizationUrl;
  for (let step = 0; step < 20; step++) {
    const response = await jar.fetch(url);
    const location = response.headers.get('location');
    if (location) {
      const next = new URL(location, url).href;
      if (next.includes('/auth/oidc/callback')) return next;
      url = next;
      continue;
    }
    const page = await response.text();
    if (response.status !== 200 || !/\/interaction\//.test(url)) throw new Error(`provider answered ${response.status} at ${url}: ${page.slice(0, 300)}`);
    const prompt = /name="prompt" value="(login|consent)"/.exec(page)?.[1];
    if (!prompt) throw new Error(`no form at ${url}: ${page.slice(0, 300)}`);
    const body = new URLSearchParams(prompt === 'login' ? { prompt, login, password: 'any' } : { prompt });
    const submitted = await jar.fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: body.toString() });
    const after = submitted.headers.get('location');
    if (!after) throw new Error(`provider did not redirect after ${prompt}: ${submitted.status} ${(await submitted.text()).slice(0, 300)}`);
    url = new URL(after, url).href;
  }
  throw new Error('too many redirects at the provider');
}

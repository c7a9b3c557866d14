import { Router, type Response } from 'express';
import type { Logger } from 'pino';
import type { OidcConfig } from '../../shared/config.js';
import type { OidcService } from './oidc.service.js';

/*
 * GET /auth/oidc/start: sends the browser to the provider (authorization code flow with PKCE).
 * GET /auth/oidc/callback: the provider sends it back; the API checks and exchanges the code, then sends
 * the browser to the PWA with a one-time code in the fragment (#oidc_code=…), which the PWA exchanges by
 * the completeSignIn mutation: the API's tokens never sit in a URL, and a fragment never reaches a server log.
 * A refusal goes to the PWA as #oidc_error=<reason> (see OidcRefusal); the details are in the audit log.
 */

const COOKIE = 'hjulet_oidc';
const COOKIE_PATH = '/auth/oidc';

function noStore(res: Response) {
  res.setHeader('cache-control', 'no-store');
  res.setHeader('pragma', 'no-cache');
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

export function oidcRouter(oidc: OidcService, settings: OidcConfig, log: Logger): Router {
  const router = Router();
  const secure = new URL(settings.redirectUri).protocol === 'https:';
  const appStart = new URL('/', settings.redirectUri);
  const cookie = (value: string, maxAge: number) =>
    // SameSite=Lax: the provider's redirect back is a top-level GET, which still carries it.
    `${COOKIE}=${value}; Path=${COOKIE_PATH}; Max-Age=${maxAge}; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
  const toApp = (res: Response, fragment: string) => {
    noStore(res);
    res.setHeader('set-cookie', cookie('', 0));
    res.redirect(302, `${appStart.href}#${fragment}`);
  };

  router.get(`${COOKIE_PATH}/start`, async (_req, res) => {
    try {
      const { redirectTo, browserToken, ttlSeconds } = await oidc.start();
      noStore(res);
      res.setHeader('set-cookie', cookie(browserToken, ttlSeconds));
      res.redirect(302, redirectTo);
    } catch (error) {
      // The provider's discovery failed (down, or misconfigured): the PWA says so, the log says why.
      log.warn({ err: error }, 'OpenID provider unreachable at sign-in start');
      toApp(res, 'oidc_error=provider_unreachable');
    }
  });

  router.get(`${COOKIE_PATH}/callback`, async (req, res) => {
    // The registered redirect URI with the query the provider sent: what the code was issued for, behind any proxy.
    const callbackUrl = new URL(settings.redirectUri);
    callbackUrl.search = new URL(req.originalUrl, 'http://x').search;
    const source = { principal: null, requestId: res.locals['requestId'] as string };
    try {
      const outcome = await oidc.callback(source, callbackUrl, cookieValue(req.header('cookie'), COOKIE));
      toApp(res, outcome.ok ? `oidc_code=${outcome.handoffCode}` : `oidc_error=${outcome.reason}`);
    } catch (error) {
      log.error({ err: error }, 'OpenID sign-in callback failed');
      toApp(res, 'oidc_error=internal');
    }
  });
  return router;
}

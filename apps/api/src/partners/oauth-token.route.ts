import express, { type Request, type Response, type Router } from 'express';
import type { Logger } from 'pino';
import type { PartnerService } from './partner.service.js';
import type { RateLimiter } from './rate-limit.js';

/*
 * POST /oauth/token: the OAuth 2.0 client-credentials grant (RFC 6749 §4.4) for partner clients, with
 * client_secret_basic (§2.3.1: HTTP Basic, id and secret each form-urlencoded first). Answers and errors
 * as §5.1 and §5.2, never cached. The only grant type is client_credentials; there are no refresh tokens
 * (§4.4.3): a client asks again when its token expires.
 */

type OAuthError = 'invalid_request' | 'invalid_client' | 'invalid_grant' | 'unauthorized_client' | 'unsupported_grant_type' | 'invalid_scope';

const REALM = 'hjulet-partner-api';

function noStore(res: Response) {
  res.setHeader('cache-control', 'no-store');
  res.setHeader('pragma', 'no-cache');
}

function fail(res: Response, error: OAuthError, description: string) {
  noStore(res);
  if (error === 'invalid_client') {
    // §5.2: a client that authenticated with the Authorization header gets 401 and the scheme it used.
    res.setHeader('www-authenticate', `Basic realm="${REALM}", charset="UTF-8"`);
    res.status(401);
  } else {
    res.status(400);
  }
  res.json({ error, error_description: description });
}

/** §2.3.1: `Basic base64(urlencode(id) ":" urlencode(secret))`, or null when the header is not that. */
export function parseBasicCredentials(header: string | undefined): { clientId: string; clientSecret: string } | null {
  const match = /^Basic ([A-Za-z0-9+/]+={0,2})$/i.exec(header?.trim() ?? '');
  if (!match?.[1]) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 1) return null;
  try {
    const formDecode = (s: string) => decodeURIComponent(s.replace(/\+/g, ' '));
    return { clientId: formDecode(decoded.slice(0, colon)), clientSecret: formDecode(decoded.slice(colon + 1)) };
  } catch {
    return null;
  }
}

export function oauthTokenRouter(partners: PartnerService, limiter: RateLimiter, log: Logger): Router {
  const router = express.Router();
  router.post('/oauth/token', express.urlencoded({ extended: false, limit: '4kb', parameterLimit: 10 }), async (req: Request, res: Response) => {
    if (!req.is('application/x-www-form-urlencoded')) return fail(res, 'invalid_request', 'Send the parameters as application/x-www-form-urlencoded');
    const body = (req.body ?? {}) as Record<string, unknown>;
    // §3.2: parameters must not be repeated; the urlencoded parser makes a repeated one an array.
    if (Object.values(body).some((v) => typeof v !== 'string')) return fail(res, 'invalid_request', 'A parameter is repeated');
    const params = body as Record<string, string>;
    if ('client_secret' in params || 'client_id' in params) {
      return fail(res, 'invalid_client', 'Authenticate with HTTP Basic (client_secret_basic), not with parameters in the body');
    }
    const credentials = parseBasicCredentials(req.header('authorization'));
    if (!credentials) return fail(res, 'invalid_client', 'Client authentication (HTTP Basic) required');
    const grantType = params['grant_type'];
    if (!grantType) return fail(res, 'invalid_request', 'grant_type is required');
    if (grantType !== 'client_credentials') return fail(res, 'unsupported_grant_type', 'Only grant_type=client_credentials is supported');

    const limit = await limiter.consume(`${credentials.clientId.slice(0, 64)}|${req.ip ?? ''}`);
    if (!limit.allowed) {
      noStore(res);
      res.setHeader('retry-after', String(limit.retryAfterSeconds));
      res.status(429).json({ error: 'too_many_requests', error_description: `Too many token requests; retry after ${limit.retryAfterSeconds} s` });
      return;
    }

    const requestId = res.locals['requestId'] as string;
    const outcome = await partners.issueToken({ principal: null, requestId }, credentials.clientId, credentials.clientSecret, params['scope']);
    if (!outcome.ok) {
      log.info({ requestId, error: outcome.error }, 'partner token refused');
      return fail(res, outcome.error, outcome.description);
    }
    noStore(res);
    res.json({ access_token: outcome.accessToken, token_type: 'Bearer', expires_in: outcome.expiresIn, scope: outcome.scope });
  });
  return router;
}

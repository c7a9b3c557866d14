import cors from 'cors';
import type { RequestHandler } from 'express';
import helmet, { type HelmetOptions } from 'helmet';

/*
 * Security headers on every answer (helmet), and which other origins a browser may call the API from
 * (cors). The staff app is served by the API itself, so by default no other origin is allowed at all.
 */

/**
 * The two <style> elements Observable Plot (pinned, apps/pwa) puts into every chart: its base rules and its
 * swatch legend's, the same text on every render. Allowed by their hash, not by 'unsafe-inline'; a Plot
 * upgrade that changes them shows up as a violation in e2e/content-security-policy.test.ts.
 */
export const CHART_STYLE_HASHES = ["'sha256-jSYQUrW7J0b3jPqhZP9C2Xh1PyJKHKXd4s0fpGGKrww='", "'sha256-rCZUQsEQJf1DmnfnMZmlj08XC7qbIZySA6bEtitbQ00='"];

/**
 * The app's CSP: everything from this origin only. No inline script anywhere (the service worker is
 * registered from a bundled module, not an inline snippet); styles only from our stylesheets and the charts'
 * two fixed <style> elements, by hash (React's
 * `style` props go through the CSSOM, which CSP does not restrict); no framing, no plugins, no <base>.
 */
const APP_CSP: HelmetOptions['contentSecurityPolicy'] = {
  useDefaults: false as const,
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'", ...CHART_STYLE_HASHES],
    imgSrc: ["'self'", 'data:'],
    fontSrc: ["'self'"],
    connectSrc: ["'self'"],
    manifestSrc: ["'self'"],
    workerSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'none'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
};

/**
 * Apollo's landing page at GET /graphql (Apollo Sandbox in development, a notice in production) carries its
 * own CSP in a <meta> tag, with a fresh nonce for its scripts and Apollo's CDN. The header here adds what a
 * meta tag cannot say (frame-ancestors) and leaves scripts to that nonce policy: still no 'unsafe-inline'.
 */
const LANDING_PAGE_CSP: HelmetOptions['contentSecurityPolicy'] = {
  useDefaults: false as const,
  directives: {
    defaultSrc: helmet.contentSecurityPolicy.dangerouslyDisableDefaultSrc,
    frameAncestors: ["'none'"],
    objectSrc: ["'none'"],
    baseUri: ["'none'"],
  },
};

const common = {
  referrerPolicy: { policy: 'no-referrer' as const },
  // HSTS only matters over HTTPS (in production, behind TLS); browsers ignore it over plain HTTP.
  strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
  crossOriginResourcePolicy: { policy: 'same-origin' as const },
};

const wantsLandingPage: (req: Parameters<RequestHandler>[0]) => boolean = (req) =>
  req.method === 'GET' && req.path === '/graphql' && Boolean(req.accepts('html')) && !req.query['query'];

export function securityHeaders(): RequestHandler {
  const app = helmet({ ...common, contentSecurityPolicy: APP_CSP });
  const landing = helmet({ ...common, contentSecurityPolicy: LANDING_PAGE_CSP });
  return (req, res, next) => (wantsLandingPage(req) ? landing : app)(req, res, next);
}

/**
 * CORS: only the listed origins (CORS_ORIGINS) get Access-Control-Allow-* answers; any other origin gets
 * none, so its browser keeps the answer from it. Same-origin requests (the PWA) need no CORS at all.
 */
export function corsAllowList(origins: readonly string[]): RequestHandler {
  const allowed = new Set(origins);
  return cors({
    origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
    methods: ['GET', 'POST'],
    allowedHeaders: ['content-type', 'authorization', 'x-request-id', 'apollo-require-preflight'],
    exposedHeaders: ['x-request-id', 'retry-after'],
    maxAge: 600,
  });
}

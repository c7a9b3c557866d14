import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import compression from 'compression';
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import { refusalAuditPlugin } from './audit/refusal-audit.plugin.js';
import { buildAppSchema } from './schema/build-schema.js';
import { createLoaders, createServices, type Services } from './services.js';
import { startPeriodic } from './shared/periodic.js';
import { ensureReviewPartitions } from './reviews/review-partitions.js';
import type { Config } from './shared/config.js';
import type { GraphQLContext } from './shared/context.js';
import { createErrorFormatter } from './shared/error-formatter.js';
import { GRAPHQL_LIMITS, graphqlArmor, type GraphQLLimits } from './shared/graphql-limits.js';
import { stringInputPlugin } from './shared/string-input-plugin.js';
import { operationNamePlugin, requestMetrics, type RequestMetrics } from './shared/request-metrics.js';
import { oauthTokenRouter } from './partners/oauth-token.route.js';
import { partnerAuditPlugin, partnerGate, partnerOfResponse } from './partners/partner-gate.js';
import { createRateLimitStore, type RateLimiter } from './partners/rate-limit.js';
import { corsAllowList, securityHeaders } from './shared/security-headers.js';
import { admission, createLane, startLagMonitor, type Lane, type RequestClass } from './shared/admission.js';
import type { Principal } from './auth/principal.js';
import type { ReadSource } from './shared/read-source.js';
import { loadTrustedDocuments } from './partners/trusted-documents.js';
import { startWebhookWorker } from './webhooks/webhook-worker.js';
import { oidcRouter } from './auth/oidc/oidc.routes.js';
import { healthRoutes, startHealthServer } from './health/health-server.js';
import { listen } from './shared/listen.js';

export interface RequestReport extends RequestMetrics {
  durationMs: number;
  status: number;
}

export interface AppOptions {
  config: Config;
  dataSource: DataSource;
  log: Logger;
  /** Tighter (or looser) limits than GRAPHQL_LIMITS, for tests of the limits themselves. */
  limits?: Partial<GraphQLLimits>;
  /** Where statistics and dashboards read (a replica, shared/read-source.ts); the primary when not given. */
  reads?: ReadSource;
  /** Called after each GraphQL request with its timing and SQL statement count (benchmarks, tests). */
  onRequest?: (report: RequestReport) => void;
}

export interface RunningApp {
  url: string;
  /** The health checks' own listener (HEALTH_PORT), when configured: `http://host:port`. */
  healthUrl: string | undefined;
  /** Whether a built PWA was found and is served at `/`. */
  servesPwa: boolean;
  services: Services;
  /** Where the partner and login rate limits count: 'redis' (REDIS_URL) or 'memory'. */
  rateLimitStore: RateLimiter['store'];
  /** Admission control's lanes for GraphQL writes, reads and sign-in (tests read their counts). */
  lanes: Record<RequestClass, Lane>;
  close(): Promise<void>;
}

const REQUEST_ID = /^[A-Za-z0-9_.:-]{1,64}$/;

/** Express with the GraphQL endpoint, health checks and (when built) the PWA; listens on config.port. */
export async function startApp({ config, dataSource, log, limits, onRequest, reads }: AppOptions): Promise<RunningApp> {
  const rateLimits = createRateLimitStore({ redisUrl: config.redisUrl, keyPrefix: config.rateLimitKeyPrefix, log });
  const services = createServices(dataSource, config, log, rateLimits, reads);
  const app = express();
  app.disable('x-powered-by');
  // Behind a load balancer the client's address (per-address login limit) is the one the proxy names.
  if (config.trustProxy !== undefined) app.set('trust proxy', config.trustProxy);
  // First, so every answer carries them: GraphQL, /oauth/token, health, the PWA, errors and 404s.
  app.use(securityHeaders(), corsAllowList(config.corsOrigins));
  // gzip for the PWA's assets and for large GraphQL answers: phones are often on slow links.
  app.use(compression());
  const httpServer = http.createServer(app);
  const armor = graphqlArmor(production(config), limits);
  const schema = await buildAppSchema();
  const trusted = loadTrustedDocuments(schema);
  const rate = config.partnerRateLimit;
  const partnerLimiter = rateLimits.limiter({ name: 'partner-gql', points: rate.points, windowSeconds: rate.windowSeconds });
  const tokenLimiter = rateLimits.limiter({ name: 'partner-token', points: rate.tokenPoints, windowSeconds: rate.windowSeconds });
  if (!(await rateLimits.ready())) log.warn('Redis did not answer: rate limits count in memory until it does');

  const apollo = new ApolloServer<GraphQLContext>({
    schema,
    introspection: !production(config),
    // Never, in any mode: the README's start command runs in development, reachable by anyone on the port.
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    // main.ts owns shutdown (HTTP, pool, database, in that order); Apollo's own signal handler would race it.
    stopOnTerminationSignals: false,
    csrfPrevention: true,
    formatError: createErrorFormatter(log),
    validationRules: armor.validationRules,
    // graphql-armor's types come from Apollo's CJS build, ours from its ESM build: the same objects.
    plugins: [
      ...(armor.plugins as ApolloServerPlugin<GraphQLContext>[]),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      // Nothing sets cache hints (answers are per user and audited); the per-field hook cost 2–3 % of CPU.
      ApolloServerPluginCacheControlDisabled(),
      operationNamePlugin as ApolloServerPlugin<GraphQLContext>,
      stringInputPlugin as ApolloServerPlugin<GraphQLContext>,
      refusalAuditPlugin,
      partnerAuditPlugin(trusted),
    ],
  });
  await apollo.start();

  app.use((req, res, next) => {
    const header = req.header('x-request-id');
    const requestId = header && REQUEST_ID.test(header) ? header : randomUUID();
    res.locals['requestId'] = requestId;
    res.setHeader('x-request-id', requestId);
    next();
  });

  app.use(healthRoutes(dataSource, log));

  const graphql = expressMiddleware(apollo, {
    context: async ({ req, res }): Promise<GraphQLContext> => {
      const requestId = res.locals['requestId'] as string;
      // A partner token was checked by partnerGate; it is never read as a user token (nor the reverse).
      const partner = partnerOfResponse(res);
      const principal = partner ? null : ((res.locals['principal'] as Principal | null | undefined) ?? null);
      return {
        requestId,
        clientAddress: req.ip ?? '',
        userAgent: req.get('user-agent')?.slice(0, 300),
        principal,
        partner,
        services,
        loaders: createLoaders(services),
        log: log.child({ requestId }),
      };
    },
  });
  app.use(oauthTokenRouter(services.partners, tokenLimiter, log));
  if (services.oidc && config.oidc) app.use(oidcRouter(services.oidc, config.oidc, log));

  const gate = partnerGate({ partners: services.partners, audit: services.audit, trusted, limiter: partnerLimiter, log });
  // A user token is checked here, before the request's SQL is counted: its session check is one statement on every request.
  const authenticate: RequestHandler = async (req, res, next) => {
    const bearer = /^Bearer (.{1,4096})$/.exec(req.header('authorization') ?? '')?.[1];
    res.locals['principal'] = bearer && !partnerOfResponse(res) ? await services.auth.authenticate(bearer) : null;
    next();
  };
  // Before the partner gate and the session check: a refused request costs no SQL. /healthz is not behind it.
  // While supervisors' reads wait for a place, the phones' writes give way: a read is someone looking at a
  // screen, a write a phone's background sync that keeps its batch and tries again (docs/api.md).
  const readLane = createLane(config.admission.read);
  const writesWhileReadsWait = config.admission.writeConcurrencyWhileReadsWait;
  const lanes = {
    write: createLane(
      config.admission.write,
      writesWhileReadsWait > 0 ? { busy: () => readLane.stats().queued > 0, concurrency: writesWhileReadsWait } : undefined,
    ),
    read: readLane,
    session: createLane({ concurrency: 0, queue: 0, maxWaitMs: 0 }),
  };
  const lag = startLagMonitor();
  const admit = admission({
    lanes,
    retryAfterSeconds: config.admission.retryAfterSeconds,
    maxTokens: limits?.maxTokens ?? GRAPHQL_LIMITS.maxTokens,
    writeShedding: { monitor: lag, maxLagMs: config.admission.writeMaxLagMs },
  });
  app.use('/graphql', express.json({ limit: GRAPHQL_LIMITS.maxBodyBytes }), admit, gate, authenticate, (req, res, next) => {
    const metrics: RequestMetrics = { requestId: res.locals['requestId'] as string, sqlStatements: 0, operationName: null };
    const started = performance.now();
    res.on('finish', () => {
      const report: RequestReport = {
        ...metrics,
        durationMs: performance.now() - started,
        status: res.statusCode,
      };
      log.info(
        { requestId: report.requestId, operation: report.operationName, ms: Math.round(report.durationMs), sql: report.sqlStatements, status: report.status },
        'graphql request',
      );
      onRequest?.(report);
    });
    requestMetrics.run(metrics, () => graphql(req, res, next));
  });

  const pwaDist = config.pwaDist ?? path.resolve(import.meta.dirname, '../../pwa/dist');
  const servesPwa = existsSync(path.join(pwaDist, 'index.html'));
  if (servesPwa) {
    // A hashed asset the build compressed with brotli (`<asset>.br`) goes out as it is to a browser that takes brotli.
    app.get(/^\/assets\/[^/]+\.(js|css)$/, (req, res, next) => {
      const file = path.join(pwaDist, 'assets', path.basename(req.path));
      if (!req.header('accept-encoding') || req.acceptsEncodings('br') !== 'br' || !existsSync(`${file}.br`) || !existsSync(file)) return next();
      res.vary('Accept-Encoding');
      res.setHeader('content-encoding', 'br');
      res.setHeader('cache-control', pwaCacheControl(`assets/${path.basename(file)}`));
      res.type(path.extname(file));
      res.sendFile(`${file}.br`);
    });
    app.use(
      express.static(pwaDist, {
        index: false,
        setHeaders: (res, file) => res.setHeader('cache-control', pwaCacheControl(path.relative(pwaDist, file).split(path.sep).join('/'))),
      }),
    );
    // Client-side routes: any other GET that wants HTML gets the app shell; a missing file is a 404, not the app.
    app.get(/^\/(?!graphql|healthz|readyz|oauth|auth\/).*/, (req, res, next) => {
      if (!req.accepts('html') || looksLikeFile(req.path)) return next();
      res.setHeader('cache-control', 'no-cache');
      res.sendFile(path.join(pwaDist, 'index.html'));
    });
  }

  // Our own 404 (Express's default one replaces the CSP with one that lacks frame-ancestors).
  app.use((_req, res) => {
    res.status(404).type('text/plain').send('Not found');
  });
  app.use(bodyErrors);

  const url = await listen(httpServer, config.port, config.host);
  const healthServer =
    config.healthPort === undefined
      ? undefined
      : await startHealthServer({ port: config.healthPort, host: config.host, dataSource, log, maxLoopDelayMs: config.healthMaxLoopDelayMs, loop: lag }).catch(
          (error: unknown) => {
            httpServer.close();
            throw error;
          },
        );
  // Hash-chains the audit rows written since the last run (audit/audit-chain.ts).
  const auditChainer = startPeriodic('audit-chain', config.auditChainIntervalMs, () => services.audit.chainPending(), log);
  // Data protection (docs/data-protection.md): erasure past retention, and the daily log review of the day before.
  const retention = startPeriodic(
    'retention',
    config.retention.intervalMs,
    async () => {
      await services.erasure.enforceRetention(config.retention.months);
      await services.erasure.cullFeedback({ contactMonths: config.retention.feedbackContactMonths, textMonths: config.retention.months });
    },
    log,
  );
  // Reviews are partitioned by month: the coming months' partitions are made ahead, at start and with the
  // housekeeping (reviews/review-partitions.ts). Not making them is no failure: reviews then go to the default partition.
  await ensureReviewPartitions(dataSource).catch((error: unknown) => log.warn({ err: error }, 'review partitions not made'));
  const reviewPartitions = startPeriodic('review-partitions', config.retention.intervalMs, () => ensureReviewPartitions(dataSource), log);
  const accessReview = startPeriodic('access-review', config.accessReview.intervalMs, () => services.accessReview.reviewPreviousDay(), log);
  // Partner webhooks: the delivery worker, and the check that queues "statistics period closed" once a month ends.
  const webhookWorker = await startWebhookWorker(services.jobQueue, services.webhookRepository, config.webhooks.pollMs, log);
  const periodCheck = startPeriodic('webhook-period-closed', config.webhooks.periodCheckMs, () => services.webhooks.queuePeriodClosed(), log);

  return {
    url,
    healthUrl: healthServer?.url,
    servesPwa,
    services,
    rateLimitStore: rateLimits.kind,
    lanes,
    async close() {
      lag.stop();
      await apollo.stop();
      if (httpServer.listening) await new Promise<void>((resolve) => httpServer.close(() => resolve()));
      await healthServer?.close();
      await Promise.all([
        rateLimits.close(),
        auditChainer.stop(),
        retention.stop(),
        reviewPartitions.stop(),
        accessReview.stop(),
        periodCheck.stop(),
        webhookWorker.stop(),
      ]);
    },
  };
}

const production = (config: Config) => config.env === 'production';

/** A built asset named by its content (`assets/index-B1x2c3d4.js`): a new build gives it a new name. */
const HASHED_ASSET = /^assets\/[^/]+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/;
/** Files at the root whose name stays the same across builds and that decide which build a phone runs. */
const SHELL_FILE = /^(index\.html|sw\.js|registerSW\.js|workbox-[^/]*\.js|manifest\.webmanifest)$/;

/**
 * Cache-Control for a file of the built PWA, by its path inside the build (`/` separated). Hashed assets
 * never change under their name: cached for a year without revalidation. The shell, the service worker
 * and the manifest are revalidated on every load, so a deploy reaches phones. Other files (icons,
 * robots.txt) keep their name across builds: an hour.
 */
export function pwaCacheControl(file: string): string {
  if (SHELL_FILE.test(file)) return 'no-cache';
  if (HASHED_ASSET.test(file)) return 'public, max-age=31536000, immutable';
  return 'public, max-age=3600';
}

/** A path whose last segment has a file extension (`/robots.txt`, `/assets/x.js`) asks for a file, never a screen. */
const looksLikeFile = (urlPath: string) => /\.[A-Za-z0-9]{1,12}$/.test(urlPath.slice(urlPath.lastIndexOf('/') + 1));

/** A body that is too large or not JSON still gets a GraphQL-shaped answer with a code, not an HTML page. */
const bodyErrors: ErrorRequestHandler = (error: { type?: string; status?: number }, _req, res, next) => {
  if (res.headersSent) return next(error);
  const tooLarge = error.type === 'entity.too.large';
  const status = tooLarge ? 413 : error.status && error.status >= 400 && error.status < 500 ? error.status : 500;
  const message = tooLarge ? 'Request body too large' : status < 500 ? 'Malformed request body' : 'Internal server error';
  const code = status < 500 ? 'BAD_USER_INPUT' : 'INTERNAL_SERVER_ERROR';
  res.status(status).json({ errors: [{ message, extensions: { code, field: null } }] });
};

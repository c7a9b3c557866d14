import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { AccessReviewRules } from '../privacy/access-review.rules.js';
import type { LaneLimits } from './admission.js';

/**
 * All configuration, read from the environment once at start. A bad value stops the start with a
 * message naming the variable, instead of failing later in a request.
 */
const schema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().min(1).default('127.0.0.1'),
  /**
   * A port of its own for /healthz and /readyz (0: any free port), answered by a thread of its own; unset:
   * they are on PORT only. A load balancer's or Kubernetes' probe should use it: on PORT a probe waits its
   * turn behind the requests (health/health-server.ts says why).
   */
  HEALTH_PORT: z.preprocess((value) => (value === '' ? undefined : value), z.coerce.number().int().min(0).max(65535).optional()),
  /** On HEALTH_PORT, /healthz answers 503 once the event loop has not turned for this long (ms). */
  HEALTH_MAX_LOOP_DELAY_MS: z.coerce.number().int().min(100).max(60_000).default(2_000),
  DATABASE_URL: z.string().url().optional(),
  /** A streaming read replica of DATABASE_URL: statistics and dashboards read from it (docs/scaling.md). */
  DATABASE_READ_URL: z.string().url().optional(),
  /** How far (seconds since its last replayed commit) the replica may be behind before the primary answers instead. */
  READ_REPLICA_MAX_LAG_SECONDS: z.coerce.number().min(0).max(86_400).default(30),
  DATA_DIR: z.string().min(1).default('.data'),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(86_400).default(900),
  REFRESH_TOKEN_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(300)
    .max(90 * 86_400)
    .default(14 * 86_400),
  REFRESH_GRACE_SECONDS: z.coerce.number().int().min(0).max(600).default(60),
  SEED_DEMO: z.enum(['auto', 'yes', 'no']).default('auto'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PWA_DIST: z.string().optional(),
  /** Rate limits are kept in Redis when set (several API instances share them), in memory when not. */
  REDIS_URL: z.string().url().optional(),
  PARTNER_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(3600).default(600),
  /** Per partner client: GraphQL requests per window. */
  PARTNER_RATE_LIMIT_POINTS: z.coerce.number().int().min(1).max(1_000_000).default(120),
  PARTNER_RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  /** Per client id and address: token requests per window. */
  PARTNER_TOKEN_RATE_LIMIT_POINTS: z.coerce.number().int().min(1).max(1_000_000).default(30),
  /** Prefix of the rate-limit keys in Redis, so deployments sharing one Redis keep apart. */
  RATE_LIMIT_KEY_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_:.-]{1,64}$/, 'letters, digits and _ : . - only')
    .default('hjulet'),
  /** Login attempts per account (email) in a window before it is locked out; a success starts the count again. */
  LOGIN_ACCOUNT_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(1000).default(10),
  /** Failed login attempts per client address in a window before the address is locked out (a care home's NAT shares one). */
  LOGIN_ADDRESS_MAX_FAILURES: z.coerce.number().int().min(1).max(100_000).default(100),
  LOGIN_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(900),
  /** How long a lockout lasts unless an admin lifts it (liftLoginLockout). */
  LOGIN_LOCKOUT_SECONDS: z.coerce.number().int().min(1).max(86_400).default(900),
  /** Public feedback (submitFeedback) per client address in a window; a care home's NAT shares one address, so not too few. */
  FEEDBACK_ADDRESS_MAX_SUBMISSIONS: z.coerce.number().int().min(1).max(1_000_000).default(10),
  FEEDBACK_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(3600),
  /** Express `trust proxy`: unset trusts no proxy; a hop count (`1`) or addresses (`loopback, 10.0.0.0/8`) behind a load balancer. */
  TRUST_PROXY: z
    .string()
    .regex(/^[0-9A-Za-z.:/, ]{1,500}$/, 'a hop count or a comma-separated list of addresses')
    .optional(),
  /** Origins (scheme://host[:port], comma-separated) allowed to call the API from a browser; unset: same origin only. */
  CORS_ORIGINS: z
    .string()
    .optional()
    .refine(
      (v) => !v || v.split(',').every((o) => /^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/.test(o.trim())),
      'comma-separated origins like https://app.example.se',
    ),
  /** How often new audit rows are hash-chained; 0 turns the chainer off in this instance (another one, or the CLI, chains). */
  AUDIT_CHAIN_INTERVAL_MS: z.coerce.number().int().min(0).max(3_600_000).default(1000),
  /** Months after the last entry about a care recipient no longer in care before they are erased (SoL 12 kap. 2 §: five years); 0 keeps everything. */
  RETENTION_MONTHS: z.coerce.number().int().min(0).max(1200).default(60),
  /** Months after a feedback case was answered before the sender's contact details are removed (needed only to answer); 0 keeps them. */
  FEEDBACK_CONTACT_RETENTION_MONTHS: z.coerce.number().int().min(0).max(1200).default(12),
  /** How often the retention job runs; 0 turns it off in this instance. */
  RETENTION_INTERVAL_MS: z.coerce.number().int().min(0).max(86_400_000).default(21_600_000),
  /** How often the daily log review looks at the previous day (again is harmless); 0 turns it off in this instance. */
  ACCESS_REVIEW_INTERVAL_MS: z.coerce.number().int().min(0).max(86_400_000).default(3_600_000),
  /** Reads of more distinct care recipients than this by one user in one clock hour are flagged as bulk. */
  ACCESS_REVIEW_BULK_PER_HOUR: z.coerce.number().int().min(1).max(1_000_000).default(100),
  /** Local (Europe/Stockholm) hours whose reads are flagged as odd, `from-to`, e.g. 22-6. */
  ACCESS_REVIEW_ODD_HOURS: z
    .string()
    .regex(/^([01]?\d|2[0-3])-([01]?\d|2[0-3])$/, 'two hours 0-23 as from-to, e.g. 22-6')
    .default('22-6'),
  /** Webhook deliveries: tries after the first before the dead letter, and the first back-off (doubling, with jitter). */
  WEBHOOK_RETRY_LIMIT: z.coerce.number().int().min(0).max(20).default(8),
  WEBHOOK_RETRY_DELAY_SECONDS: z.coerce.number().int().min(1).max(3600).default(10),
  /** How often the job queue is polled for due deliveries; 0 runs no webhook worker in this instance. */
  WEBHOOK_POLL_MS: z.coerce
    .number()
    .int()
    .refine((v) => v === 0 || (v >= 500 && v <= 60_000), '0, or 500 to 60000 (pg-boss polls at most every 500 ms)')
    .default(500),
  /**
   * How long an instance trusts its answer to "has any partner a webhook endpoint for referrals?", which
   * spares a consented batch its transaction and outbox statement when none has (ReviewService.store).
   */
  WEBHOOK_ENDPOINT_CACHE_MS: z.coerce.number().int().min(0).max(600_000).default(5000),
  /** How often closed statistics periods are looked for (0: never, in this instance). */
  WEBHOOK_PERIOD_CHECK_MS: z.coerce.number().int().min(0).max(86_400_000).default(600_000),
  /**
   * Admission control (shared/admission.ts): GraphQL writes (mutations) worked on at once; 0 turns it off.
   * Two, not more: under saturation every write let in adds its turns to the one event loop that /healthz
   * and the reads wait for. Against 8, a lane of 2 (with 3 reads) took /healthz's p99 from about 150 to
   * under 90 ms and the reads' p99 under 1 s, for about half the write throughput (docs/scaling.md).
   */
  ADMISSION_WRITE_CONCURRENCY: z.coerce.number().int().min(0).max(10_000).default(2),
  /**
   * Writes that may wait for a place; more are answered 503 at once. A waiting write costs only its parsed
   * body; a refused one is parsed again when the phone sends it again. The wait must be long enough for the
   * queue to move: at a batch of 100 every 100–200 ms per place, 32 waiting writes are through in a few
   * seconds. With the earlier 16 and 1 s, most waiting writes timed out unserved when 50 phones drained
   * their backlogs together (the soak, issue 11), and came back again and again.
   */
  ADMISSION_WRITE_QUEUE: z.coerce.number().int().min(0).max(100_000).default(32),
  ADMISSION_WRITE_MAX_WAIT_MS: z.coerce.number().int().min(0).max(60_000).default(10_000),
  /**
   * While reads wait for a place in their lane, writes are let in at most this many at once (those already
   * in finish). 0: writes never give way. See docs/scaling.md ("Reads first").
   */
  ADMISSION_WRITE_CONCURRENCY_WHILE_READS_WAIT: z.coerce.number().int().min(0).max(10_000).default(1),
  /**
   * Reads (queries) worked on at once, in their own lane; 0 lets every read in. With the write lane's 2, at
   * most 5 requests share the pool: a query waits behind a handful of others, not behind 200 phones. One
   * list of 50 reviews is 15–18 ms of the API's thread, so more places interleave more lists without
   * answering more of them (2 answered fewer, docs/scaling.md).
   */
  ADMISSION_READ_CONCURRENCY: z.coerce.number().int().min(0).max(10_000).default(3),
  ADMISSION_READ_QUEUE: z.coerce.number().int().min(0).max(100_000).default(256),
  ADMISSION_READ_MAX_WAIT_MS: z.coerce.number().int().min(0).max(60_000).default(10_000),
  /**
   * A write is refused (503) while this instance's event loop runs more than this many ms late, whatever
   * room its lane has: the loop is what /healthz, reads and the token check wait for. 0 (the default):
   * never. Off by default because on the shared 2-core machine it halved write throughput under saturation
   * without a clear gain for reads (docs/scaling.md); not with the embedded database, which runs on the
   * event loop itself, so that its own work would be taken for overload.
   */
  ADMISSION_WRITE_MAX_LAG_MS: z.coerce.number().int().min(0).max(10_000).default(0),
  /** The Retry-After (seconds) of a 503 from admission control. */
  ADMISSION_RETRY_AFTER_SECONDS: z.coerce.number().int().min(1).max(3600).default(2),
  /** Connections in the PostgreSQL pool (with DATABASE_URL; the embedded database has one). */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(1000).default(10),
  /** The municipality's OpenID provider (its issuer URL, discovery at /.well-known/openid-configuration); unset: local accounts only. */
  OIDC_ISSUER: z.string().url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).max(500).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).max(1000).optional(),
  OIDC_SCOPES: z
    .string()
    .regex(/^[\x21-\x7e]+( [\x21-\x7e]+)*$/, 'space-separated scopes')
    .default('openid email profile'),
  /** The claim that identifies the person: `email` matches the user's email, any other (`sub`, an HSA-id claim) the user's external subject. */
  OIDC_IDENTIFYING_CLAIM: z
    .string()
    .regex(/^[A-Za-z0-9_:./-]{1,200}$/)
    .default('email'),
  /** This API's callback as registered at the provider, e.g. https://hjulet.kommun.se/auth/oidc/callback. */
  OIDC_REDIRECT_URI: z.string().url().optional(),
  /** Where the provider sends the browser after RP-initiated logout (registered at the provider); default: the app's start. */
  OIDC_POST_LOGOUT_REDIRECT_URI: z.string().url().optional(),
  /** Shown on the login screen: "Logga in med <name>". */
  OIDC_PROVIDER_NAME: z.string().min(1).max(100).default('kommunens inloggning'),
  /** Plain http to the provider: tests and a local provider only, refused in production. */
  OIDC_ALLOW_HTTP: z.enum(['yes', 'no']).default('no'),
  /** Passkeys: the relying party id, the site's domain (e.g. hjulet.kommun.se); `localhost` for the demo. */
  WEBAUTHN_RP_ID: z
    .string()
    .regex(/^[a-z0-9.-]{1,253}$/, 'a domain name such as hjulet.kommun.se')
    .default('localhost'),
  WEBAUTHN_RP_NAME: z.string().min(1).max(100).default('Hjulet'),
  /** Origins (comma-separated) passkeys may be used from; unset: https://<WEBAUTHN_RP_ID>, or any http://localhost port when the id is localhost. */
  WEBAUTHN_ORIGINS: z
    .string()
    .optional()
    .refine(
      (v) => !v || v.split(',').every((o) => /^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/.test(o.trim())),
      'comma-separated origins like https://hjulet.kommun.se',
    ),
  /** Key (at least 32 characters) the TOTP secrets are encrypted with; default: derived from JWT_SECRET. Changing it voids every TOTP enrolment. */
  SECOND_FACTOR_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  /** The municipality (SCB kommunkod) whose provider this is: where a person is created at a first sign-in. Needed only with several municipalities. */
  OIDC_MUNICIPALITY: z
    .string()
    .regex(/^[0-9]{4}$/)
    .optional(),
});

export interface Config {
  env: 'development' | 'test' | 'production';
  port: number;
  host: string;
  /** Where the health checks also listen (HEALTH_PORT); undefined: on `port` only. */
  healthPort: number | undefined;
  /** On healthPort, how long the event loop may go without turning before /healthz answers 503 (ms). */
  healthMaxLoopDelayMs: number;
  databaseUrl: string | undefined;
  /** A read replica for statistics and dashboards; only with databaseUrl. */
  databaseReadUrl: string | undefined;
  readReplicaMaxLagSeconds: number;
  dataDir: string;
  jwtSecret: Uint8Array;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  refreshGraceSeconds: number;
  seedDemo: 'auto' | 'yes' | 'no';
  logLevel: string;
  pwaDist: string | undefined;
  redisUrl: string | undefined;
  partnerTokenTtlSeconds: number;
  partnerRateLimit: { points: number; windowSeconds: number; tokenPoints: number };
  rateLimitKeyPrefix: string;
  loginLimits: LoginLimits;
  feedbackLimits: FeedbackLimits;
  /** Express `trust proxy` setting, when the API runs behind a proxy. */
  trustProxy: number | string | undefined;
  corsOrigins: string[];
  auditChainIntervalMs: number;
  /** Care recipients past `months` are erased; feedback cases lose contact details `feedbackContactMonths` and their text `months` after the answer. */
  retention: { months: number; intervalMs: number; feedbackContactMonths: number };
  accessReview: AccessReviewRules & { intervalMs: number };
  webhooks: { retryLimit: number; retryDelaySeconds: number; pollMs: number; periodCheckMs: number; endpointCacheMs: number };
  admission: AdmissionConfig;
  databasePoolSize: number;
  /** Sign-in through the municipality's OpenID provider; undefined when not configured. */
  oidc: OidcConfig | undefined;
  secondFactor: SecondFactorConfig;
}

export interface SecondFactorConfig {
  rpId: string;
  rpName: string;
  /** Origins passkeys are accepted from; empty with rpId localhost: any http(s)://localhost port (demo, tests). */
  origins: string[];
  /** Secret the TOTP-secret encryption key is derived from. */
  keyMaterial: Uint8Array;
}

export interface AdmissionConfig {
  write: LaneLimits;
  read: LaneLimits;
  retryAfterSeconds: number;
  /** Writes are refused while the event loop lags more than this (ms); 0: never. */
  writeMaxLagMs: number;
  /** Writes let in at once while reads wait for a place; 0: writes never give way. */
  writeConcurrencyWhileReadsWait: number;
}

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string | undefined;
  scopes: string;
  identifyingClaim: string;
  redirectUri: string;
  postLogoutRedirectUri: string | undefined;
  providerName: string;
  allowHttp: boolean;
  /** SCB kommunkod of the provider's municipality; unset: the only municipality there is. */
  municipalityCode?: string | undefined;
}

export interface LoginLimits {
  accountMaxAttempts: number;
  addressMaxFailures: number;
  windowSeconds: number;
  lockoutSeconds: number;
}

/** How much public feedback one client address may send (feedback/feedback-throttle.ts). */
export interface FeedbackLimits {
  addressMaxSubmissions: number;
  windowSeconds: number;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.NODE_ENV === 'production' && !e.JWT_SECRET) {
    throw new ConfigError('Invalid configuration:\n  JWT_SECRET: required when NODE_ENV=production');
  }
  if (e.DATABASE_READ_URL && !e.DATABASE_URL) {
    throw new ConfigError('Invalid configuration:\n  DATABASE_READ_URL: a replica of DATABASE_URL, which is not set (the embedded database has no replica)');
  }
  if (e.HEALTH_PORT !== undefined && e.HEALTH_PORT !== 0 && e.HEALTH_PORT === e.PORT) {
    throw new ConfigError('Invalid configuration:\n  HEALTH_PORT: must differ from PORT (the health checks are on PORT anyway)');
  }
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    healthPort: e.HEALTH_PORT,
    healthMaxLoopDelayMs: e.HEALTH_MAX_LOOP_DELAY_MS,
    databaseUrl: e.DATABASE_URL,
    databaseReadUrl: e.DATABASE_READ_URL,
    readReplicaMaxLagSeconds: e.READ_REPLICA_MAX_LAG_SECONDS,
    dataDir: e.DATA_DIR,
    // Outside production a random secret is fine: access tokens live minutes, refresh tokens are in the database.
    jwtSecret: e.JWT_SECRET ? new TextEncoder().encode(e.JWT_SECRET) : new Uint8Array(randomBytes(32)),
    accessTokenTtlSeconds: e.ACCESS_TOKEN_TTL_SECONDS,
    refreshTokenTtlSeconds: e.REFRESH_TOKEN_TTL_SECONDS,
    refreshGraceSeconds: e.REFRESH_GRACE_SECONDS,
    seedDemo: e.SEED_DEMO,
    logLevel: e.LOG_LEVEL,
    pwaDist: e.PWA_DIST,
    redisUrl: e.REDIS_URL,
    partnerTokenTtlSeconds: e.PARTNER_TOKEN_TTL_SECONDS,
    partnerRateLimit: {
      points: e.PARTNER_RATE_LIMIT_POINTS,
      windowSeconds: e.PARTNER_RATE_LIMIT_WINDOW_SECONDS,
      tokenPoints: e.PARTNER_TOKEN_RATE_LIMIT_POINTS,
    },
    rateLimitKeyPrefix: e.RATE_LIMIT_KEY_PREFIX,
    loginLimits: {
      accountMaxAttempts: e.LOGIN_ACCOUNT_MAX_ATTEMPTS,
      addressMaxFailures: e.LOGIN_ADDRESS_MAX_FAILURES,
      windowSeconds: e.LOGIN_WINDOW_SECONDS,
      lockoutSeconds: e.LOGIN_LOCKOUT_SECONDS,
    },
    feedbackLimits: { addressMaxSubmissions: e.FEEDBACK_ADDRESS_MAX_SUBMISSIONS, windowSeconds: e.FEEDBACK_WINDOW_SECONDS },
    trustProxy: e.TRUST_PROXY === undefined ? undefined : /^\d+$/.test(e.TRUST_PROXY) ? Number(e.TRUST_PROXY) : e.TRUST_PROXY,
    corsOrigins: e.CORS_ORIGINS ? e.CORS_ORIGINS.split(',').map((o) => o.trim()) : [],
    auditChainIntervalMs: e.AUDIT_CHAIN_INTERVAL_MS,
    retention: { months: e.RETENTION_MONTHS, intervalMs: e.RETENTION_INTERVAL_MS, feedbackContactMonths: e.FEEDBACK_CONTACT_RETENTION_MONTHS },
    accessReview: {
      intervalMs: e.ACCESS_REVIEW_INTERVAL_MS,
      bulkRecipientsPerHour: e.ACCESS_REVIEW_BULK_PER_HOUR,
      oddHoursFrom: Number(e.ACCESS_REVIEW_ODD_HOURS.split('-')[0]),
      oddHoursTo: Number(e.ACCESS_REVIEW_ODD_HOURS.split('-')[1]),
    },
    webhooks: {
      retryLimit: e.WEBHOOK_RETRY_LIMIT,
      retryDelaySeconds: e.WEBHOOK_RETRY_DELAY_SECONDS,
      pollMs: e.WEBHOOK_POLL_MS,
      periodCheckMs: e.WEBHOOK_PERIOD_CHECK_MS,
      endpointCacheMs: e.WEBHOOK_ENDPOINT_CACHE_MS,
    },
    admission: {
      write: { concurrency: e.ADMISSION_WRITE_CONCURRENCY, queue: e.ADMISSION_WRITE_QUEUE, maxWaitMs: e.ADMISSION_WRITE_MAX_WAIT_MS },
      read: { concurrency: e.ADMISSION_READ_CONCURRENCY, queue: e.ADMISSION_READ_QUEUE, maxWaitMs: e.ADMISSION_READ_MAX_WAIT_MS },
      retryAfterSeconds: e.ADMISSION_RETRY_AFTER_SECONDS,
      writeMaxLagMs: e.ADMISSION_WRITE_MAX_LAG_MS,
      writeConcurrencyWhileReadsWait: e.ADMISSION_WRITE_CONCURRENCY_WHILE_READS_WAIT,
    },
    databasePoolSize: e.DATABASE_POOL_SIZE,
    oidc: oidcConfig(e),
    secondFactor: {
      rpId: e.WEBAUTHN_RP_ID,
      rpName: e.WEBAUTHN_RP_NAME,
      origins: e.WEBAUTHN_ORIGINS
        ? e.WEBAUTHN_ORIGINS.split(',').map((o) => o.trim())
        : e.WEBAUTHN_RP_ID === 'localhost'
          ? []
          : [`https://${e.WEBAUTHN_RP_ID}`],
      // Without either secret (demo and tests only: production requires JWT_SECRET) a fixed key, so a restart keeps enrolments working.
      keyMaterial: new TextEncoder().encode(e.SECOND_FACTOR_KEY ?? e.JWT_SECRET ?? 'hjulet-demo-second-factor-key-not-a-secret'),
    },
  };
}

function oidcConfig(e: z.infer<typeof schema>): OidcConfig | undefined {
  if (!e.OIDC_ISSUER) return undefined;
  const missing = (['OIDC_CLIENT_ID', 'OIDC_REDIRECT_URI'] as const).filter((name) => !e[name]);
  if (missing.length) throw new ConfigError(`Invalid configuration:\n${missing.map((name) => `  ${name}: required with OIDC_ISSUER`).join('\n')}`);
  if (e.OIDC_ALLOW_HTTP === 'yes' && e.NODE_ENV === 'production') {
    throw new ConfigError('Invalid configuration:\n  OIDC_ALLOW_HTTP: not in production');
  }
  if (!e.OIDC_SCOPES.split(' ').includes('openid')) throw new ConfigError('Invalid configuration:\n  OIDC_SCOPES: must include openid');
  return {
    issuer: e.OIDC_ISSUER,
    clientId: e.OIDC_CLIENT_ID as string,
    clientSecret: e.OIDC_CLIENT_SECRET,
    scopes: e.OIDC_SCOPES,
    identifyingClaim: e.OIDC_IDENTIFYING_CLAIM,
    redirectUri: e.OIDC_REDIRECT_URI as string,
    postLogoutRedirectUri: e.OIDC_POST_LOGOUT_REDIRECT_URI,
    providerName: e.OIDC_PROVIDER_NAME,
    allowHttp: e.OIDC_ALLOW_HTTP === 'yes',
    municipalityCode: e.OIDC_MUNICIPALITY,
  };
}

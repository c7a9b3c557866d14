import { randomBytes } from 'node:crypto';
import { z } from 'zod';

/**
 * All configuration, read from the environment once at start. A bad value stops the start with a
 * message naming the variable, instead of failing later in a request.
 */
const schema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().min(1).default('127.0.0.1'),
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
});

export interface Config {
  env: 'development' | 'test' | 'production';
  port: number;
  host: string;
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
  /** Express `trust proxy` setting, when the API runs behind a proxy. */
  trustProxy: number | string | undefined;
  corsOrigins: string[];
  auditChainIntervalMs: number;
}

export interface LoginLimits {
  accountMaxAttempts: number;
  addressMaxFailures: number;
  windowSeconds: number;
  lockoutSeconds: number;
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
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
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
    trustProxy: e.TRUST_PROXY === undefined ? undefined : /^\d+$/.test(e.TRUST_PROXY) ? Number(e.TRUST_PROXY) : e.TRUST_PROXY,
    corsOrigins: e.CORS_ORIGINS ? e.CORS_ORIGINS.split(',').map((o) => o.trim()) : [],
    auditChainIntervalMs: e.AUDIT_CHAIN_INTERVAL_MS,
  };
}

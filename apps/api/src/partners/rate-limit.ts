import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Logger } from 'pino';

/*
 * Rate limits (rate-limiter-flexible, fixed window) for the partner API and for login. With REDIS_URL the
 * counters live in Redis, so every API instance behind a load balancer counts against the same budget;
 * without it they live in this process's memory, so the embedded start still needs nothing. If Redis goes
 * away a limiter falls back to memory (the insurance limiter) rather than let everything through or
 * refuse everything. All limiters of one store share one Redis connection.
 */

export type LimitDecision = { allowed: true; remaining: number } | { allowed: false; retryAfterSeconds: number };

export interface RateLimiter {
  /** Where the counters live: 'redis' or 'memory'. */
  readonly store: 'redis' | 'memory';
  consume(key: string): Promise<LimitDecision>;
  /** Gives back one point (a login that succeeded does not count against its address). */
  reward(key: string): Promise<void>;
  /** Forgets the key's count and any block on it: an admin lifting a lockout. */
  reset(key: string): Promise<void>;
}

export interface LimitSettings {
  /** Distinguishes limits that share a store: 'partner-gql', 'partner-token', 'login-account'. */
  name: string;
  points: number;
  windowSeconds: number;
  /** Once a key asks for more than `points`, it stays refused this long (a lockout), not only until the window ends. */
  blockSeconds?: number;
}

export interface RateLimitStore {
  readonly kind: 'redis' | 'memory';
  limiter(settings: LimitSettings): RateLimiter;
  /** Resolves when the store can count (at once for memory); false if Redis did not answer in time. */
  ready(timeoutMs?: number): Promise<boolean>;
  close(): Promise<void>;
}

export interface RateLimitStoreOptions {
  redisUrl: string | undefined;
  /** Prefix of every key, so deployments (or test runs) can share one Redis. */
  keyPrefix?: string;
  log?: Logger | undefined;
}

const retryAfter = (res: RateLimiterRes) => Math.max(1, Math.ceil(res.msBeforeNext / 1000));

export function createRateLimitStore({ redisUrl, keyPrefix = 'hjulet', log }: RateLimitStoreOptions): RateLimitStore {
  let redis: Redis | null = null;
  if (redisUrl) {
    redis = new Redis(redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false });
    redis.on('error', (error: Error) => log?.warn({ err: error }, 'rate limit store (Redis) unavailable; counting in memory'));
  }
  const kind = redis ? 'redis' : 'memory';
  return {
    kind,
    limiter({ name, points, windowSeconds, blockSeconds = 0 }) {
      const options = { keyPrefix: `${keyPrefix}:rl:${name}`, points, duration: windowSeconds, blockDuration: blockSeconds };
      const memory = new RateLimiterMemory(options);
      const limiter: RateLimiterAbstract = redis
        ? new RateLimiterRedis({ ...options, storeClient: redis, insuranceLimiter: memory, rejectIfRedisNotReady: true })
        : memory;
      return {
        store: kind,
        async consume(key) {
          try {
            const res = await limiter.consume(key, 1);
            return { allowed: true, remaining: res.remainingPoints };
          } catch (rejection) {
            if (rejection instanceof RateLimiterRes) return { allowed: false, retryAfterSeconds: retryAfter(rejection) };
            throw rejection;
          }
        },
        async reward(key) {
          await limiter.reward(key, 1);
        },
        async reset(key) {
          // Both: while Redis was away the insurance limiter may have counted (and blocked) too.
          await Promise.all([limiter.delete(key), redis ? memory.delete(key) : null]);
        },
      };
    },
    async ready(timeoutMs = 3000) {
      const client = redis;
      if (!client || client.status === 'ready') return true;
      return new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), timeoutMs);
        client.once('ready', () => {
          clearTimeout(timer);
          resolve(true);
        });
      });
    },
    async close() {
      if (redis) await redis.quit().catch(() => redis?.disconnect());
    },
  };
}

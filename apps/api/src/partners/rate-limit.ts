import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Logger } from 'pino';

/*
 * Per-client rate limits for the partner API (rate-limiter-flexible, fixed window). With REDIS_URL the
 * counters live in Redis, so every API instance behind a load balancer counts against the same budget;
 * without it they live in this process's memory, so the embedded start still needs nothing. If Redis goes
 * away the limiter falls back to memory (the insurance limiter) rather than let everything through or
 * refuse everything.
 */

export type LimitDecision = { allowed: true; remaining: number } | { allowed: false; retryAfterSeconds: number };

export interface RateLimiter {
  /** Where the counters live: 'redis' or 'memory'. */
  readonly store: 'redis' | 'memory';
  consume(key: string): Promise<LimitDecision>;
  /** Resolves when the store can count (at once for memory); false if Redis did not answer in time. */
  ready(timeoutMs?: number): Promise<boolean>;
  close(): Promise<void>;
}

export interface RateLimitOptions {
  redisUrl: string | undefined;
  /** Distinguishes limits that share a store: 'partner-gql', 'partner-token'. */
  name: string;
  points: number;
  windowSeconds: number;
  log?: Logger | undefined;
}

export function createRateLimiter({ redisUrl, name, points, windowSeconds, log }: RateLimitOptions): RateLimiter {
  const keyPrefix = `hjulet:rl:${name}`;
  const memory = new RateLimiterMemory({ keyPrefix, points, duration: windowSeconds });
  let redis: Redis | null = null;
  let limiter: RateLimiterAbstract = memory;
  if (redisUrl) {
    redis = new Redis(redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false });
    redis.on('error', (error: Error) => log?.warn({ err: error }, 'rate limit store (Redis) unavailable; counting in memory'));
    limiter = new RateLimiterRedis({ storeClient: redis, keyPrefix, points, duration: windowSeconds, insuranceLimiter: memory, rejectIfRedisNotReady: true });
  }
  return {
    store: redis ? 'redis' : 'memory',
    async consume(key) {
      try {
        const res = await limiter.consume(key, 1);
        return { allowed: true, remaining: res.remainingPoints };
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes) return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) };
        throw rejection;
      }
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

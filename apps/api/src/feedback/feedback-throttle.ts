import type { RateLimitStore } from '../partners/rate-limit.js';
import { TooManyAttempts } from '../shared/app-error.js';
import type { FeedbackLimits } from '../shared/config.js';

/**
 * Flood protection for the public feedback form without a third-party captcha (which would send the
 * visitor's data to someone else): submissions per client address in a fixed window, counted where the
 * login limits are (Redis with REDIS_URL, so every instance shares the budget). A submission is counted
 * before anything else is looked at, so a refused one costs no SQL, and a bot's filled honeypot counts too.
 */
export interface FeedbackThrottle {
  /** Counts one submission from `address`; throws TooManyAttempts (with retryAfterSeconds) once the budget is spent. */
  submission(address: string): Promise<void>;
}

export function createFeedbackThrottle(store: RateLimitStore, limits: FeedbackLimits): FeedbackThrottle {
  const byAddress = store.limiter({ name: 'feedback-address', points: limits.addressMaxSubmissions, windowSeconds: limits.windowSeconds });
  return {
    async submission(address) {
      const decision = await byAddress.consume(address);
      if (!decision.allowed) {
        throw new TooManyAttempts(
          decision.retryAfterSeconds,
          `Too much feedback from this address; try again in ${decision.retryAfterSeconds} s or call the municipality`,
        );
      }
    },
  };
}

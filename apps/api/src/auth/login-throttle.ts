import type { RateLimitStore } from '../partners/rate-limit.js';
import { TooManyAttempts } from '../shared/app-error.js';
import type { LoginLimits } from '../shared/config.js';

/**
 * Password guessing, limited per account and per client address (the counters live where the partner
 * limits do: Redis with REDIS_URL, shared by every instance). An attempt is counted before the password
 * is checked, so fifty guesses sent at once get at most `accountMaxAttempts` checks between them, not
 * fifty. Going over the budget locks the account (or address) for `lockoutSeconds`, during which even
 * the right password is refused; an admin can lift an account's lockout. The account key is the email
 * as typed (normalised), whether or not such a user exists, so a lockout tells nothing about accounts.
 */
export interface LoginThrottle {
  /** Counts one attempt; throws TooManyAttempts when the account or the address is locked out. */
  attempt(email: string, address: string): Promise<{ lockedNow: boolean }>;
  /** A right password: the account's count starts again, and the attempt does not count against the address. */
  succeeded(email: string, address: string): Promise<void>;
  /** Lifts the account's lockout and forgets its count. */
  lift(email: string): Promise<void>;
}

export function createLoginThrottle(store: RateLimitStore, limits: LoginLimits): LoginThrottle {
  const window = { windowSeconds: limits.windowSeconds, blockSeconds: limits.lockoutSeconds };
  const account = store.limiter({ name: 'login-account', points: limits.accountMaxAttempts, ...window });
  const address = store.limiter({ name: 'login-address', points: limits.addressMaxFailures, ...window });
  const accountKey = (email: string) => email.trim().toLowerCase().slice(0, 254);
  return {
    async attempt(email, from) {
      const [byAccount, byAddress] = await Promise.all([account.consume(accountKey(email)), address.consume(from)]);
      const refused = [byAccount, byAddress].flatMap((d) => (d.allowed ? [] : [d.retryAfterSeconds]));
      if (refused.length > 0) throw new TooManyAttempts(Math.max(...refused));
      return { lockedNow: byAccount.allowed && byAccount.remaining === 0 };
    },
    async succeeded(email, from) {
      await Promise.all([account.reset(accountKey(email)), address.reward(from)]);
    },
    async lift(email) {
      await account.reset(accountKey(email));
    },
  };
}

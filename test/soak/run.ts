import { formatResult, runSoak, type SoakSize } from './soak.js';

/*
 * `pnpm soak`: the full-size sync soak of issue 11 (50 phones × 2,000 reviews). Every figure can be set
 * from the environment for a smaller or harsher run; SOAK_SEED repeats a run's choices of faults.
 */

function setting(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) {
    console.error(`${name} must be a non-negative number, not "${raw}"`);
    process.exit(2);
  }
  return value;
}

const size: SoakSize = {
  phones: setting('SOAK_PHONES', 50),
  reviewsPerPhone: setting('SOAK_REVIEWS', 2_000),
  reviewsPerFlush: setting('SOAK_REVIEWS_PER_FLUSH', 20),
  dropBefore: setting('SOAK_DROP_BEFORE', 0.1),
  dropAfter: setting('SOAK_DROP_AFTER', 0.05),
  duplicate: setting('SOAK_DUPLICATE', 0.05),
  slow: setting('SOAK_SLOW', 0.05),
  killFlush: setting('SOAK_KILL_FLUSH', 0.02),
  apiKills: setting('SOAK_API_KILLS', 4),
  postgresRestarts: setting('SOAK_POSTGRES_RESTARTS', 2),
  seed: setting('SOAK_SEED', Date.now() % 1_000_000),
  maxStallMs: setting('SOAK_MAX_STALL_MS', 30_000),
  recipientsPerUnit: setting('SOAK_RECIPIENTS_PER_UNIT', 1_000),
};

console.log(`sync soak, seed ${size.seed}`);
const result = await runSoak(size, (line) => console.log(`  ${line}`));
console.log(`\n${formatResult(result)}`);
process.exit(result.ok ? 0 : 1);

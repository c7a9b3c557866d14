import type { DataSource } from 'typeorm';

/** How many months ahead of the current one have their partition made (migration 1765190000000 made four). */
export const REVIEW_PARTITION_MONTHS_AHEAD = 4;

/**
 * Makes the month partitions of `review` from this month to REVIEW_PARTITION_MONTHS_AHEAD months ahead
 * (the database's `review_ensure_month_partitions`, which skips months that exist). Answers how many it made.
 * Run at start and with the periodic housekeeping, so a month's partition exists well before its first review;
 * a review outside every month's partition lands in the default partition and is found all the same.
 * Loading older history: call `review_ensure_month_partitions(from, to)` for its months first.
 */
export async function ensureReviewPartitions(dataSource: DataSource, now = new Date()): Promise<number> {
  const until = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + REVIEW_PARTITION_MONTHS_AHEAD + 1, 1));
  const rows: Array<{ made: number }> = await dataSource.query(`SELECT review_ensure_month_partitions($1, $2) AS made`, [
    now.toISOString(),
    until.toISOString(),
  ]);
  return rows[0]?.made ?? 0;
}

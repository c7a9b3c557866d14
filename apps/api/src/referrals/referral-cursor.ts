/*
 * A partner's place in the referral feed: the (transaction id, sequence number) of the last referral it
 * was given, as an opaque string. The feed is ordered by exactly that pair (see the referral migration for
 * why not by the sequence alone).
 */

export interface ReferralCursor {
  /** The writing transaction's id (xid8, stored as bigint), as decimal text. */
  tx: string;
  seq: string;
}

const BIGINT_MAX = 2n ** 63n - 1n;

/** Before the first referral. */
export const FEED_START: ReferralCursor = { tx: '0', seq: '0' };

export const encodeCursor = (c: ReferralCursor): string => Buffer.from(`${c.tx}.${c.seq}`, 'utf8').toString('base64url');

/** The cursor a string stands for, or null when it is not one this API gave out. */
export function decodeCursor(text: string): ReferralCursor | null {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(text)) return null;
  const match = /^(\d{1,19})\.(\d{1,19})$/.exec(Buffer.from(text, 'base64url').toString('utf8'));
  if (!match) return null;
  const [tx, seq] = [match[1] as string, match[2] as string];
  // Both are bigint in the database: a larger number would fail there, not be refused here.
  return BigInt(tx) <= BIGINT_MAX && BigInt(seq) <= BIGINT_MAX ? { tx, seq } : null;
}

import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, FEED_START } from './referral-cursor.js';

describe('the referral feed cursor', () => {
  it('reads back what it wrote', () => {
    const cursor = { tx: '9223372036854775807', seq: '9223372036854775807' };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
    expect(decodeCursor(encodeCursor(FEED_START))).toEqual(FEED_START);
  });

  it('refuses text it did not give out', () => {
    for (const bad of ['', 'not a cursor', Buffer.from('1.x').toString('base64url'), Buffer.from('-1.2').toString('base64url'), 'a'.repeat(65)]) {
      expect(decodeCursor(bad), bad).toBeNull();
    }
    // Past bigint, where the database would fail rather than answer.
    for (const bad of ['9223372036854775808.1', '1.9223372036854775808', '18446744073709551615.1'].map((t) => Buffer.from(t).toString('base64url'))) {
      expect(decodeCursor(bad), bad).toBeNull();
    }
  });
});

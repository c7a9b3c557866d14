import { describe, expect, it } from 'vitest';
import { base64Of, bytesOf } from './file-transfer.js';

describe('files as base64', () => {
  it('gives back the same bytes, also for a file larger than one chunk', async () => {
    const bytes = new Uint8Array(100_000).map((_, i) => (i * 7919) % 256);
    const text = base64Of(bytes);
    expect(text).toBe(Buffer.from(bytes).toString('base64'));
    expect(bytesOf(text)).toEqual(bytes);
  });
});

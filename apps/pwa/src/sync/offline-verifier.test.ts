// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  checkVerifier,
  constantTimeEqual,
  createVerifier,
  derive,
  fromBase64,
  normaliseEmail,
  PBKDF2_ITERATIONS,
  toBase64,
  VERIFIER_KDF,
} from './offline-verifier.js';

// The verifier's rules do not depend on the count; a low one keeps the tests fast (the real one is below).
const FAST = 1_000;

describe('the offline verifier', () => {
  it('is PBKDF2-HMAC-SHA-256 with a 16-byte salt and 32 derived bytes (RFC 7914 test vector)', async () => {
    // RFC 7914 section 11: PBKDF2-HMAC-SHA-256, P="passwd", S="salt", c=1, dkLen=64 (we take the first 32).
    const bits = await derive('passwd', new TextEncoder().encode('salt'), 1);
    expect(Buffer.from(bits).toString('hex')).toBe('55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc');
  });

  it('keeps salt, iteration count and hash, never the password', async () => {
    const secret = await createVerifier('hemligt-lösenord', FAST);
    expect(secret).toEqual({ kdf: VERIFIER_KDF, salt: expect.any(String), iterations: FAST, hash: expect.any(String) });
    expect(fromBase64(secret.salt)).toHaveLength(16);
    expect(fromBase64(secret.hash)).toHaveLength(32);
    expect(JSON.stringify(secret)).not.toContain('hemligt');
  });

  it('uses 600,000 iterations by default, as OWASP recommends for PBKDF2-HMAC-SHA-256', () => {
    expect(PBKDF2_ITERATIONS).toBe(600_000);
  });

  it('accepts the password it was made from and nothing else', async () => {
    const secret = await createVerifier('hemligt-lösenord', FAST);
    expect(await checkVerifier('hemligt-lösenord', secret)).toBe(true);
    expect(await checkVerifier('hemligt-losenord', secret)).toBe(false);
    expect(await checkVerifier('Hemligt-lösenord', secret)).toBe(false);
    expect(await checkVerifier('', secret)).toBe(false);
    expect(await checkVerifier('hemligt-lösenord', { ...secret, iterations: FAST + 1 })).toBe(false);
  });

  it('salts each verifier afresh, so the same password gives different hashes', async () => {
    const [a, b] = await Promise.all([createVerifier('samma', FAST), createVerifier('samma', FAST)]);
    expect(a.salt).not.toBe(b.salt);
    expect(a.hash).not.toBe(b.hash);
  });

  it('refuses a verifier of another kind', async () => {
    const secret = await createVerifier('lösen', FAST);
    expect(await checkVerifier('lösen', { ...secret, kdf: 'MD5' as typeof VERIFIER_KDF })).toBe(false);
  });

  it('compares byte arrays by every byte', () => {
    expect(constantTimeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 3]))).toBe(true);
    expect(constantTimeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 4]))).toBe(false);
    expect(constantTimeEqual(new Uint8Array([0, 2, 3]), new Uint8Array([1, 2, 3]))).toBe(false);
    expect(constantTimeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2, 3]))).toBe(false);
  });

  it('round-trips base64', () => {
    const bytes = new Uint8Array([0, 1, 127, 128, 255]);
    expect(fromBase64(toBase64(bytes))).toEqual(bytes);
  });

  it('keys verifiers by the email as the server looks it up', () => {
    expect(normaliseEmail('  Personal@Demo.Hjulet.SE ')).toBe('personal@demo.hjulet.se');
  });
});

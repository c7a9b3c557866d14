/*
 * The local verifier that lets a user known to this phone unlock it offline (issue 8, docs/security.md).
 * Pure: WebCrypto only, no storage. The phone keeps the salt, the iteration count and the derived bits,
 * never the password; checking a password derives the bits again and compares them in constant time.
 */

export const VERIFIER_KDF = 'PBKDF2-SHA-256';
/** OWASP's 2023 figure for PBKDF2-HMAC-SHA-256; about 0.16 s in Chromium on the CI machine (docs/security.md). */
export const PBKDF2_ITERATIONS = 600_000;
export const SALT_BYTES = 16;
export const HASH_BITS = 256;

/** What the phone stores to check a password later. The iteration count is stored so it can be raised. */
export interface VerifierSecret {
  kdf: typeof VERIFIER_KDF;
  /** base64 */
  salt: string;
  iterations: number;
  /** base64 of the derived bits */
  hash: string;
}

/** The key a verifier is kept under: the email as the server looks it up (trimmed, lower case). */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

export function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** PBKDF2-HMAC-SHA-256 of the password, through WebCrypto (native code, off the main thread's JS). */
export async function derive(password: string, salt: Uint8Array, iterations: number, subtle: SubtleCrypto = crypto.subtle): Promise<Uint8Array> {
  const key = await subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveBits']);
  const bits = await subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations }, key, HASH_BITS);
  return new Uint8Array(bits);
}

/** A new verifier with a fresh random salt. */
export async function createVerifier(password: string, iterations = PBKDF2_ITERATIONS, cryptoImpl: Crypto = crypto): Promise<VerifierSecret> {
  const salt = cryptoImpl.getRandomValues(new Uint8Array(SALT_BYTES));
  const hash = await derive(password, salt, iterations, cryptoImpl.subtle);
  return { kdf: VERIFIER_KDF, salt: toBase64(salt), iterations, hash: toBase64(hash) };
}

/** Whether the password is the one the verifier was made from. */
export async function checkVerifier(password: string, secret: VerifierSecret, subtle: SubtleCrypto = crypto.subtle): Promise<boolean> {
  if (secret.kdf !== VERIFIER_KDF) return false;
  const derived = await derive(password, fromBase64(secret.salt), secret.iterations, subtle);
  return constantTimeEqual(derived, fromBase64(secret.hash));
}

/**
 * Compares every byte whatever the first difference, so the time taken says nothing about how much of
 * the hash matched. The length is not secret (always 32 bytes).
 */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a[i]! ^ b[i]!;
  return difference === 0;
}

import { webcrypto } from 'node:crypto';

/**
 * The HS256 key of access and partner tokens as a CryptoKey, imported once per issuer. Given the raw bytes,
 * jose imports them again on every sign and verify (a WebCrypto importKey per request): 2 % of the API's
 * time when 20 supervisors listed reviews with no pause (issue 11). The first call imports; later ones get
 * the same key.
 */
export function hs256Key(secret: Uint8Array): () => Promise<webcrypto.CryptoKey> {
  let key: Promise<webcrypto.CryptoKey> | undefined;
  return () => (key ??= webcrypto.subtle.importKey('raw', secret, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']));
}

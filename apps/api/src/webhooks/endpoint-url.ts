/** Why a webhook URL is refused, or null when it is acceptable. */
export type EndpointUrlProblem = 'not_a_url' | 'not_https' | 'has_credentials' | 'too_long';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * A partner's webhook URL must be HTTPS: the payload is signed, not encrypted. Outside production a
 * loopback `http://` URL is allowed, for tests and the demo's own receiver. Credentials in the URL are
 * refused: they would show in the admin's list and in logs.
 */
export function endpointUrlProblem(raw: string, production: boolean): EndpointUrlProblem | null {
  if (raw.length > 2000) return 'too_long';
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'not_a_url';
  }
  if (url.username || url.password) return 'has_credentials';
  if (url.protocol === 'https:') return url.hostname ? null : 'not_a_url';
  if (url.protocol === 'http:' && !production && LOOPBACK.has(url.hostname)) return null;
  return url.protocol === 'http:' ? 'not_https' : 'not_a_url';
}

export const ENDPOINT_URL_MESSAGES: Record<EndpointUrlProblem, string> = {
  not_a_url: 'Not an absolute https:// URL',
  not_https: 'The endpoint must use https:// (http:// only to 127.0.0.1 or localhost, outside production)',
  has_credentials: 'Put no user name or password in the URL: deliveries are authenticated by their signature',
  too_long: 'The URL is longer than 2000 characters',
};

/**
 * What the API left in the URL's fragment after a sign-in through the identity provider: a one-time code
 * to exchange (#oidc_code=…) or why it refused (#oidc_error=…). Taken once at start and removed from the
 * URL, so neither stays in the history nor is exchanged twice.
 */
export type ProviderReturn = { code: string } | { error: string } | null;

let taken: ProviderReturn = null;

export function takeProviderReturn(): void {
  const params = new URLSearchParams(location.hash.slice(1));
  const code = params.get('oidc_code');
  const error = params.get('oidc_error');
  if (!code && !error) return;
  history.replaceState(history.state, '', `${location.pathname}${location.search}`);
  taken = code ? { code } : { error: error ?? 'internal' };
}

/** The code or error, once: the login screen handles it. */
export function providerReturn(): ProviderReturn {
  const value = taken;
  taken = null;
  return value;
}

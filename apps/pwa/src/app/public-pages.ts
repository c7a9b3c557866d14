/*
 * Pages anyone may open without logging in. Root and main.tsx read this before the session is known, so it
 * stays a few lines with no imports: it sits on the login screen's critical path.
 */

/** The public feedback page's path, `/synpunkter` or `/synpunkter/<kommunkod>`; null for any other path. */
export function feedbackPageOf(pathname: string): { kommunkod: string | null } | null {
  const match = /^\/synpunkter(?:\/([^/]*))?\/?$/.exec(pathname);
  if (!match) return null;
  const code = decodeURIComponent(match[1] ?? '');
  return { kommunkod: /^[0-9]{4}$/.test(code) ? code : null };
}

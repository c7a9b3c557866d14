import { toolDatabaseUrl } from '../../src/shared/cli.js';

/**
 * The database at `url` (made through DATABASE_URL) as the operator's tools reach it: the same database on
 * DATABASE_DIRECT_URL's server when that is set, as `pnpm backup`, `pnpm restore` and `pnpm audit:verify`
 * reach it. `pnpm test:pgbouncer` sets it to the server behind pgbouncer.
 */
export function directUrlOf(url: string): string {
  const directServer = toolDatabaseUrl();
  if (!directServer || directServer === process.env['DATABASE_URL']) return url;
  const onServer = new URL(directServer);
  onServer.pathname = new URL(url).pathname;
  return onServer.toString();
}

/** The environment of a tool run on the database at `url`. */
export const toolEnv = (url: string): NodeJS.ProcessEnv => ({ ...process.env, DATABASE_URL: url, DATABASE_DIRECT_URL: directUrlOf(url) });

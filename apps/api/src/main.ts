import path from 'node:path';
import { startApp } from './app.js';
import { createServices } from './services.js';
import { ConfigError, loadConfig, type Config } from './shared/config.js';
import { externalDatabase, startEmbeddedDatabase } from './shared/database.js';
import { openDataSource, openReadDataSource } from './shared/data-source.js';
import { replicaReads } from './shared/read-source.js';
import { createLogger } from './shared/logger.js';
import { hasAnyMunicipality, seedDemo, type DemoLogin } from './seed/demo-seed.js';

const REPO_ROOT = path.resolve(import.meta.dirname, '../../..');

function readConfig(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

const config = readConfig();
const log = createLogger(config.logLevel);
const dataDir = path.resolve(REPO_ROOT, config.dataDir);
const db = config.databaseUrl
  ? externalDatabase(config.databaseUrl, config.databasePoolSize)
  : await startEmbeddedDatabase({ dataDir: path.join(dataDir, 'pglite') });
log.info({ database: db.kind, dataDir: db.kind === 'pglite' ? dataDir : undefined }, 'database ready');
const dataSource = await openDataSource(db, log);

let logins: DemoLogin[] | undefined;
const empty = !(await hasAnyMunicipality(dataSource));
if (config.seedDemo === 'yes' && !empty) log.warn('SEED_DEMO=yes, but the database already has data: not seeding twice');
if (config.seedDemo !== 'no' && empty) {
  const started = performance.now();
  // The seed goes through the same services as requests, so demo data passes every rule real data does.
  const seed = await seedDemo(dataSource, createServices(dataSource, config));
  logins = seed.logins;
  log.info({ reviews: seed.reviews, ms: Math.round(performance.now() - started) }, 'demo data seeded');
}

// Statistics and dashboards read from a streaming replica when one is configured (docs/scaling.md).
const replica = config.databaseReadUrl ? await openReadDataSource(config.databaseReadUrl, log) : null;
if (replica) log.info({ maxLagSeconds: config.readReplicaMaxLagSeconds }, 'statistics and dashboards read from the replica (DATABASE_READ_URL)');
const reads = replica ? replicaReads(dataSource, replica, config.readReplicaMaxLagSeconds, log) : undefined;

const app = await startApp({ config, dataSource, log, reads }).catch((error: unknown) => {
  const problem = listenProblem(error, config);
  if (!problem) throw error;
  console.error(problem);
  process.exit(1);
});
printBanner(app.url, app.healthUrl, app.servesPwa, db.kind, logins);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'shutting down');
  const force = setTimeout(() => {
    log.error('shutdown took more than 10 s; exiting anyway');
    process.exit(1);
  }, 10_000).unref();
  try {
    await app.close();
    await replica?.destroy();
    await dataSource.destroy();
    await db.close();
    log.info('stopped');
    process.exit(0);
  } catch (error) {
    log.error({ err: error }, 'shutdown failed');
    process.exit(1);
  } finally {
    clearTimeout(force);
  }
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));

/** A port or host the server cannot listen on is a setting to change, said in one line, not a crash. */
function listenProblem(error: unknown, { port, healthPort, host }: Config): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  // Node names the port it could not listen on; it is the health checks' when that is the one (HEALTH_PORT).
  const failed = (error as { port?: number } | undefined)?.port;
  const [setting, value] = failed !== undefined && failed === healthPort ? ['HEALTH_PORT', healthPort] : ['PORT', port];
  if (code === 'EADDRINUSE') return `Port ${value} is in use: set ${setting} to a free port`;
  if (code === 'EACCES') return `Port ${value} needs privileges this process lacks: set ${setting} to a port above 1023`;
  if (code === 'EADDRNOTAVAIL') return `HOST ${host} is not an address of this machine: set HOST (for example 127.0.0.1 or 0.0.0.0)`;
  return undefined;
}

function printBanner(url: string, healthUrl: string | undefined, servesPwa: boolean, database: string, demoLogins: DemoLogin[] | undefined) {
  const lines = [
    '',
    `  Hjulet is running: ${url}`,
    `  Staff app (PWA):   ${servesPwa ? `${url}/` : 'not built (pnpm --filter @hjulet/pwa build)'}`,
    `  GraphQL API:       ${url}/graphql`,
    ...(healthUrl ? [`  Health checks:     ${healthUrl}/healthz and ${healthUrl}/readyz`] : []),
    `  Database:          ${database === 'pglite' ? `embedded PGlite in ${dataDir}` : 'PostgreSQL (DATABASE_URL)'}`,
  ];
  if (demoLogins) {
    lines.push('', '  Demo logins (password for all: ' + (demoLogins[0]?.password ?? '') + '):');
    for (const l of demoLogins) lines.push(`    ${l.role.padEnd(20)} ${l.email.padEnd(28)} ${l.scope}`);
  } else {
    lines.push('', '  Demo logins: see README (seeded on first start; password hjulet-demo-2026).');
  }
  lines.push('');
  process.stdout.write(lines.join('\n') + '\n');
}

#!/usr/bin/env node
/*
 * `pnpm test:pgbouncer`: the API's database tests (`pnpm test:db`) through PgBouncer in transaction pooling
 * mode, as a deployment with many API instances would run (docs/scaling.md). Starts a private pgbouncer
 * (Debian's `pgbouncer` package) on a free port with its config in a temporary folder, pointing at the
 * PostgreSQL at PGBOUNCER_UPSTREAM (default 127.0.0.1:5432), runs the tests with DATABASE_URL on it, and
 * stops it again. Every test file makes its own throwaway database, so pgbouncer has a catch-all entry
 * (`* = host=… port=…`): a pool per database, made on first use. Extra arguments go to vitest, so one
 * file can be run through it: `pnpm test:pgbouncer src/auth/sessions.http.test.ts`.
 *
 * The whole suite takes too long for CI (docs/scaling.md), so CI runs `--ci`: the files whose work depends
 * on what a server session keeps, which transaction pooling takes away (CI_FILES below).
 */
import { spawn, spawnSync } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

/**
 * What CI runs through pgbouncer: sessions and the login throttle (refresh rotation, row locks), a batch of
 * reviews in one transaction and the claim of a review by two at once, the audit chainer's transaction-level
 * advisory lock, pg-boss's job queue and its stop, the indicator facts written by two transactions at once,
 * two API instances on one database, throwaway databases made and dropped through pgbouncer, the
 * migrations from empty, and a backup and restore (pg_dump and pg_restore on the server itself).
 */
const CI_FILES = [
  'src/auth/sessions.http.test.ts',
  'src/auth/login-throttle.http.test.ts',
  'src/reviews/submit-reviews.http.test.ts',
  'src/reviews/review-claim-concurrency.pg-test.ts',
  'src/audit/audit-chain.http.test.ts',
  'src/webhooks/webhooks.http.test.ts',
  'src/webhooks/webhook-worker.stop.test.ts',
  'src/indicators/indicator-rollup-concurrency.pg-test.ts',
  'src/scale-out/two-instances.http.test.ts',
  'src/shared/throwaway-database.pg-test.ts',
  'src/shared/entities-match-migrations.test.ts',
  'src/backup/backup.pg-test.ts',
];
const testArgs = process.argv[2] === '--ci' ? CI_FILES : process.argv.slice(2);

const upstream = process.env.PGBOUNCER_UPSTREAM ?? '127.0.0.1:5432';
const [upstreamHost, upstreamPort = '5432'] = upstream.split(':');
const binary = ['/usr/sbin/pgbouncer', '/usr/bin/pgbouncer'].find((file) => spawnSync('test', ['-x', file]).status === 0);
if (!binary) {
  console.error('pgbouncer is not installed: apt-get install -y pgbouncer');
  process.exit(1);
}

const port = await freePort();
const dir = mkdtempSync(path.join(os.tmpdir(), 'hjulet-pgbouncer-'));
// pgbouncer will not run as root: as root it is started as the postgres user, which must read its folder.
const asRoot = process.getuid?.() === 0;
writeFileSync(path.join(dir, 'userlist.txt'), '"postgres" ""\n');
writeFileSync(
  path.join(dir, 'pgbouncer.ini'),
  `[databases]
* = host=${upstreamHost} port=${upstreamPort}

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = ${port}
unix_socket_dir =
auth_type = trust
auth_file = ${path.join(dir, 'userlist.txt')}
pool_mode = transaction
max_client_conn = 1000
default_pool_size = 20
max_db_connections = 40
; the throwaway databases come and go: forget an idle pool soon
autodb_idle_timeout = 30
server_reset_query =
ignore_startup_parameters = extra_float_digits,options
logfile = ${path.join(dir, 'pgbouncer.log')}
pidfile = ${path.join(dir, 'pgbouncer.pid')}
`,
);
if (asRoot) {
  const uid = Number(spawnSync('id', ['-u', 'postgres']).stdout.toString().trim());
  const gid = Number(spawnSync('id', ['-g', 'postgres']).stdout.toString().trim());
  for (const file of ['', 'userlist.txt', 'pgbouncer.ini']) chownSync(path.join(dir, file), uid, gid);
}

const bouncer = spawn(binary, ['-q', ...(asRoot ? ['-u', 'postgres'] : []), path.join(dir, 'pgbouncer.ini')], { stdio: 'inherit' });
const stop = () => {
  if (bouncer.exitCode === null) bouncer.kill('SIGINT');
};
process.on('exit', () => {
  stop();
  rmSync(dir, { recursive: true, force: true });
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));

await waitForPort(port);
const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
console.log(`pgbouncer (pool_mode=transaction) on 127.0.0.1:${port} → ${upstreamHost}:${upstreamPort}`);
const started = Date.now();
const tests = spawn('npx', ['vitest', 'run', ...testArgs], {
  cwd: path.resolve(import.meta.dirname, '../apps/api'),
  stdio: 'inherit',
  // The operator's tools (pg_dump, pg_restore) go to the server itself, as docs/scaling.md says they must.
  env: { ...process.env, DATABASE_URL: url, DATABASE_DIRECT_URL: `postgres://postgres@${upstreamHost}:${upstreamPort}/postgres` },
});
const code = await new Promise((resolve) => tests.on('exit', (c) => resolve(c ?? 1)));
console.log(`database tests through pgbouncer: ${code === 0 ? 'passed' : 'FAILED'} in ${Math.round((Date.now() - started) / 1000)} s`);
if (code !== 0) console.log(`pgbouncer's log: ${path.join(dir, 'pgbouncer.log')} (removed on exit)`);
stop();
await new Promise((resolve) => (bouncer.exitCode === null ? bouncer.on('exit', resolve) : resolve()));
process.exit(code);

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject).listen(0, '127.0.0.1', () => {
      const { port: p } = server.address();
      server.close(() => resolve(p));
    });
  });
}

async function waitForPort(p) {
  for (let i = 0; i < 100; i++) {
    const ok = await new Promise((resolve) => {
      const socket = net.connect(p, '127.0.0.1', () => {
        socket.end();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (ok) return;
    if (bouncer.exitCode !== null) throw new Error(`pgbouncer exited with ${bouncer.exitCode}`);
    await delay(100);
  }
  throw new Error(`pgbouncer did not listen on ${p}`);
}

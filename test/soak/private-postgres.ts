import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { chmodSync, chownSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './ports.js';

/*
 * A PostgreSQL cluster of the soak's own, in a temporary folder on a free port: the soak restarts it, and
 * must never restart the machine's main cluster that other work uses. initdb refuses to run as root, so
 * when the soak runs as root (CI) the cluster belongs to the `postgres` user.
 */

/** PG_BIN, or the newest PostgreSQL that Debian's packages installed (15 on the CI machine). */
const BIN =
  process.env['PG_BIN'] ??
  path.join(
    '/usr/lib/postgresql',
    readdirSync('/usr/lib/postgresql')
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a))[0] ?? '15',
    'bin',
  );

export interface PrivatePostgres {
  url: string;
  restart(): Promise<void>;
  stop(): void;
}

const commandAsOwner = (command: string, args: string[]): [string, string[]] =>
  process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', path.join(BIN, command), ...args]] : [path.join(BIN, command), args];

function asOwner(command: string, args: string[]): void {
  execFileSync(...commandAsOwner(command, args), { stdio: 'pipe' });
}

/** The same, without blocking: the phones and the proxy keep running while the database restarts. */
async function asOwnerLater(command: string, args: string[]): Promise<void> {
  await promisify(execFile)(...commandAsOwner(command, args));
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const dir = mkdtempSync(path.join(tmpdir(), 'hjulet-soak-pg-'));
  const dataDir = path.join(dir, 'data');
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
  }
  chmodSync(dir, 0o700);
  const port = await freePort();
  const pgCtl = (...args: string[]) => asOwner('pg_ctl', ['-D', dataDir, ...args]);
  const startArgs = [
    '-D',
    dataDir,
    '-w',
    '-t',
    '60',
    '-l',
    path.join(dir, 'log'),
    '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off`,
    'start',
  ];
  let running = false;
  const stop = () => {
    if (running) {
      running = false;
      try {
        pgCtl('-m', 'immediate', 'stop');
      } catch {
        // Already gone: the folder is removed all the same.
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    asOwner('initdb', ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C']);
    asOwner('pg_ctl', startArgs);
    running = true;
    asOwner('createdb', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', 'hjulet']);
  } catch (error) {
    stop();
    throw error;
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/hjulet`,
    // Immediate: no checkpoint, connections cut, as when the database server dies; recovery on start.
    async restart() {
      await asOwnerLater('pg_ctl', ['-D', dataDir, '-m', 'immediate', 'stop']);
      await asOwnerLater('pg_ctl', startArgs);
    },
    stop,
  };
}

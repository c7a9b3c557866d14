import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/*
 * A private PostgreSQL primary and a streaming replica made from it with pg_basebackup, on free ports, in a
 * temporary folder: the machine's shared cluster is never reconfigured or restarted. Uses the server
 * binaries of the installed PostgreSQL (PG_BIN, default the newest /usr/lib/postgresql/<version>/bin). PostgreSQL refuses
 * to run as root, so as root every command runs as the `postgres` user.
 */
export interface ReplicatedCluster {
  primaryUrl: string;
  replicaUrl: string;
  /** Runs SQL on the replica as a superuser (pausing and resuming replay). */
  replicaSql(sql: string): string;
  stop(): void;
}

const PG_BIN = process.env['PG_BIN'] ?? installedServerBinaries();
const asRoot = process.getuid?.() === 0;

function run(binary: string, args: string[]): string {
  const command = asRoot ? ['runuser', ['-u', 'postgres', '--', path.join(PG_BIN, binary), ...args]] : [path.join(PG_BIN, binary), args];
  return execFileSync(command[0] as string, command[1] as string[], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

export async function startReplicatedCluster(): Promise<ReplicatedCluster> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hjulet-replica-'));
  chmodSync(dir, 0o700);
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  const [primaryPort, replicaPort] = [await freePort(), await freePort()];
  const primary = path.join(dir, 'primary');
  const replica = path.join(dir, 'replica');
  // Small and quick: this cluster lives for one test file.
  const options = (port: number) => `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c shared_buffers=16MB -c fsync=off -c max_connections=40`;
  const started: string[] = [];
  const stop = () => {
    for (const data of started.reverse()) {
      try {
        run('pg_ctl', ['stop', '-D', data, '-m', 'immediate', '-w']);
      } catch {
        // already stopped
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    // initdb's default pg_hba trusts replication connections from localhost with --auth=trust.
    run('initdb', ['-D', primary, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
    run('pg_ctl', ['start', '-D', primary, '-w', '-l', path.join(dir, 'primary.log'), '-o', options(primaryPort)]);
    started.push(primary);
    // -R writes standby.signal and primary_conninfo: the copy starts as a streaming replica.
    run('pg_basebackup', ['-h', '127.0.0.1', '-p', String(primaryPort), '-U', 'postgres', '-D', replica, '-R', '-X', 'stream', '-c', 'fast']);
    run('pg_ctl', ['start', '-D', replica, '-w', '-l', path.join(dir, 'replica.log'), '-o', options(replicaPort)]);
    started.push(replica);
  } catch (error) {
    stop();
    throw error;
  }
  return {
    primaryUrl: `postgres://postgres@127.0.0.1:${primaryPort}/postgres`,
    replicaUrl: `postgres://postgres@127.0.0.1:${replicaPort}/postgres`,
    replicaSql: (sql) => run('psql', ['-h', '127.0.0.1', '-p', String(replicaPort), '-U', 'postgres', '-At', '-c', sql]).trim(),
    stop,
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject).listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Debian's layout: /usr/lib/postgresql/<major>/bin; the newest major installed. */
function installedServerBinaries(): string {
  const root = '/usr/lib/postgresql';
  const majors = existsSync(root)
    ? readdirSync(root)
        .filter((v) => /^\d+$/.test(v))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  return path.join(root, majors[0] ?? '15', 'bin');
}

import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { freePort } from './ports.js';

/*
 * API instances as separate processes on one database, the way they run behind a load balancer: same
 * JWT secret, each on its own port. An instance is killed with SIGKILL (no draining) and started again on
 * the same port.
 */

const API_DIR = path.resolve(import.meta.dirname, '../../apps/api');

export interface ApiInstance {
  readonly port: number;
  readonly url: string;
  kill(): Promise<void>;
  start(): Promise<void>;
  /** Unexpected exits: an instance that died without being killed by the soak. */
  readonly crashes: string[];
}

export async function startApiInstances(count: number, databaseUrl: string): Promise<ApiInstance[]> {
  const secret = randomBytes(32).toString('hex');
  const instances: ApiInstance[] = [];
  // One after the other: the first runs the migrations and seeds the demo municipality.
  for (let i = 0; i < count; i++) {
    const instance = apiInstance(await freePort(), databaseUrl, secret);
    await instance.start();
    instances.push(instance);
  }
  return instances;
}

function apiInstance(port: number, databaseUrl: string, secret: string): ApiInstance {
  let child: ChildProcess | undefined;
  let killing = false;
  const crashes: string[] = [];
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    crashes,
    async kill() {
      const current = child;
      if (!current || current.exitCode !== null) return;
      killing = true;
      const exited = new Promise((resolve) => current.once('exit', resolve));
      current.kill('SIGKILL');
      await exited;
      killing = false;
    },
    async start() {
      let output = '';
      // Rate limits in process memory: the soak is not about Redis.
      const { REDIS_URL: _redis, ...env } = process.env;
      const started = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
        cwd: API_DIR,
        env: {
          ...env,
          DATABASE_URL: databaseUrl,
          PORT: String(port),
          HOST: '127.0.0.1',
          NODE_ENV: 'development',
          JWT_SECRET: secret,
          // Long enough that no phone needs a refresh during the soak: the soak is about the outbox.
          ACCESS_TOKEN_TTL_SECONDS: '86400',
          LOGIN_ACCOUNT_MAX_ATTEMPTS: '1000',
          LOGIN_ADDRESS_MAX_FAILURES: '1000',
          SEED_DEMO: 'auto',
          LOG_LEVEL: 'warn',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child = started;
      started.stdout!.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)));
      started.stderr!.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)));
      started.once('exit', (code, signal) => {
        if (!killing) crashes.push(`API on port ${port} exited (${code ?? signal}): ${output.slice(-2_000)}`);
      });
      await waitForReady(`http://127.0.0.1:${port}/readyz`, started, () => output);
    },
  };
}

async function waitForReady(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`API exited while starting: ${output()}`);
    const ready = await fetch(url)
      .then((res) => res.ok)
      .catch(() => false);
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`API not ready within 120 s: ${output()}`);
}

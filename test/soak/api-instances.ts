import { randomBytes } from 'node:crypto';
import { inheritedEnv, startApiProcess, type ApiProcess } from '../support/api-process.js';
import { freePort } from './ports.js';

/*
 * API instances as separate processes on one database, the way they run behind a load balancer: same
 * JWT secret, each on its own port. An instance is killed with SIGKILL (no draining) and started again on
 * the same port.
 */

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
  let api: ApiProcess | undefined;
  let killing = false;
  const crashes: string[] = [];
  const url = `http://127.0.0.1:${port}`;
  return {
    port,
    url,
    crashes,
    async kill() {
      if (!api) return;
      killing = true;
      await api.kill();
      killing = false;
    },
    async start() {
      const started = await startApiProcess({
        // Rate limits in process memory: the soak is not about Redis.
        env: {
          ...inheritedEnv({ names: ['REDIS_URL'] }),
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
        readyTimeoutMs: 120_000,
      });
      api = started;
      started.child.once('exit', (code, signal) => {
        if (!killing) crashes.push(`API on port ${port} exited (${code ?? signal}): ${started.output().slice(-2_000)}`);
      });
      // Ready line printed; the soak's phones start only once the instance also answers as ready.
      await waitForReady(`${url}/readyz`, started);
    },
  };
}

async function waitForReady(url: string, api: ApiProcess): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (api.child.exitCode !== null) throw new Error(`API exited while starting: ${api.output()}`);
    const ready = await fetch(url)
      .then((res) => res.ok)
      .catch(() => false);
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`API not ready within 120 s: ${api.output()}`);
}

import { readFileSync } from 'node:fs';
import { createThrowawayDatabase, type DatabaseHandle } from '@hjulet/api/shared/database.js';
import { inheritedEnv, startApiProcess as startApiChild } from '../support/api-process.js';

export interface ApiProcess {
  url: string;
  /** Where its health checks listen on a port of their own (HEALTH_PORT), as a liveness probe would ask them. */
  healthUrl: string;
  pid: number;
  /** The throwaway database the API runs on (the load run reads it to check what was stored). */
  databaseUrl: string;
  /** Resident memory of the API process now and at its peak (kB, from /proc/<pid>/status). */
  memory(): { rssKb: number; peakKb: number };
  stop(): Promise<void>;
}

/**
 * One API instance as a child process, as `pnpm start` runs it (`node … --import tsx src/main.ts`, so the pid
 * is the API's own, not a wrapper's), in production mode on a throwaway PostgreSQL database that it seeds
 * with the demo municipality. `env` adds settings (admission control off for the baseline, for example).
 */
export async function startApiProcess(serverUrl: string, env: Record<string, string> = {}): Promise<ApiProcess> {
  const db: DatabaseHandle = await createThrowawayDatabase(serverUrl);
  try {
    const api = await startApiChild({
      env: {
        ...inheritedEnv({ prefixes: ['TSX_'], names: [] }),
        NODE_ENV: 'production',
        JWT_SECRET: 'load-run-secret-not-for-anything-else-0123456789',
        ACCESS_TOKEN_TTL_SECONDS: '3600',
        DATABASE_URL: db.url,
        SEED_DEMO: 'auto',
        PORT: '0',
        LOG_LEVEL: 'warn',
        AUDIT_CHAIN_INTERVAL_MS: '1000',
        HEALTH_PORT: '0',
        ...env,
      },
      readyTimeoutMs: 180_000,
      // SIGTERM: the API drains and closes its pool; SIGKILL if it lingers.
      stopGraceMs: 12_000,
    });
    if (!api.healthUrl) throw new Error(`The API did not print its health checks' port:\n${api.output().slice(-2_000)}`);
    return {
      url: api.url,
      healthUrl: api.healthUrl,
      pid: api.pid,
      databaseUrl: db.url,
      memory: () => memoryOf(api.pid),
      async stop() {
        await api.stop();
        await db.close();
      },
    };
  } catch (error) {
    await db.close();
    throw error;
  }
}

/** VmRSS and VmHWM (the peak resident set since the process started) of a process, in kB; 0 when gone. */
export function memoryOf(pid: number): { rssKb: number; peakKb: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
    return { rssKb: field('VmRSS'), peakKb: field('VmHWM') };
  } catch {
    return { rssKb: 0, peakKb: 0 };
  }
}

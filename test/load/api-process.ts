import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createThrowawayDatabase, type DatabaseHandle } from '@hjulet/api/shared/database.js';

const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
const READY = /Hjulet is running: (http:\/\/\S+)/;

export interface ApiProcess {
  url: string;
  pid: number;
  /** The throwaway database the API runs on (the load run reads it to check what was stored). */
  databaseUrl: string;
  /** Resident memory of the API process now and at its peak (kB, from /proc/<pid>/status). */
  memory(): { rssKb: number; peakKb: number };
  stop(): Promise<void>;
}

/**
 * One API instance as a child process, as `pnpm start` runs it (`node --import tsx src/main.ts`, so the pid
 * is the API's own, not a wrapper's), in production mode on a throwaway PostgreSQL database that it seeds
 * with the demo municipality. `env` adds settings (admission control off for the baseline, for example).
 */
export async function startApiProcess(serverUrl: string, env: Record<string, string> = {}): Promise<ApiProcess> {
  const db: DatabaseHandle = await createThrowawayDatabase(serverUrl);
  const apiDir = path.join(REPO_ROOT, 'apps/api');
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST') && !name.startsWith('TSX_')));
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: apiDir,
    env: {
      ...inherited,
      NODE_ENV: 'production',
      JWT_SECRET: 'load-run-secret-not-for-anything-else-0123456789',
      ACCESS_TOKEN_TTL_SECONDS: '3600',
      DATABASE_URL: db.url,
      SEED_DEMO: 'auto',
      PORT: '0',
      LOG_LEVEL: 'warn',
      AUDIT_CHAIN_INTERVAL_MS: '1000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`The API did not start within 180 s:\n${output}`)), 180_000);
      const onData = (chunk: Buffer) => {
        // Keep only the tail: a long run's warnings must not grow this without bound.
        output = (output + chunk.toString()).slice(-20_000);
        const match = READY.exec(output);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`The API exited (code ${code}) before it was ready:\n${output.slice(-3000)}`));
      });
    });
    const pid = child.pid as number;
    return {
      url,
      pid,
      databaseUrl: db.url,
      memory: () => memoryOf(pid),
      async stop() {
        await stopChild(child);
        await db.close();
      },
    };
  } catch (error) {
    await stopChild(child);
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

/** SIGTERM (the API drains and closes its pool), SIGKILL if it lingers. */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const late = await Promise.race([exited.then(() => false), new Promise<boolean>((resolve) => setTimeout(() => resolve(true), 12_000))]);
  if (late) {
    child.kill('SIGKILL');
    await exited;
  }
}

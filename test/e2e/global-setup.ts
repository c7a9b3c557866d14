import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { inheritedEnv, startApiProcess, type ApiProcess } from '../support/api-process.js';
import { ARTIFACTS_DIR, REPO_ROOT } from './support/paths.js';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    /** The built PWA the shared API serves, for a test that starts an API of its own (oidc-sign-in.test.ts). */
    pwaDist: string;
  }
}

const PNPM = 'pnpm@10.34.9';

/*
 * Starts the system the way the README does, once for all files: the PWA built (into a directory of
 * its own, so another build of apps/pwa/dist cannot change the files under a running test), then the
 * API with embedded PGlite and demo data in a fresh data directory, on a port the OS picks.
 * E2E_PWA_DIST=<dir> skips the build and serves that directory instead.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'hjulet-e2e-'));
  const pwaDist = process.env['E2E_PWA_DIST'] ?? path.join(scratch, 'pwa-dist');
  if (!process.env['E2E_PWA_DIST']) await buildPwa(pwaDist);
  if (!existsSync(path.join(pwaDist, 'sw.js'))) throw new Error(`No built PWA (sw.js) in ${pwaDist}`);

  const api = await startApi(path.join(scratch, 'data'), pwaDist);
  project.provide('baseUrl', api.url);
  project.provide('pwaDist', pwaDist);

  return async () => {
    await api.stop();
    await rm(scratch, { recursive: true, force: true });
  };
}

/**
 * The environment of a shell that runs `pnpm start`, not of this test run: vitest sets NODE_ENV=test,
 * with which Vite builds a development bundle (import.meta.env.DEV) that never registers the service worker.
 */
function startEnv(): NodeJS.ProcessEnv {
  return inheritedEnv();
}

async function buildPwa(outDir: string): Promise<void> {
  const child = spawn('npx', ['-y', PNPM, '--filter', '@hjulet/pwa', 'build', '--outDir', outDir, '--emptyOutDir'], {
    cwd: REPO_ROOT,
    env: startEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`Building the PWA failed (exit ${code}):\n${output}`);
}

/**
 * The API with embedded PGlite and demo data in `dataDir`, serving `pwaDist`, in a process group of its
 * own, its output in test/artifacts/`logName`. `extraEnv`: settings of an API a test starts for itself
 * (oidc-sign-in.test.ts: its identity provider), which logs to a file of its own: two writers of api.log
 * would overwrite each other's lines.
 */
export async function startApi(dataDir: string, pwaDist: string, extraEnv: Record<string, string> = {}, logName = 'api.log'): Promise<ApiProcess> {
  const env: NodeJS.ProcessEnv = { ...startEnv(), PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'warn', PWA_DIST: pwaDist, ...extraEnv };
  // Always the embedded database with demo data, even when the CI run sets DATABASE_URL for other tests.
  delete env['DATABASE_URL'];
  delete env['SEED_DEMO'];
  // SIGTERM, then SIGKILL after 3 s: the data directory is thrown away, and the API's own shutdown can
  // wait for its 10 s force-exit timer.
  return startApiProcess({ env, detached: true, logFile: path.join(ARTIFACTS_DIR, logName), readyTimeoutMs: 120_000, stopGraceMs: 3_000 });
}

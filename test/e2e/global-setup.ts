import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { ARTIFACTS_DIR, REPO_ROOT } from './support/paths.js';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    /** The built PWA the shared API serves, for a test that starts an API of its own (oidc-sign-in.test.ts). */
    pwaDist: string;
  }
}

const PNPM = 'pnpm@10.34.9';
const READY = /Hjulet is running: (http:\/\/\S+)/;

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
    await stopProcessTree(api.child);
    await rm(scratch, { recursive: true, force: true });
  };
}

/**
 * The environment of a shell that runs `pnpm start`, not of this test run: vitest sets NODE_ENV=test,
 * with which Vite builds a development bundle (import.meta.env.DEV) that never registers the service worker.
 */
function startEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== 'NODE_ENV' && !name.startsWith('VITEST')));
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

/** `extraEnv`: settings of an API a test starts for itself (oidc-sign-in.test.ts: its identity provider). */
export async function startApi(dataDir: string, pwaDist: string, extraEnv: Record<string, string> = {}): Promise<{ url: string; child: ChildProcess }> {
  const env: NodeJS.ProcessEnv = { ...startEnv(), PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'warn', PWA_DIST: pwaDist, ...extraEnv };
  // Always the embedded database with demo data, even when the CI run sets DATABASE_URL for other tests.
  delete env['DATABASE_URL'];
  delete env['SEED_DEMO'];
  const apiDir = path.join(REPO_ROOT, 'apps/api');
  const tsx = path.join(apiDir, 'node_modules/.bin/tsx');
  const child = spawn(existsSync(tsx) ? tsx : 'npx', existsSync(tsx) ? ['src/main.ts'] : ['tsx', 'src/main.ts'], {
    cwd: apiDir,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = createWriteStream(path.join(ARTIFACTS_DIR, 'api.log'));
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);

  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The API did not start within 120 s:\n${output}`)), 120_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
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
      reject(new Error(`The API exited (code ${code}) before it was ready:\n${output}`));
    });
  }).catch(async (error: unknown) => {
    await stopProcessTree(child);
    throw error;
  });
  return { url, child };
}

/**
 * SIGTERM to the whole process group (tsx and node below it), SIGKILL if it lingers: the data directory
 * is thrown away, and the API's own shutdown currently waits for its 10 s force-exit timer.
 */
export async function stopProcessTree(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-(child.pid as number), name);
    } catch {
      // Already gone.
    }
  };
  signal('SIGTERM');
  const timedOut = await Promise.race([exited.then(() => false), new Promise<boolean>((resolve) => setTimeout(() => resolve(true), 3_000))]);
  if (timedOut) {
    signal('SIGKILL');
    await exited;
  }
}

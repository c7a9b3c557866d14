import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { ARTIFACTS_DIR } from './paths.js';

const API_LOG = path.join(ARTIFACTS_DIR, 'api.log');

interface LogLine {
  level?: number;
  msg?: string;
  path?: unknown;
  err?: { message?: string };
}

/** The errors (pino level ≥ 50) the API has logged so far in this run, one line each; `logName`: an API a test started itself. */
export function apiErrors(logName?: string): string[] {
  const log = logName ? path.join(ARTIFACTS_DIR, logName) : API_LOG;
  if (!existsSync(log)) return [];
  return readFileSync(log, 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as LogLine)
    .filter((entry) => (entry.level ?? 0) >= 50)
    .map((entry) => `${entry.msg ?? ''}: ${entry.err?.message ?? ''}${entry.path ? ` at ${JSON.stringify(entry.path)}` : ''}`);
}

/**
 * Fails a test during which the API logged an error: a user saw a failed request then, even when the
 * app's retries hid it, and the server's own words say more than the screen does.
 */
export function failOnApiErrors(logName?: string): void {
  let before = 0;
  beforeEach(() => {
    before = apiErrors(logName).length;
  });
  afterEach(() => {
    const added = apiErrors(logName).slice(before);
    if (added.length > 0) throw new Error(`The API logged ${added.length} error(s) during this test:\n${added.join('\n')}`);
  });
}

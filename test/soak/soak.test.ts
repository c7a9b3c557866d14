import { spawn } from 'node:child_process';
import path from 'node:path';
import { expect, it } from 'vitest';

/*
 * The sync soak at CI size: a few phones and every fault of the full run, at higher rates so that each
 * happens in a small run (`pnpm soak` is the full size). It runs the same command as `pnpm soak`, so what
 * CI checks is what the figures in the issue come from.
 */

const CI_SIZE = {
  SOAK_PHONES: '4',
  SOAK_REVIEWS: '60',
  SOAK_REVIEWS_PER_FLUSH: '5',
  SOAK_DROP_BEFORE: '0.1',
  SOAK_DROP_AFTER: '0.1',
  SOAK_DUPLICATE: '0.15',
  SOAK_SLOW: '0.1',
  SOAK_KILL_FLUSH: '0.15',
  SOAK_API_KILLS: '2',
  SOAK_POSTGRES_RESTARTS: '1',
  SOAK_SEED: '20261126',
  SOAK_RECIPIENTS_PER_UNIT: '50',
};

function runSoak(): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--import', './soak/register-phone-modules.mjs', 'soak/run.ts'], {
      cwd: path.resolve(import.meta.dirname, '..'),
      env: { ...process.env, ...CI_SIZE },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => resolve({ code, output }));
  });
}

const figure = (output: string, label: string): number => {
  const line = output.split('\n').find((l) => l.startsWith(label));
  if (!line) throw new Error(`no "${label}" in the soak's figures:\n${output}`);
  return Number(line.slice(label.length).trim().split(/\s/)[0]);
};

it('loses and duplicates no review through dropped, duplicated and slow deliveries, killed phones, a SIGKILLed API and a PostgreSQL restart', async () => {
  const { code, output } = await runSoak();
  console.log(output);
  expect(code, output).toBe(0);
  expect(figure(output, 'reviews sent (finished on phones)')).toBe(240);
  expect(figure(output, 'reviews stored')).toBe(240);
  expect(figure(output, 'reviews lost')).toBe(0);
  expect(figure(output, 'reviews duplicated')).toBe(0);
  expect(figure(output, 'left in outboxes')).toBe(0);
  // Every kind of fault happened.
  expect(figure(output, 'requests dropped before the server')).toBeGreaterThan(0);
  expect(figure(output, 'responses dropped after the commit')).toBeGreaterThan(0);
  expect(figure(output, 'duplicated deliveries')).toBeGreaterThan(0);
  expect(figure(output, 'slow deliveries')).toBeGreaterThan(0);
  expect(figure(output, 'phones killed mid-flush')).toBeGreaterThan(0);
  expect(figure(output, 'API instances killed (SIGKILL)')).toBe(2);
  expect(figure(output, 'PostgreSQL restarts')).toBe(1);
  expect(figure(output, 'API crashes (unplanned)')).toBe(0);
});

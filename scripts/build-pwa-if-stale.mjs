#!/usr/bin/env node
// `pnpm start` builds the staff app only when its inputs changed since the last build. The build leaves a
// hash of its inputs' contents in apps/pwa/dist; modification times are not used because a git checkout
// or a fresh clone gives every file a new one.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** What the build reads, relative to the repository root. Folders are walked; missing entries are skipped. */
export const PWA_INPUTS = [
  'apps/pwa',
  'packages/domain/src',
  'packages/domain/templates',
  'packages/domain/package.json',
  'graphql/schema.graphql',
  'tsconfig.base.json',
  'pnpm-lock.yaml',
];
/** Not inputs: installed packages, the build's output, and what codegen writes from the schema. */
const SKIPPED = new Set(['node_modules', 'apps/pwa/dist', 'apps/pwa/src/gql']);
export const STAMP = 'apps/pwa/dist/.inputs-hash';

function listFiles(root, relative) {
  if (SKIPPED.has(relative) || path.basename(relative) === 'node_modules') return [];
  const full = path.join(root, relative);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return [relative];
  return readdirSync(full)
    .sort()
    .flatMap((name) => listFiles(root, path.posix.join(relative, name)));
}

/** A hash over the paths and contents of every input file. */
export function pwaInputsHash(root) {
  const hash = createHash('sha256');
  for (const file of PWA_INPUTS.flatMap((input) => listFiles(root, input))) {
    hash.update(`${file}\0`);
    hash.update(readFileSync(path.join(root, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** Whether the built app is missing or was built from other inputs than the ones there now. */
export function pwaIsStale(root) {
  const stamp = path.join(root, STAMP);
  if (!existsSync(path.join(root, 'apps/pwa/dist/index.html')) || !existsSync(stamp)) return true;
  return readFileSync(stamp, 'utf8').trim() !== pwaInputsHash(root);
}

/** Builds with `build()` when stale and stamps the result; answers whether it built. */
export function buildPwaIfStale(root, build) {
  if (!pwaIsStale(root)) return false;
  // Hashed before the build, so an edit made while it runs makes the next start build again.
  const hash = pwaInputsHash(root);
  build();
  writeFileSync(path.join(root, STAMP), `${hash}\n`);
  return true;
}

function runPnpmBuild(root) {
  // Inside `pnpm start`, pnpm says where it is; run directly, fall back to the pinned version through npx.
  const execPath = process.env.npm_execpath;
  const version = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).packageManager.split('@')[1];
  const [command, prefix] = execPath && /pnpm/.test(execPath) && /\.c?js$/.test(execPath) ? [process.execPath, [execPath]] : ['npx', ['-y', `pnpm@${version}`]];
  const result = spawnSync(command, [...prefix, '--filter', '@hjulet/pwa', 'build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const built = buildPwaIfStale(root, () => runPnpmBuild(root));
  if (!built) console.log('Staff app (PWA) is up to date: not rebuilding (delete apps/pwa/dist to force a build).');
}

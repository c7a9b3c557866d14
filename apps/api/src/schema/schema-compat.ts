import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { buildSchema, findBreakingChanges } from 'graphql';

export const SCHEMA_FILE = 'graphql/schema.graphql';
/** Breaking changes made on purpose: `{ "change": "<description as reported>", "reason": "…" }`. */
export const ALLOWED_FILE = 'graphql/allowed-breaking-changes.json';

export interface AllowedBreakingChange {
  change: string;
  reason: string;
}

/** The breaking changes from `base` to `current` that are not acknowledged in `allowed`, as `TYPE: description`. */
export function unacknowledgedBreakingChanges(baseSdl: string, currentSdl: string, allowed: readonly AllowedBreakingChange[]): string[] {
  const acknowledged = new Set(allowed.map((a) => a.change));
  return findBreakingChanges(buildSchema(baseSdl), buildSchema(currentSdl))
    .filter((c) => !acknowledged.has(c.description))
    .map((c) => `${c.type}: ${c.description}`);
}

export interface SchemaBase {
  /** The commit the schema is compared with, or `null` outside a git checkout. */
  commit: string | null;
  sdl: string;
}

/**
 * The last committed schema that the current one must stay compatible with. On a branch: the schema where
 * it left main (the merge base), so everything the branch did is checked, committed or not. On main
 * itself (the merge base is HEAD): the schema before HEAD's first parent, so CI on a fresh clone checks
 * what the latest commit or merge changed. Outside git, the file in the working tree.
 */
export function schemaBase(repoRoot: string): SchemaBase {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  const attempt = (...args: string[]) => {
    try {
      return git(...args);
    } catch {
      return null;
    }
  };
  const head = attempt('rev-parse', 'HEAD');
  if (!head) return { commit: null, sdl: readFileSync(`${repoRoot}/${SCHEMA_FILE}`, 'utf8') };
  const main = ['origin/main', 'main'].find((ref) => attempt('rev-parse', '--verify', '--quiet', `${ref}^{commit}`));
  const mergeBase = main ? attempt('merge-base', 'HEAD', main) : null;
  const candidates = mergeBase && mergeBase !== head ? [mergeBase] : [attempt('rev-parse', '--verify', '--quiet', 'HEAD^1'), head];
  for (const commit of candidates) {
    // A commit from before the schema file existed has nothing to stay compatible with: try the next one.
    const sdl = commit ? attempt('show', `${commit}:${SCHEMA_FILE}`) : null;
    if (commit && sdl !== null) return { commit, sdl };
  }
  return { commit: head, sdl: readFileSync(`${repoRoot}/${SCHEMA_FILE}`, 'utf8') };
}

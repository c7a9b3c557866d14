import path from 'node:path';

export const REPO_ROOT = path.resolve(import.meta.dirname, '../../..');
/** Screenshots and the API's log; gitignored. */
export const ARTIFACTS_DIR = path.join(REPO_ROOT, 'test/artifacts');

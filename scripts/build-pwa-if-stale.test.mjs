import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { buildPwaIfStale } from './build-pwa-if-stale.mjs';

let root;
let builds;
const write = (file, text) => {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), text);
};
// Stands in for `vite build`: what matters here is whether it runs.
const build = () => {
  builds += 1;
  write('apps/pwa/dist/index.html', '<!doctype html>');
};

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'hjulet-pwa-stale-'));
  builds = 0;
  write('apps/pwa/index.html', '<div id="root"></div>');
  write('apps/pwa/src/main.tsx', 'export {};');
  write('packages/domain/src/index.ts', 'export const x = 1;');
  write('graphql/schema.graphql', 'type Query { a: Int }');
  write('pnpm-lock.yaml', 'lockfileVersion: 9.0');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('pnpm start builds the staff app only when it must', () => {
  it('builds when nothing was built yet, and not again when nothing changed', () => {
    assert.equal(buildPwaIfStale(root, build), true);
    assert.equal(buildPwaIfStale(root, build), false);
    assert.equal(builds, 1);
  });

  it('does not build again when only modification times changed, as after a git checkout', () => {
    buildPwaIfStale(root, build);
    const later = new Date(Date.now() + 60_000);
    utimesSync(path.join(root, 'apps/pwa/src/main.tsx'), later, later);
    assert.equal(buildPwaIfStale(root, build), false);
  });

  for (const file of ['apps/pwa/src/main.tsx', 'packages/domain/src/index.ts', 'graphql/schema.graphql', 'pnpm-lock.yaml']) {
    it(`builds again after a change to ${file}`, () => {
      buildPwaIfStale(root, build);
      write(file, 'changed');
      assert.equal(buildPwaIfStale(root, build), true);
      assert.equal(builds, 2);
    });
  }

  it('builds again when a source file is added', () => {
    buildPwaIfStale(root, build);
    write('apps/pwa/src/new-screen.tsx', 'export {};');
    assert.equal(buildPwaIfStale(root, build), true);
  });

  it('ignores what codegen generates and what is installed', () => {
    buildPwaIfStale(root, build);
    write('apps/pwa/src/gql/graphql.ts', 'generated');
    write('apps/pwa/node_modules/x/index.js', 'installed');
    assert.equal(buildPwaIfStale(root, build), false);
  });

  it('builds again when the built app was deleted', () => {
    buildPwaIfStale(root, build);
    rmSync(path.join(root, 'apps/pwa/dist'), { recursive: true });
    assert.equal(buildPwaIfStale(root, build), true);
  });
});

import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, inject, it } from 'vitest';
import { REPO_ROOT } from './support/paths.js';

/*
 * The contract of docs/partner-api.md: every block marked `<!-- example: name -->` runs, with bash, in the
 * order of the page, from the repository root, against the started system, and its output must match the
 * `<!-- response: name -->` block after it. A string "<…>" in the documented response stands for any
 * value, "<…|null>" for any value or null; "..." as the last item of a list for any further items. `capture NAME=path` in the marker sets
 * NAME from the output for the blocks after it, so the admin's registration feeds the partner's token
 * request, as a reader would do it.
 */

const baseUrl = inject('baseUrl');
const run = promisify(execFile);
const DOC = path.join(REPO_ROOT, 'docs/partner-api.md');

interface Example {
  name: string;
  command: string;
  captures: Array<{ variable: string; path: string }>;
  response: unknown;
}

function examplesOf(markdown: string): Example[] {
  const examples: Example[] = [];
  const blocks = /<!-- example: ([\w-]+)(?:; capture ([^>]*?))? -->\s*```sh\n([\s\S]*?)```\s*<!-- response: ([\w-]+) -->\s*```json\n([\s\S]*?)```/g;
  for (const match of markdown.matchAll(blocks)) {
    const [, name, captures, command, responseName, response] = match;
    if (!name || !command || !response) continue;
    if (responseName !== name) throw new Error(`example ${name} is followed by the response of ${responseName}`);
    examples.push({
      name,
      command,
      captures: (captures ?? '')
        .split(/\s+/)
        .filter(Boolean)
        .map((c) => {
          const [variable = '', p = ''] = c.split('=');
          return { variable, path: p };
        }),
      response: JSON.parse(response),
    });
  }
  return examples;
}

/** Whether `actual` matches the documented shape, with "<…>" for any value and a trailing "..." for more items. */
function mismatches(documented: unknown, actual: unknown, where = '$'): string[] {
  if (typeof documented === 'string' && /^<.+\|null>$/.test(documented)) return actual === undefined ? [`${where}: missing`] : [];
  if (typeof documented === 'string' && /^<.+>$/.test(documented)) return actual === undefined || actual === null ? [`${where}: missing`] : [];
  if (Array.isArray(documented)) {
    if (!Array.isArray(actual)) return [`${where}: not a list`];
    const open = documented.at(-1) === '...';
    const items = open ? documented.slice(0, -1) : documented;
    if (open ? actual.length < items.length : actual.length !== items.length) return [`${where}: ${actual.length} items, documented ${items.length}`];
    return items.flatMap((item, i) => mismatches(item, actual[i], `${where}[${i}]`));
  }
  if (typeof documented === 'object' && documented !== null) {
    if (typeof actual !== 'object' || actual === null || Array.isArray(actual)) return [`${where}: not an object`];
    const keys = new Set([...Object.keys(documented), ...Object.keys(actual)]);
    return [...keys].flatMap((key) => mismatches((documented as Record<string, unknown>)[key], (actual as Record<string, unknown>)[key], `${where}.${key}`));
  }
  return Object.is(documented, actual) ? [] : [`${where}: ${JSON.stringify(actual)}, documented ${JSON.stringify(documented)}`];
}

const at = (value: unknown, dotted: string) => dotted.split('.').reduce<unknown>((v, key) => (v as Record<string, unknown> | undefined)?.[key], value);

describe('docs/partner-api.md', () => {
  const examples = examplesOf(readFileSync(DOC, 'utf8'));
  const env: Record<string, string> = { HJULET_URL: baseUrl };

  it('has runnable examples for the admin, the token, the operations, the script, the errors and webhooks', () => {
    expect(examples.map((e) => e.name)).toEqual([
      'admin-login',
      'admin-areas',
      'admin-register',
      'token',
      'token-scope',
      'partner-self',
      'risk-statistics',
      'risk-statistics-grouped',
      'referrals',
      'referrals-next',
      'acknowledge-referral',
      'node-script',
      'bad-secret',
      'unknown-document',
      'admin-webhook-register',
      'verify-webhook',
    ]);
  });

  for (const example of examples) {
    it(`example "${example.name}" answers as documented`, async () => {
      const { stdout } = await run('bash', ['-euo', 'pipefail', '-c', example.command], {
        cwd: REPO_ROOT,
        env: { ...process.env, ...env },
        timeout: 60_000,
      });
      const output: unknown = JSON.parse(stdout);
      expect(mismatches(example.response, output), stdout).toEqual([]);
      for (const { variable, path: p } of example.captures) {
        const value = at(output, p);
        expect(typeof value, `${variable} from ${p}`).toBe('string');
        env[variable] = value as string;
      }
    });
  }
});

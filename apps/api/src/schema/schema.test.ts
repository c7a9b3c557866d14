import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ALLOWED_FILE, schemaBase, SCHEMA_FILE, unacknowledgedBreakingChanges, type AllowedBreakingChange } from './schema-compat.js';
import { printSchemaText } from './schema-text.js';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

describe('graphql/schema.graphql', () => {
  it('is exactly the schema the code builds (run `pnpm schema:print` after changing the API)', async () => {
    const committed = await readFile(`${repoRoot}${SCHEMA_FILE}`, 'utf8');
    expect(await printSchemaText()).toBe(committed);
  });

  it('has no breaking change against the last committed schema (merge base with main) that is not acknowledged', async () => {
    const base = schemaBase(repoRoot);
    const allowed = JSON.parse(await readFile(`${repoRoot}${ALLOWED_FILE}`, 'utf8')) as AllowedBreakingChange[];
    const changes = unacknowledgedBreakingChanges(base.sdl, await printSchemaText(), allowed);
    // A change clients must follow: keep the old field or argument, or add the description to ALLOWED_FILE with a reason.
    expect(changes, `compared with ${SCHEMA_FILE} at ${base.commit ?? 'the working tree'}`).toEqual([]);
  });
});

describe('the breaking-change check', () => {
  const base = 'type Query { reviews: [String!]! status(id: ID!): String }';

  it('reports a removed field and a new required argument', () => {
    const current = 'type Query { status(id: ID!, unit: ID!): String }';
    expect(unacknowledgedBreakingChanges(base, current, [])).toEqual([
      'FIELD_REMOVED: Query.reviews was removed.',
      'REQUIRED_ARG_ADDED: A required arg unit on Query.status was added.',
    ]);
  });

  it('accepts additions', () => {
    const current = 'type Query { reviews: [String!]! status(id: ID!, unit: ID): String audit: [String!]! }';
    expect(unacknowledgedBreakingChanges(base, current, [])).toEqual([]);
  });

  it('lets an acknowledged change through, and only that one', () => {
    const current = 'type Query { status(id: ID!): Int }';
    const allowed = [{ change: 'Query.reviews was removed.', reason: 'replaced by reviewPage' }];
    expect(unacknowledgedBreakingChanges(base, current, allowed)).toEqual(['FIELD_CHANGED_KIND: Query.status changed type from String to Int.']);
  });

  it('finds a field removed from the real committed schema at the base', async () => {
    const { sdl } = schemaBase(repoRoot);
    const current = await printSchemaText();
    // The first query field that the base has too (a field added on this branch is no break when removed),
    // of those written on one line: removing the first line of a field whose arguments span several lines
    // would leave them behind as text that does not parse.
    const queryFields = (text: string) =>
      [...(/^type Query \{([\s\S]*?)^\}/m.exec(text)?.[1]?.matchAll(/^ {2}(\w+)(?:\([^\n]*\))?: [^\n]*$/gm) ?? [])].map((m) => m[1]);
    const field = queryFields(current).find((name) => queryFields(sdl).includes(name));
    expect(field).toBeDefined();
    const withoutField = current.replace(new RegExp(`^(type Query \\{[\\s\\S]*?)\\n(\\s*"""[\\s\\S]*?"""\\n)?\\s*${field}\\b[^\\n]*`, 'm'), '$1');
    expect(unacknowledgedBreakingChanges(sdl, withoutField, [])).toContain(`FIELD_REMOVED: Query.${field} was removed.`);
  });
});

import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { buildSchema as buildFromSdl, findBreakingChanges } from 'graphql';
import { describe, expect, it } from 'vitest';
import { printSchemaText } from './schema-text.js';

const committedPath = fileURLToPath(new URL('../../../../graphql/schema.graphql', import.meta.url));

describe('graphql/schema.graphql', () => {
  it('is exactly the schema the code builds (run `pnpm schema:print` after changing the API)', async () => {
    const committed = await readFile(committedPath, 'utf8');
    expect(await printSchemaText()).toBe(committed);
  });

  it('has no breaking change against the committed schema', async () => {
    const committed = buildFromSdl(await readFile(committedPath, 'utf8'));
    const current = buildFromSdl(await printSchemaText());
    expect(findBreakingChanges(committed, current)).toEqual([]);
  });
});

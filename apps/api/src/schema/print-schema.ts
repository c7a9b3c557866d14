import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { printSchemaText } from './schema-text.js';

/** Writes graphql/schema.graphql; a test fails when the committed file and the code disagree. */
const target = fileURLToPath(new URL('../../../../graphql/schema.graphql', import.meta.url));
await writeFile(target, await printSchemaText());
console.log(`wrote ${target}`);

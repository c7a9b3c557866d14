import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The seed checklist's definition, read from the data file that ships with packages/domain. */
export function safetyChecklistDefinition(): unknown {
  const file = require.resolve('@hjulet/domain/templates/sakerhet-hjalpbehov.v1.json');
  return JSON.parse(readFileSync(file, 'utf8'));
}

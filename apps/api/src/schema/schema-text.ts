import { lexicographicSortSchema, printSchema } from 'graphql';
import { buildAppSchema } from './build-schema.js';

export const SCHEMA_HEADER = '# Generated from apps/api by `pnpm schema:print`. Do not edit by hand.\n\n';

export async function printSchemaText(): Promise<string> {
  return SCHEMA_HEADER + printSchema(lexicographicSortSchema(await buildAppSchema())) + '\n';
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource, EntityMetadata, QueryRunner } from 'typeorm';
import { createThrowawayDatabase, startEmbeddedDatabase, type DatabaseHandle } from './database.js';
import { ENTITIES, openDataSource } from './data-source.js';

/*
 * The schema comes only from the migrations; the entities must describe it exactly, or TypeORM's
 * repositories write columns that are not there and miss rules that are. The first test is what
 * `typeorm migration:generate` would do. TypeORM's schema builder matches indexes, unique constraints,
 * foreign keys and checks by name only (it skips an index's columns' order and WHERE, a foreign key's columns
 * and a check's expression), so the third test compares those parts itself. Not compared: an index
 * column's DESC (TypeORM has no way to say it), triggers and functions (the migrations' own business).
 */

let db: DatabaseHandle;
let dataSource: DataSource;

beforeAll(async () => {
  const url = process.env['DATABASE_URL'];
  db = url ? await createThrowawayDatabase(url) : await startEmbeddedDatabase();
  dataSource = await openDataSource(db);
});

afterAll(async () => {
  await dataSource?.destroy();
  await db?.close();
});

/** Each index (other than a constraint's), unique key, foreign key and check of a table, as one comparable line. */
async function describeTable(q: QueryRunner, table: string): Promise<string[]> {
  const columnsOf = (keys: string, rel: string) =>
    `(SELECT string_agg(a.attname, ', ' ORDER BY k.ord) FROM unnest(${keys}) WITH ORDINALITY k(attnum, ord) JOIN pg_attribute a ON a.attrelid = ${rel} AND a.attnum = k.attnum)`;
  const indexes: Array<{ name: string; unique: boolean; columns: string; predicate: string | null }> = await q.query(
    `SELECT ix.indexrelid::regclass::text AS name, ix.indisunique AS unique, ${columnsOf('ix.indkey::int2[]', 'ix.indrelid')} AS columns,
            pg_get_expr(ix.indpred, ix.indrelid) AS predicate
     FROM pg_index ix
     WHERE ix.indrelid = $1::regclass AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conrelid = ix.indrelid AND c.conindid = ix.indexrelid)`,
    [table],
  );
  const constraints: Array<{ name: string; type: string; columns: string; referenced: string | null; referencedColumns: string | null; definition: string }> =
    await q.query(
      `SELECT c.conname AS name, c.contype AS type, ${columnsOf('c.conkey', 'c.conrelid')} AS columns,
              nullif(c.confrelid, 0)::regclass::text AS referenced, ${columnsOf('c.confkey', 'c.confrelid')} AS "referencedColumns",
              pg_get_constraintdef(c.oid) AS definition
       FROM pg_constraint c WHERE c.conrelid = $1::regclass AND c.contype IN ('u', 'f', 'c')
         -- Not the copies PostgreSQL keeps of a foreign key to a partitioned table, one per partition.
         AND c.conparentid = 0`,
      [table],
    );
  return [
    ...indexes.map((i) => `index ${i.name} (${i.columns})${i.unique ? ' unique' : ''}${i.predicate ? ` where ${unwrap(i.predicate)}` : ''}`),
    ...constraints.map((c) =>
      c.type === 'u'
        ? `unique ${c.name} (${c.columns})`
        : c.type === 'f'
          ? `foreign key ${c.name} (${c.columns}) -> ${c.referenced} (${c.referencedColumns})`
          : `check ${c.name} ${c.definition}`,
    ),
  ].sort();
}

/**
 * The same for an entity. A check's expression is put on an empty copy of the table for PostgreSQL to
 * rewrite as it rewrote the migration's (`IN (...)` becomes `= ANY (ARRAY[...])`), so the two compare
 * exactly. Call inside a transaction that is rolled back.
 */
async function describeEntity(q: QueryRunner, metadata: EntityMetadata): Promise<string[]> {
  const columns = (cs: Array<{ databaseName: string }>) => cs.map((c) => c.databaseName).join(', ');
  const probe = `probe_${metadata.tableName}`;
  await q.query(`CREATE TEMP TABLE ${probe} (LIKE ${metadata.tablePath})`);
  for (const check of metadata.checks) await q.query(`ALTER TABLE ${probe} ADD CONSTRAINT ${check.name} CHECK (${check.expression})`);
  const checks: Array<{ name: string; definition: string }> = await q.query(
    `SELECT conname AS name, pg_get_constraintdef(oid) AS definition FROM pg_constraint WHERE conrelid = $1::regclass AND contype = 'c'`,
    [probe],
  );
  return [
    ...metadata.indices.map((i) => `index ${i.name} (${columns(i.columns)})${i.isUnique ? ' unique' : ''}${i.where ? ` where ${unwrap(i.where)}` : ''}`),
    ...metadata.uniques.map((u) => `unique ${u.name} (${columns(u.columns)})`),
    ...metadata.foreignKeys.map(
      (f) => `foreign key ${f.name} (${f.columnNames.join(', ')}) -> ${f.referencedTablePath} (${f.referencedColumnNames.join(', ')})`,
    ),
    ...checks.map((c) => `check ${c.name} ${c.definition}`),
  ].sort();
}

/** PostgreSQL hands a partial index's predicate back in parentheses. */
const unwrap = (sql: string) => sql.replace(/^\((.*)\)$/s, '$1');

describe('entities and migrations', () => {
  it('generating a migration from the entities yields nothing', async () => {
    const sql = await dataSource.driver.createSchemaBuilder().log();
    expect(sql.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('every table the migrations made has an entity', async () => {
    const rows: Array<{ table_name: string }> = await dataSource.query(
      // A partitioned table's partitions are its storage, not tables of their own.
      `SELECT t.table_name FROM information_schema.tables t JOIN pg_class c ON c.oid = format('%I', t.table_name)::regclass
       WHERE t.table_schema = 'public' AND t.table_type = 'BASE TABLE' AND t.table_name <> 'migrations' AND NOT c.relispartition`,
    );
    const tables = rows.map((r) => r.table_name).sort();
    expect(ENTITIES.map((e) => dataSource.getMetadata(e).tableName).sort()).toEqual(tables);
  });

  it("names each index, unique key and foreign key with the migration's columns, and each check with its expression", async () => {
    const runner = dataSource.createQueryRunner();
    await runner.startTransaction();
    try {
      for (const metadata of dataSource.entityMetadatas) {
        const table = metadata.tableName;
        expect({ table, parts: await describeEntity(runner, metadata) }).toEqual({ table, parts: await describeTable(runner, metadata.tablePath) });
      }
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });
});

import type { DataSource, EntityManager } from 'typeorm';

/**
 * Hand-written SQL with typed rows, for the statements where SQL pays (aggregates, `DISTINCT ON`, joins
 * across features). `Row` declares the columns as the statement returns them (snake_case, as PostgreSQL
 * names them); map a row to its domain shape in one function beside the query, never with `row['x'] as`
 * casts at the call site. The types are a promise the SQL must keep: the driver does not check them.
 * Pass a transaction's EntityManager to run inside it.
 */
export async function queryRows<Row extends object>(runner: EntityManager | DataSource, sql: string, params: readonly unknown[] = []): Promise<Row[]> {
  const rows: Row[] = await runner.query(sql, [...params]);
  return rows;
}

/** The first row of `queryRows`, or null when there is none. */
export async function queryRow<Row extends object>(runner: EntityManager | DataSource, sql: string, params: readonly unknown[] = []): Promise<Row | null> {
  return (await queryRows<Row>(runner, sql, params))[0] ?? null;
}

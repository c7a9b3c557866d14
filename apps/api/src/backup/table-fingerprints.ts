/** Something that runs SQL and answers rows: a `pg` client or a TypeORM DataSource. */
export type Query = (sql: string, params?: unknown[]) => Promise<Array<Record<string, unknown>>>;

/**
 * Row count and an md5 of every row's text, in a stable order, for each table of the public schema: equal
 * fingerprints before a backup and after its restore mean the same rows came back.
 */
export async function tableFingerprints(query: Query): Promise<Record<string, { rows: number; md5: string | null }>> {
  const tables = (await query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`)).map((r) => String(r['tablename']));
  const result: Record<string, { rows: number; md5: string | null }> = {};
  for (const table of tables) {
    const [row] = await query(`SELECT count(*)::int AS rows, md5(string_agg(t::text, '|' ORDER BY t::text)) AS md5 FROM "${table}" t`);
    result[table] = { rows: Number(row?.['rows']), md5: (row?.['md5'] as string | null) ?? null };
  }
  return result;
}

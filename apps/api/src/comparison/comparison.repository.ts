import type { DataSource, EntityManager } from 'typeorm';
import type { ComparisonValue } from '@hjulet/domain';
import { ComparisonValueRow } from './comparison-value.entity.js';

/** SQL of comparison values: one tenant's imported values of other municipalities (and its own). */
export class ComparisonRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Inserts or replaces the values in one statement (UNNEST); answers how many were new. */
  async upsert(
    manager: EntityManager,
    municipalityId: string,
    importedBy: string,
    values: readonly ComparisonValue[],
  ): Promise<{ inserted: number; replaced: number }> {
    const rows: Array<{ inserted: boolean }> = await manager.query(
      `INSERT INTO comparison_value (id, municipality_id, municipality_code, indicator, period, value, imported_by)
       SELECT gen_random_uuid(), $1, code, indicator, period, value, $2
       FROM unnest($3::text[], $4::text[], $5::text[], $6::float8[]) AS v(code, indicator, period, value)
       ON CONFLICT ON CONSTRAINT comparison_value_unique_key
       DO UPDATE SET value = EXCLUDED.value, imported_by = EXCLUDED.imported_by, imported_at = now()
       RETURNING (xmax = 0) AS inserted`,
      [
        municipalityId,
        importedBy,
        values.map((v) => v.municipalityCode),
        values.map((v) => v.indicator),
        values.map((v) => v.period),
        values.map((v) => v.value),
      ],
    );
    const inserted = rows.filter((r) => r.inserted).length;
    return { inserted, replaced: rows.length - inserted };
  }

  list(municipalityId: string, filter: { indicator?: string | undefined; period?: string | undefined }): Promise<ComparisonValueRow[]> {
    const qb = this.dataSource.manager
      .getRepository(ComparisonValueRow)
      .createQueryBuilder('c')
      .where('c.municipality_id = :municipalityId', { municipalityId });
    if (filter.indicator) qb.andWhere('c.indicator = :indicator', { indicator: filter.indicator });
    if (filter.period) qb.andWhere('c.period = :period', { period: filter.period });
    return qb.orderBy('c.indicator').addOrderBy('c.period', 'DESC').addOrderBy('c.value', 'DESC').limit(5000).getMany();
  }

  async kommunkodOf(municipalityId: string): Promise<string> {
    const rows: Array<{ kommunkod: string }> = await this.dataSource.query(`SELECT kommunkod FROM municipality WHERE id = $1`, [municipalityId]);
    return rows[0]?.kommunkod ?? '';
  }
}

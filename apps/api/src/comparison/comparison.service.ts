import { parseComparisonCsv, parseKoladaJson, type ImportResult } from '@hjulet/domain';
import type { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import { badInput } from '../shared/app-error.js';
import type { Caller } from '../shared/context.js';
import type { UnitOfWork } from '../shared/unit-of-work.js';
import type { ComparisonRepository } from './comparison.repository.js';
import type { ComparisonValueRow } from './comparison-value.entity.js';

export type ComparisonFormat = 'kolada_json' | 'csv';

/**
 * Other municipalities' values for comparison (Kommunens kvalitet i korthet, seed 004), imported from a
 * file downloaded from Kolada's open API (v2 data JSON) or a CSV. A file is checked whole first: any
 * problem refuses it with every row and field named, and nothing is written.
 */
export class ComparisonService {
  constructor(
    private readonly repo: ComparisonRepository,
    private readonly transactions: UnitOfWork,
    private readonly audit: AuditService,
  ) {}

  async import(caller: Caller, format: ComparisonFormat, content: string): Promise<{ inserted: number; replaced: number }> {
    let result: ImportResult;
    if (format === 'csv') result = parseComparisonCsv(content);
    else {
      let document: unknown;
      try {
        document = JSON.parse(content);
      } catch {
        throw badInput('The file is not JSON', 'content');
      }
      result = parseKoladaJson(document);
    }
    if (!result.ok) {
      const first = result.issues[0];
      throw badInput(
        `The file has ${result.issues.length} problem(s); the first: row ${first?.row}, ${first?.field}: ${first?.message}`,
        'content',
        result.issues.slice(0, 100).map((i) => ({ field: `row ${i.row}: ${i.field}`, code: 'INVALID', message: i.message })),
      );
    }
    const { values } = result;
    return this.transactions.run(async (m) => {
      const counts = await this.repo.upsert(m, caller.principal.municipalityId, caller.principal.userId, values);
      await this.audit.record(caller, [{ action: 'create', entityType: 'comparison_value', entityId: null, details: { format, ...counts } }], m);
      return counts;
    });
  }

  async values(
    principal: Principal,
    filter: { indicator?: string | undefined; period?: string | undefined },
  ): Promise<{ ownCode: string; values: ComparisonValueRow[] }> {
    const [ownCode, values] = await Promise.all([this.repo.kommunkodOf(principal.municipalityId), this.repo.list(principal.municipalityId, filter)]);
    return { ownCode, values };
  }
}

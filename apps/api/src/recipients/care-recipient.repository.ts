import { In, type DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal.js';
import { named, unitScopeCondition } from '../access/scope.js';
import { queryRows } from '../shared/sql.js';
import type { ReviewStatus } from '@hjulet/domain';
import { CareRecipient } from './care-recipient.entity.js';

export interface RecipientFilter {
  unitId?: string | undefined;
  includeInactive?: boolean | undefined;
}

/** The columns of a care recipient that a change may set. */
export type RecipientFields = Pick<CareRecipient, 'unitId' | 'areaId' | 'housingType' | 'ordinaryHousing' | 'address' | 'active'>;

/** Which recipients, which template, which period (`from` inclusive, `to` exclusive, as dates). */
export interface PeriodQuery {
  recipientIds: string[];
  templateKey: string;
  from: string;
  to: string;
}

/** The review that tells where a recipient stands in a period. */
export interface PeriodReview {
  recipientId: string;
  reviewId: string;
  status: ReviewStatus;
  offeredAt: Date;
  performedAt: Date | null;
}

interface PeriodReviewRow {
  recipient_id: string;
  id: string;
  status: ReviewStatus;
  offered_at: Date;
  performed_at: Date | null;
}

const periodReviewFromRow = (row: PeriodReviewRow): PeriodReview => ({
  recipientId: row.recipient_id,
  reviewId: row.id,
  status: row.status,
  offeredAt: new Date(row.offered_at),
  performedAt: row.performed_at ? new Date(row.performed_at) : null,
});

/**
 * The SQL of care recipients. Reads and writes go through TypeORM; the period status is one
 * `DISTINCT ON` statement for a whole list. Methods that may take part in a service's transaction take
 * its EntityManager.
 */
export class CareRecipientRepository {
  constructor(private readonly dataSource: DataSource) {}

  byId(id: string): Promise<CareRecipient | null> {
    return this.dataSource.manager.findOneBy(CareRecipient, { id });
  }

  byIds(ids: readonly string[]): Promise<CareRecipient[]> {
    return this.dataSource.manager.findBy(CareRecipient, { id: In([...ids]) });
  }

  /** Recipients in the principal's scope, by reference. */
  inScopeOf(principal: Principal, filter: RecipientFilter): Promise<CareRecipient[]> {
    const qb = this.dataSource.manager.createQueryBuilder(CareRecipient, 'r');
    qb.where(unitScopeCondition(principal, 'r.unit_id', named(qb)));
    if (filter.unitId) qb.andWhere('r.unit_id = :unitId', { unitId: filter.unitId });
    if (!filter.includeInactive) qb.andWhere('r.active');
    return qb.orderBy('r.reference').getMany();
  }

  hasReference(municipalityId: string, reference: string, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    return manager.existsBy(CareRecipient, { municipalityId, reference });
  }

  async insert(row: CareRecipient, manager: EntityManager = this.dataSource.manager): Promise<CareRecipient> {
    const recipient = manager.create(CareRecipient, row);
    await manager.insert(CareRecipient, recipient);
    return recipient;
  }

  async update(id: string, fields: RecipientFields, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.update(CareRecipient, { id }, fields);
  }

  /** Per recipient, the most telling review in the period: a completed one if any, else the latest offered. */
  async periodReviews(q: PeriodQuery): Promise<PeriodReview[]> {
    const rows = await queryRows<PeriodReviewRow>(
      this.dataSource,
      `SELECT DISTINCT ON (r.recipient_id) r.recipient_id, r.id, r.status, r.offered_at, r.performed_at
       FROM review r JOIN template_version v ON v.id = r.template_version_id JOIN checklist_template t ON t.id = v.template_id
       WHERE r.recipient_id = ANY($1::uuid[]) AND t.key = $2 AND r.offered_at >= $3::date AND r.offered_at < $4::date
       ORDER BY r.recipient_id, (r.status = 'completed') DESC, r.offered_at DESC`,
      [q.recipientIds, q.templateKey, q.from, q.to],
    );
    return rows.map(periodReviewFromRow);
  }
}

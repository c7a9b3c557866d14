import type { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal.js';
import { positional, unitScopeCondition } from '../access/scope.js';
import type { ActionPlacement } from './follow-up-action.repository.js';
import { CareEvent, CauseAnalysis } from './risk-follow-up.entities.js';

export interface RiskRow {
  id: string;
  reviewId: string;
  itemKey: string;
  category: string;
  severity: string;
}

export interface CompletedReview {
  id: string;
  performedAt: Date;
  templateKey: string;
}

interface PlacementRow {
  unit_id: string;
  administration_id: string;
  municipality_id: string;
  recipient_id: string;
}

const placement = (r: PlacementRow): ActionPlacement => ({
  unitId: r.unit_id,
  administrationId: r.administration_id,
  municipalityId: r.municipality_id,
  recipientId: r.recipient_id,
});

/** SQL of the follow-up of a person's risks: cause analyses, events, and the reviews to compare. */
export class RiskFollowUpRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** A risk with where its review was made and whose home it is about. */
  async riskPlaced(riskId: string): Promise<(ActionPlacement & { risk: RiskRow }) | null> {
    const rows: Array<PlacementRow & { id: string; review_id: string; item_key: string; category: string; severity: string }> = await this.dataSource.query(
      `SELECT ir.id, ir.review_id, ir.item_key, ir.category, ir.severity, r.unit_id, r.recipient_id, u.administration_id, a.municipality_id
       FROM identified_risk ir JOIN review r ON r.id = ir.review_id JOIN unit u ON u.id = r.unit_id JOIN administration a ON a.id = u.administration_id
       WHERE ir.id = $1`,
      [riskId],
    );
    const row = rows[0];
    return row
      ? { ...placement(row), risk: { id: row.id, reviewId: row.review_id, itemKey: row.item_key, category: row.category, severity: row.severity } }
      : null;
  }

  /** A care recipient's placement (their unit now). */
  async recipientPlaced(recipientId: string): Promise<ActionPlacement | null> {
    const rows: PlacementRow[] = await this.dataSource.query(
      `SELECT c.unit_id, c.id AS recipient_id, u.administration_id, a.municipality_id
       FROM care_recipient c JOIN unit u ON u.id = c.unit_id JOIN administration a ON a.id = u.administration_id WHERE c.id = $1`,
      [recipientId],
    );
    return rows[0] ? placement(rows[0]) : null;
  }

  /** A person's completed reviews, newest first, with their template's key (a review follows one of the same checklist). */
  async completedReviews(recipientId: string, principal: Principal): Promise<CompletedReview[]> {
    const params: unknown[] = [recipientId];
    const rows: Array<{ id: string; performed_at: Date; key: string }> = await this.dataSource.query(
      `SELECT r.id, r.performed_at, t.key FROM review r
       JOIN template_version v ON v.id = r.template_version_id JOIN checklist_template t ON t.id = v.template_id
       WHERE r.recipient_id = $1 AND r.status = 'completed' AND ${unitScopeCondition(principal, 'r.unit_id', positional(params))}
       ORDER BY r.performed_at DESC, r.id DESC LIMIT 200`,
      params,
    );
    return rows.map((r) => ({ id: r.id, performedAt: new Date(r.performed_at), templateKey: r.key }));
  }

  async risksOf(reviewIds: readonly string[]): Promise<RiskRow[]> {
    if (reviewIds.length === 0) return [];
    const rows: Array<{ id: string; review_id: string; item_key: string; category: string; severity: string }> = await this.dataSource.query(
      `SELECT id, review_id, item_key, category, severity FROM identified_risk WHERE review_id = ANY($1) ORDER BY item_key`,
      [[...reviewIds]],
    );
    return rows.map((r) => ({ id: r.id, reviewId: r.review_id, itemKey: r.item_key, category: r.category, severity: r.severity }));
  }

  analysesOf(riskIds: readonly string[]): Promise<CauseAnalysis[]> {
    if (riskIds.length === 0) return Promise.resolve([]);
    return this.dataSource.manager
      .getRepository(CauseAnalysis)
      .createQueryBuilder('c')
      .where('c.risk_id IN (:...ids)', { ids: [...riskIds] })
      .getMany();
  }

  analysisOfRisk(manager: EntityManager, riskId: string): Promise<CauseAnalysis | null> {
    return manager.findOneBy(CauseAnalysis, { riskId });
  }

  async insertAnalysis(manager: EntityManager, row: CauseAnalysis): Promise<void> {
    await manager.insert(CauseAnalysis, row);
  }

  async updateAnalysis(manager: EntityManager, id: string, changes: Partial<CauseAnalysis>): Promise<void> {
    await manager.update(CauseAnalysis, { id }, changes);
  }

  async insertEvent(manager: EntityManager, row: CareEvent): Promise<void> {
    await manager.insert(CareEvent, row);
  }

  /** Events in the principal's scope (by the unit the person had when it happened), newest first. */
  eventsInScope(principal: Principal, filter: { recipientId?: string | undefined; unitId?: string | undefined }): Promise<CareEvent[]> {
    const qb = this.dataSource.manager.getRepository(CareEvent).createQueryBuilder('e');
    let n = 0;
    qb.where(
      unitScopeCondition(principal, 'e.unit_id', (value) => {
        const name = `s${n++}`;
        qb.setParameter(name, value);
        return `:${name}`;
      }),
    );
    if (filter.recipientId) qb.andWhere('e.recipient_id = :recipientId', { recipientId: filter.recipientId });
    if (filter.unitId) qb.andWhere('e.unit_id = :unitId', { unitId: filter.unitId });
    return qb.orderBy('e.occurred_on', 'DESC').addOrderBy('e.created_at', 'DESC').limit(1000).getMany();
  }
}

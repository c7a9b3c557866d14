import { In, type DataSource, type EntityManager } from 'typeorm';
import type { OrgPlacement, Principal } from '../auth/principal.js';
import { named, unitScopeCondition } from '../access/scope.js';
import { FollowUpAction, type ActionStatus } from './follow-up-action.entity.js';

/** Where an action, or the review it follows, sits: its unit's placement and whose home it is about. */
export interface ActionPlacement extends OrgPlacement {
  recipientId: string;
}

export interface ReviewForAction extends ActionPlacement {
  status: string;
  /** The review's month (reviews are partitioned by it), which the action's reference carries. */
  offeredAt: Date;
}

export interface ActionFilter {
  status?: ActionStatus | null | undefined;
  unitId?: string | null | undefined;
  /** Only the caller's own actions. */
  ownerId?: string | undefined;
  /** Only actions due before this day (`YYYY-MM-DD`). */
  dueBefore?: string | undefined;
}

interface PlacementColumns {
  recipient_id: string;
  administration_id: string;
  municipality_id: string;
}

const placementOf = (unitId: string, raw: PlacementColumns): ActionPlacement => ({
  unitId,
  administrationId: raw.administration_id,
  municipalityId: raw.municipality_id,
  recipientId: raw.recipient_id,
});

/** SQL for follow-up actions. Methods that take a manager run in the caller's transaction. */
export class FollowUpActionRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Actions joined to their review (whose home) and unit (where), for scope checks and audit rows. */
  private placed(manager: EntityManager = this.dataSource.manager) {
    return manager
      .getRepository(FollowUpAction)
      .createQueryBuilder('a')
      .innerJoin('review', 'r', 'r.id = a.review_id')
      .innerJoin('unit', 'u', 'u.id = a.unit_id')
      .innerJoin('administration', 'ad', 'ad.id = u.administration_id')
      .addSelect(['r.recipient_id AS recipient_id', 'u.administration_id AS administration_id', 'ad.municipality_id AS municipality_id']);
  }

  /** One action with its placement, so a scope check narrows both at once. */
  async byIdPlaced(id: string): Promise<(ActionPlacement & { action: FollowUpAction }) | null> {
    const { entities, raw } = await this.placed().where('a.id = :id', { id }).getRawAndEntities<PlacementColumns>();
    const [action, columns] = [entities[0], raw[0]];
    return action && columns ? { ...placementOf(action.unitId, columns), action } : null;
  }

  /** Actions in the principal's scope, earliest due first, each with whose home it is about. */
  async listInScope(principal: Principal, filter: ActionFilter, limit: number): Promise<Array<{ action: FollowUpAction; recipientId: string }>> {
    const qb = this.placed();
    qb.where(unitScopeCondition(principal, 'a.unit_id', named(qb)));
    if (filter.status) qb.andWhere('a.status = :status', { status: filter.status });
    if (filter.unitId) qb.andWhere('a.unit_id = :unitId', { unitId: filter.unitId });
    if (filter.ownerId) qb.andWhere('a.owner_id = :ownerId', { ownerId: filter.ownerId });
    if (filter.dueBefore) qb.andWhere('a.due_date < :dueBefore', { dueBefore: filter.dueBefore });
    const { entities, raw } = await qb
      .orderBy('a.due_date', 'ASC', 'NULLS LAST')
      .addOrderBy('a.created_at', 'ASC')
      .limit(limit)
      .getRawAndEntities<PlacementColumns>();
    return entities.map((action, i) => ({ action, recipientId: (raw[i] as PlacementColumns).recipient_id }));
  }

  /** The review an action is to follow: its placement and status. */
  async reviewForAction(reviewId: string): Promise<ReviewForAction | null> {
    const rows: Array<PlacementColumns & { unit_id: string; status: string; offered_at: Date }> = await this.dataSource.query(
      `SELECT r.unit_id, r.recipient_id, r.status, r.offered_at, u.administration_id, a.municipality_id
       FROM review r JOIN unit u ON u.id = r.unit_id JOIN administration a ON a.id = u.administration_id WHERE r.id = $1`,
      [reviewId],
    );
    const row = rows[0];
    return row ? { ...placementOf(row.unit_id, row), status: row.status, offeredAt: new Date(row.offered_at) } : null;
  }

  async riskIdOf(manager: EntityManager, reviewId: string, itemKey: string): Promise<string | null> {
    const rows: Array<{ id: string }> = await manager.query(`SELECT id FROM identified_risk WHERE review_id = $1 AND item_key = $2`, [reviewId, itemKey]);
    return rows[0]?.id ?? null;
  }

  byClientId(manager: EntityManager, clientId: string): Promise<FollowUpAction | null> {
    return manager.findOneBy(FollowUpAction, { clientId });
  }

  async insert(manager: EntityManager, action: FollowUpAction): Promise<void> {
    await manager.insert(FollowUpAction, action);
  }

  /** Changes an action that is still open; false when it was closed meanwhile. */
  async updateIfOpen(manager: EntityManager, id: string, changes: Partial<FollowUpAction>): Promise<boolean> {
    const result = await manager.update(FollowUpAction, { id, status: 'open' }, changes);
    return (result.affected ?? 0) > 0;
  }

  /** Whose home each review (and so each of its actions) is about. */
  async recipientIdsOfReviews(reviewIds: readonly string[]): Promise<Array<{ reviewId: string; recipientId: string }>> {
    const rows: Array<{ id: string; recipient_id: string }> = await this.dataSource.query(`SELECT id, recipient_id FROM review WHERE id = ANY($1::uuid[])`, [
      [...reviewIds],
    ]);
    return rows.map((r) => ({ reviewId: r.id, recipientId: r.recipient_id }));
  }

  byReviewIds(reviewIds: readonly string[]): Promise<FollowUpAction[]> {
    return this.dataSource.manager.find(FollowUpAction, { where: { reviewId: In([...reviewIds]) }, order: { createdAt: 'ASC' } });
  }
}

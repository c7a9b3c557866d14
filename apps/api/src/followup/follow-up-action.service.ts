import { randomUUID } from 'node:crypto';
import { In, type DataSource } from 'typeorm';
import type { Actor } from '@hjulet/domain';
import type { AuditService } from '../audit/audit.service.js';
import { assertReach, named, unitScopeCondition } from '../access/scope.js';
import { badInput, conflict, notFound } from '../shared/app-error.js';
import type { Caller } from '../shared/context.js';
import type { OrganisationService } from '../organisation/organisation.service.js';
import { User } from '../users/user.entity.js';
import { FollowUpAction, type ActionStatus } from './follow-up-action.entity.js';

export interface NewAction {
  clientId: string;
  reviewId: string;
  itemKey?: string | null | undefined;
  what: string;
  actor: Actor;
  ownerId?: string | null | undefined;
  dueDate?: string | null | undefined;
}

/** Follow-up actions on risks: created from a review, assigned by the unit manager, closed with an outcome. */
export class FollowUpActionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly organisation: OrganisationService,
    private readonly audit: AuditService,
  ) {}

  async create(caller: Caller, input: NewAction): Promise<FollowUpAction> {
    const rows: Array<{ unit_id: string; administration_id: string; municipality_id: string; recipient_id: string; status: string }> = await this.dataSource.query(
      `SELECT r.unit_id, u.administration_id, a.municipality_id, r.recipient_id, r.status
       FROM review r JOIN unit u ON u.id = r.unit_id JOIN administration a ON a.id = u.administration_id WHERE r.id = $1`,
      [input.reviewId],
    );
    const row = rows[0];
    const found = row ? { unitId: row.unit_id, administrationId: row.administration_id, municipalityId: row.municipality_id, recipientId: row.recipient_id, status: row.status } : null;
    assertReach(caller.principal, found, { what: 'Review', field: 'reviewId', entityType: 'review', entityId: input.reviewId, careRecipientId: found?.recipientId ?? null });
    if (found.status !== 'completed') throw badInput('Actions follow a completed review', 'reviewId');
    if (input.ownerId) await this.assertOwner(caller, input.ownerId, found.unitId);

    return this.dataSource.transaction(async (m) => {
      const existing = await m.findOneBy(FollowUpAction, { clientId: input.clientId });
      if (existing) {
        if (existing.reviewId !== input.reviewId) throw conflict('This client id belongs to another action', 'clientId');
        return existing;
      }
      const risk: Array<{ id: string }> = input.itemKey
        ? await m.query(`SELECT id FROM identified_risk WHERE review_id = $1 AND item_key = $2`, [input.reviewId, input.itemKey])
        : [];
      if (input.itemKey && !risk[0]) throw badInput('The review found no risk for that item', 'itemKey');
      const action = m.create(FollowUpAction, {
        id: randomUUID(),
        clientId: input.clientId,
        reviewId: input.reviewId,
        riskId: risk[0]?.id ?? null,
        unitId: found.unitId,
        what: input.what.trim(),
        actor: input.actor,
        ownerId: input.ownerId ?? null,
        dueDate: input.dueDate ?? null,
        status: 'open',
        closingNote: null,
        closedById: null,
        closedAt: null,
        createdById: caller.principal.userId,
        createdAt: new Date(),
      });
      await m.insert(FollowUpAction, action);
      await this.audit.record(caller, [{ action: 'create', entityType: 'follow_up_action', entityId: action.id, careRecipientId: found.recipientId }], m);
      return action;
    });
  }

  async assign(caller: Caller, id: string, ownerId: string, dueDate: string | null | undefined): Promise<FollowUpAction> {
    const action = await this.reachable(caller, id);
    if (action.status !== 'open') throw conflict('The action is closed', 'id');
    await this.assertOwner(caller, ownerId, action.unitId);
    return this.change(caller, action, { ownerId, ...(dueDate !== undefined ? { dueDate } : {}) }, 'update');
  }

  async close(caller: Caller, id: string, outcome: Exclude<ActionStatus, 'open'>, note: string | null | undefined): Promise<FollowUpAction> {
    const action = await this.reachable(caller, id);
    if (action.status !== 'open') throw conflict(`The action is already ${action.status}`, 'id');
    return this.change(caller, action, { status: outcome, closingNote: note?.trim() || null, closedById: caller.principal.userId, closedAt: new Date() }, 'close');
  }

  async list(caller: Caller, filter: { status?: ActionStatus | null | undefined; unitId?: string | null | undefined; mine: boolean }): Promise<FollowUpAction[]> {
    const qb = this.dataSource.getRepository(FollowUpAction).createQueryBuilder('a');
    qb.where(unitScopeCondition(caller.principal, 'a.unit_id', named(qb)));
    if (filter.status) qb.andWhere('a.status = :status', { status: filter.status });
    if (filter.unitId) qb.andWhere('a.unit_id = :unitId', { unitId: filter.unitId });
    if (filter.mine) qb.andWhere('a.owner_id = :me', { me: caller.principal.userId });
    // An action's text is about a person's home: each one listed is a read of that person's data.
    qb.innerJoin('review', 'r', 'r.id = a.review_id').addSelect('r.recipient_id', 'recipient_id');
    const { entities, raw } = await qb.orderBy('a.due_date', 'ASC', 'NULLS LAST').addOrderBy('a.created_at', 'ASC').limit(1000).getRawAndEntities<{ recipient_id: string }>();
    await this.audit.record(
      caller,
      entities.map((action, i) => ({ action: 'read', entityType: 'follow_up_action', entityId: action.id, careRecipientId: raw[i]?.recipient_id ?? null })),
    );
    return entities;
  }

  byReviewIds(reviewIds: readonly string[]): Promise<FollowUpAction[]> {
    return this.dataSource.manager.find(FollowUpAction, { where: { reviewId: In([...reviewIds]) }, order: { createdAt: 'ASC' } });
  }

  private async change(caller: Caller, action: FollowUpAction, changes: Partial<FollowUpAction>, auditAction: 'update' | 'close'): Promise<FollowUpAction> {
    return this.dataSource.transaction(async (m) => {
      const result = await m.update(FollowUpAction, { id: action.id, status: 'open' }, changes);
      if (result.affected === 0) throw conflict('The action was closed meanwhile', 'id');
      await this.audit.record(caller, [{ action: auditAction, entityType: 'follow_up_action', entityId: action.id, details: { ...changes } }], m);
      return { ...action, ...changes };
    });
  }

  private async reachable(caller: Caller, id: string): Promise<FollowUpAction> {
    const action = await this.dataSource.manager.findOneBy(FollowUpAction, { id });
    const placement = action ? await this.organisation.placementOfUnit(action.unitId) : null;
    const recipient: Array<{ recipient_id: string }> = action ? await this.dataSource.query(`SELECT recipient_id FROM review WHERE id = $1`, [action.reviewId]) : [];
    assertReach(caller.principal, placement, { what: 'Action', field: 'id', entityType: 'follow_up_action', entityId: id, careRecipientId: recipient[0]?.recipient_id ?? null });
    return action as FollowUpAction;
  }

  /** An owner is an active user of the action's unit (staff or its manager). */
  private async assertOwner(caller: Caller, ownerId: string, unitId: string): Promise<void> {
    const owner = await this.dataSource.manager.findOneBy(User, { id: ownerId, active: true });
    if (!owner || owner.municipalityId !== caller.principal.municipalityId) throw notFound('User', 'ownerId');
    if (owner.unitId !== unitId) throw badInput('The owner must work in the action\'s unit', 'ownerId');
  }
}

import { randomUUID } from 'node:crypto';
import type { Actor } from '@hjulet/domain';
import type { AuditService } from '../audit/audit.service.js';
import { assertReach } from '../access/scope.js';
import { badInput, conflict, notFound } from '../shared/app-error.js';
import type { Caller } from '../shared/context.js';
import type { UserService } from '../users/user.service.js';
import { FollowUpAction, type ActionStatus } from './follow-up-action.entity.js';
import type { FollowUpActionRepository } from './follow-up-action.repository.js';
import type { UnitOfWork } from '../shared/unit-of-work.js';

export interface NewAction {
  clientId: string;
  reviewId: string;
  itemKey?: string | null | undefined;
  what: string;
  actor: Actor;
  ownerId?: string | null | undefined;
  dueDate?: string | null | undefined;
}

// A list is for one screen; a unit has a few hundred open actions at most.
const LIST_LIMIT = 1000;

/** Follow-up actions on risks: created from a review, assigned by the unit manager, closed with an outcome. */
export class FollowUpActionService {
  constructor(
    private readonly repo: FollowUpActionRepository,
    private readonly transactions: UnitOfWork,
    private readonly users: UserService,
    private readonly audit: AuditService,
  ) {}

  async create(caller: Caller, input: NewAction): Promise<FollowUpAction> {
    const review = await this.repo.reviewForAction(input.reviewId);
    assertReach(caller.principal, review, {
      what: 'Review',
      field: 'reviewId',
      entityType: 'review',
      entityId: input.reviewId,
      careRecipientId: review?.recipientId ?? null,
    });
    if (review.status !== 'completed') throw badInput('Actions follow a completed review', 'reviewId');
    if (input.ownerId) await this.assertOwner(caller, input.ownerId, review.unitId);

    return this.transactions.run(async (m) => {
      const existing = await this.repo.byClientId(m, input.clientId);
      if (existing) {
        if (existing.reviewId !== input.reviewId) throw conflict('This client id belongs to another action', 'clientId');
        return existing;
      }
      const riskId = input.itemKey ? await this.repo.riskIdOf(m, input.reviewId, input.itemKey) : null;
      if (input.itemKey && !riskId) throw badInput('The review found no risk for that item', 'itemKey');
      const action = Object.assign(new FollowUpAction(), {
        id: randomUUID(),
        clientId: input.clientId,
        reviewId: input.reviewId,
        reviewOfferedAt: review.offeredAt,
        riskId,
        unitId: review.unitId,
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
      } satisfies FollowUpAction);
      await this.repo.insert(m, action);
      await this.audit.record(caller, [{ action: 'create', entityType: 'follow_up_action', entityId: action.id, careRecipientId: review.recipientId }], m);
      return action;
    });
  }

  async assign(caller: Caller, id: string, ownerId: string, dueDate: string | null | undefined): Promise<FollowUpAction> {
    const { action, recipientId } = await this.reachable(caller, id);
    if (action.status !== 'open') throw conflict('The action is closed', 'id');
    await this.assertOwner(caller, ownerId, action.unitId);
    return this.change(caller, action, recipientId, { ownerId, ...(dueDate !== undefined ? { dueDate } : {}) }, 'update');
  }

  async close(caller: Caller, id: string, outcome: Exclude<ActionStatus, 'open'>, note: string | null | undefined): Promise<FollowUpAction> {
    const { action, recipientId } = await this.reachable(caller, id);
    if (action.status !== 'open') throw conflict(`The action is already ${action.status}`, 'id');
    return this.change(
      caller,
      action,
      recipientId,
      { status: outcome, closingNote: note?.trim() || null, closedById: caller.principal.userId, closedAt: new Date() },
      'close',
    );
  }

  /** Actions in the caller's scope. An action's text is about a person's home: each one listed is an audited read. */
  async list(
    caller: Caller,
    filter: { status?: ActionStatus | null | undefined; unitId?: string | null | undefined; mine: boolean },
  ): Promise<FollowUpAction[]> {
    const found = await this.repo.listInScope(
      caller.principal,
      { status: filter.status, unitId: filter.unitId, ...(filter.mine ? { ownerId: caller.principal.userId } : {}) },
      LIST_LIMIT,
    );
    await this.audit.record(
      caller,
      found.map(({ action, recipientId }) => ({ action: 'read', entityType: 'follow_up_action', entityId: action.id, careRecipientId: recipientId })),
    );
    return found.map(({ action }) => action);
  }

  /** Open actions in the caller's scope due before `today`: each listed is an audited read, as in `list`. */
  async overdue(caller: Caller, today: string, unitId?: string | undefined): Promise<Array<{ action: FollowUpAction; recipientId: string }>> {
    const found = await this.repo.listInScope(caller.principal, { status: 'open', unitId, dueBefore: today }, LIST_LIMIT);
    await this.audit.record(
      caller,
      found.map(({ action, recipientId }) => ({ action: 'read', entityType: 'follow_up_action', entityId: action.id, careRecipientId: recipientId })),
    );
    return found;
  }

  /** Where an action is and whose home it is about, for a record about it (a discarded closing); not a read of its content. */
  async placementOf(id: string): Promise<{ recipientId: string; municipalityId: string } | null> {
    const found = await this.repo.byIdPlaced(id);
    return found && { recipientId: found.recipientId, municipalityId: found.municipalityId };
  }

  byReviewIds(reviewIds: readonly string[]): Promise<FollowUpAction[]> {
    return this.repo.byReviewIds(reviewIds);
  }

  /** For the `recipient` of actions already read in scope (and audited with it): whose home each review is about. */
  recipientIdsOfReviews(reviewIds: readonly string[]): Promise<Array<{ reviewId: string; recipientId: string }>> {
    return this.repo.recipientIdsOfReviews(reviewIds);
  }

  private async change(
    caller: Caller,
    action: FollowUpAction,
    recipientId: string,
    changes: Partial<FollowUpAction>,
    auditAction: 'update' | 'close',
  ): Promise<FollowUpAction> {
    return this.transactions.run(async (m) => {
      if (!(await this.repo.updateIfOpen(m, action.id, changes))) throw conflict('The action was closed meanwhile', 'id');
      await this.audit.record(
        caller,
        [{ action: auditAction, entityType: 'follow_up_action', entityId: action.id, careRecipientId: recipientId, details: { ...changes } }],
        m,
      );
      return { ...action, ...changes };
    });
  }

  private async reachable(caller: Caller, id: string): Promise<{ action: FollowUpAction; recipientId: string }> {
    const found = await this.repo.byIdPlaced(id);
    assertReach(caller.principal, found, {
      what: 'Action',
      field: 'id',
      entityType: 'follow_up_action',
      entityId: id,
      careRecipientId: found?.recipientId ?? null,
    });
    return found;
  }

  /** An owner is an active user of the action's unit (staff or its manager). */
  private async assertOwner(caller: Caller, ownerId: string, unitId: string): Promise<void> {
    const owner = await this.users.byId(ownerId);
    if (!owner?.active || owner.municipalityId !== caller.principal.municipalityId) throw notFound('User', 'ownerId');
    if (owner.unitId !== unitId) throw badInput("The owner must work in the action's unit", 'ownerId');
  }
}

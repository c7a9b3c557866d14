import { randomUUID } from 'node:crypto';
import { compareRisks, type EventKind, type RiskCause, type Severity } from '@hjulet/domain';
import type { AuditService } from '../audit/audit.service.js';
import { assertReach } from '../access/scope.js';
import { badInput } from '../shared/app-error.js';
import type { Caller } from '../shared/context.js';
import type { UnitOfWork } from '../shared/unit-of-work.js';
import type { FollowUpActionService } from './follow-up-action.service.js';
import type { CompletedReview, RiskFollowUpRepository, RiskRow } from './risk-follow-up.repository.js';
import { CareEvent, CauseAnalysis } from './risk-follow-up.entities.js';
import type { RiskFollowUp, RiskFollowUpItem } from './risk-follow-up.types.js';

export interface NewEvent {
  recipientId: string;
  kind: EventKind;
  riskCategory: string;
  occurredOn: string;
  description?: string | null | undefined;
}

/**
 * The follow-up of each person's risks, as Senior alert's preventive process runs it: a cause analysis
 * of a risk before actions are chosen, actions with owner, due date and outcome (follow-up actions), the
 * effect at the next review (each earlier risk gone, still there, or new), and events as outcomes. All of
 * it is a person's data: every read and change is audited with whose it is.
 */
export class RiskFollowUpService {
  constructor(
    private readonly repo: RiskFollowUpRepository,
    private readonly transactions: UnitOfWork,
    private readonly actions: FollowUpActionService,
    private readonly audit: AuditService,
  ) {}

  async recordCauseAnalysis(caller: Caller, riskId: string, causes: RiskCause[], description: string | null | undefined): Promise<CauseAnalysis> {
    const placed = await this.repo.riskPlaced(riskId);
    assertReach(caller.principal, placed, {
      what: 'Risk',
      field: 'riskId',
      entityType: 'identified_risk',
      entityId: riskId,
      careRecipientId: placed?.recipientId ?? null,
    });
    const unique = [...new Set(causes)];
    if (unique.length === 0) throw badInput('Name at least one cause', 'causes');
    const text = description?.trim() || null;
    if (causes.includes('other') && !text) throw badInput('Say what the other cause is', 'description');
    return this.transactions.run(async (m) => {
      const existing = await this.repo.analysisOfRisk(m, riskId);
      const fields = { causes: unique, description: text, updatedById: caller.principal.userId, updatedAt: new Date() };
      const analysis = existing ? { ...existing, ...fields } : Object.assign(new CauseAnalysis(), { id: randomUUID(), riskId, ...fields });
      if (existing) await this.repo.updateAnalysis(m, existing.id, fields);
      else await this.repo.insertAnalysis(m, analysis);
      await this.audit.record(
        caller,
        [
          {
            action: existing ? 'update' : 'create',
            entityType: 'cause_analysis',
            entityId: analysis.id,
            careRecipientId: placed.recipientId,
            details: { causes: unique },
          },
        ],
        m,
      );
      return analysis;
    });
  }

  async recordEvent(caller: Caller, input: NewEvent): Promise<CareEvent> {
    const placed = await this.repo.recipientPlaced(input.recipientId);
    assertReach(caller.principal, placed, {
      what: 'Care recipient',
      field: 'recipientId',
      entityType: 'care_recipient',
      entityId: input.recipientId,
      careRecipientId: placed?.recipientId ?? null,
    });
    if (input.occurredOn > new Date().toISOString().slice(0, 10)) throw badInput('An event has happened: its day is not in the future', 'occurredOn');
    const event = Object.assign(new CareEvent(), {
      id: randomUUID(),
      recipientId: input.recipientId,
      unitId: placed.unitId,
      kind: input.kind,
      riskCategory: input.riskCategory,
      occurredOn: input.occurredOn,
      description: input.description?.trim() || null,
      createdById: caller.principal.userId,
      createdAt: new Date(),
    } satisfies CareEvent);
    return this.transactions.run(async (m) => {
      await this.repo.insertEvent(m, event);
      await this.audit.record(
        caller,
        [{ action: 'create', entityType: 'care_event', entityId: event.id, careRecipientId: event.recipientId, details: { kind: event.kind } }],
        m,
      );
      return event;
    });
  }

  async events(caller: Caller, filter: { recipientId?: string | undefined; unitId?: string | undefined }): Promise<CareEvent[]> {
    const events = await this.repo.eventsInScope(caller.principal, filter);
    await this.audit.record(
      caller,
      events.map((e) => ({ action: 'read', entityType: 'care_event', entityId: e.id, careRecipientId: e.recipientId })),
    );
    return events;
  }

  /**
   * A person's risks at a review (their latest completed one by default) against their earlier review
   * of the same checklist: each risk still there or new, each earlier one gone; with cause analyses,
   * actions and the person's events.
   */
  async followUp(caller: Caller, recipientId: string, reviewId?: string | undefined): Promise<RiskFollowUp> {
    const placed = await this.repo.recipientPlaced(recipientId);
    const subject = {
      what: 'Care recipient',
      field: 'recipientId',
      entityType: 'care_recipient',
      entityId: recipientId,
      careRecipientId: placed?.recipientId ?? null,
    };
    // A person who moved keeps their earlier reviews in the old unit: the scope is checked on the reviews read, not only on where they live now.
    const reviews = await this.repo.completedReviews(recipientId, caller.principal);
    if (reviews.length === 0) assertReach(caller.principal, placed, subject);
    const index = reviewId ? reviews.findIndex((r) => r.id === reviewId) : 0;
    if (reviewId && index < 0) throw badInput('Not a completed review of this person in your scope', 'reviewId');
    const current: CompletedReview | undefined = reviews[index];
    const previous = current ? reviews.slice(index + 1).find((r) => r.templateKey === current.templateKey) : undefined;
    const risks = await this.repo.risksOf([current?.id, previous?.id].filter((id): id is string => id !== undefined));
    const now = risks.filter((r) => r.reviewId === current?.id);
    const before = risks.filter((r) => r.reviewId === previous?.id);
    const effects = previous
      ? compareRisks(
          before.map((r) => r.itemKey),
          now.map((r) => r.itemKey),
        )
      : now.map((r) => ({ itemKey: r.itemKey, effect: null }));
    const rowOf = (itemKey: string, effect: string | null): RiskRow | undefined => (effect === 'gone' ? before : now).find((r) => r.itemKey === itemKey);
    const shown = effects.map((e) => ({ ...e, risk: rowOf(e.itemKey, e.effect) as RiskRow }));
    const riskIds = shown.map((s) => s.risk.id);
    const [analyses, actions, events] = await Promise.all([
      this.repo.analysesOf(riskIds),
      this.actions.byReviewIds([current?.id, previous?.id].filter((id): id is string => id !== undefined)),
      this.repo.eventsInScope(caller.principal, { recipientId }),
    ]);
    await this.audit.record(caller, [{ action: 'read', entityType: 'risk_follow_up', entityId: current?.id ?? null, careRecipientId: recipientId }]);
    const items: RiskFollowUpItem[] = shown.map(({ risk, effect }) => ({
      riskId: risk.id,
      reviewId: risk.reviewId,
      itemKey: risk.itemKey,
      category: risk.category,
      severity: risk.severity as Severity,
      effect,
      causeAnalysis: analyses.find((a) => a.riskId === risk.id) ?? null,
      actions: actions.filter((a) => a.riskId === risk.id),
    }));
    return {
      recipientId,
      reviewId: current?.id ?? null,
      performedAt: current?.performedAt ?? null,
      previousReviewId: previous?.id ?? null,
      items,
      events,
    };
  }
}

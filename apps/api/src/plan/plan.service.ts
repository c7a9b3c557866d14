import { randomUUID } from 'node:crypto';
import { DEFAULT_QUALITY_DIMENSIONS, meetsTarget, parsePeriod, type ActivityStatus, type IndicatorKey, type TargetDirection } from '@hjulet/domain';
import type { AuditService } from '../audit/audit.service.js';
import type { OrgPlacement, Principal } from '../auth/principal.js';
import { canReach } from '../access/scope.js';
import type { OrganisationService } from '../organisation/organisation.service.js';
import { AccessRefused, badInput, conflict, notFound } from '../shared/app-error.js';
import type { Caller } from '../shared/context.js';
import type { UnitOfWork } from '../shared/unit-of-work.js';
import type { UserService } from '../users/user.service.js';
import type { IndicatorService } from '../indicators/indicator.service.js';
import { Activity, Goal, GoalFollowUp, ImprovementAction, Lesson, QualityDimension } from './plan.entities.js';
import type { GoalPlacement, PlacedGoal, PlanRepository } from './plan.repository.js';

export interface NewGoal {
  administrationId?: string | null | undefined;
  board: string;
  year: number;
  text: string;
  qualityDimension: string;
  targetIndicator: IndicatorKey;
  targetDirection: TargetDirection;
  targetValue: number;
}

export interface NewActivity {
  goalId: string;
  unitId: string;
  what: string;
  responsibleId?: string | null | undefined;
  dueDate?: string | null | undefined;
}

export interface NewFollowUp {
  goalId: string;
  period: string;
  unitId?: string | null | undefined;
  /** Null: computed from the reviews, where the indicator can be. */
  value?: number | null | undefined;
  comment?: string | null | undefined;
  evidence?: string[] | null | undefined;
}

export interface NewImprovementAction {
  followUpId: string;
  what: string;
  ownerId: string;
  dueDate: string;
  unitId?: string | null | undefined;
}

/**
 * Plan and act: goals of the board's plan, activities towards them, follow-ups per period with lessons,
 * and improvement actions where a goal fell short. Goals belong to an administration: its coordinator
 * writes them, the admin too, and its units' managers read them. Rows of one unit (activities, a unit's
 * follow-ups and actions) follow the unit's scope rule, so a unit manager never sees another unit's.
 */
export class PlanService {
  constructor(
    private readonly repo: PlanRepository,
    private readonly transactions: UnitOfWork,
    private readonly organisation: OrganisationService,
    private readonly users: UserService,
    private readonly audit: AuditService,
    private readonly indicators: IndicatorService,
  ) {}

  /** The municipality's quality dimensions: its own list, or Växjö's six when it has none. */
  async dimensions(principal: Principal): Promise<QualityDimension[]> {
    const own = await this.repo.dimensionsOf(principal.municipalityId);
    if (own.length > 0) return own;
    return DEFAULT_QUALITY_DIMENSIONS.map((d, i) =>
      Object.assign(new QualityDimension(), { id: d.key, municipalityId: principal.municipalityId, key: d.key, nameSv: d.sv, nameEn: d.en, position: i + 1 }),
    );
  }

  /** Gives a municipality Växjö's six quality dimensions (the demo seed; the migration did so for those there were). */
  async seedDefaultDimensions(municipalityId: string): Promise<void> {
    if ((await this.repo.dimensionsOf(municipalityId)).length > 0) return;
    await this.repo.insertDimensions(
      DEFAULT_QUALITY_DIMENSIONS.map((d, i) =>
        Object.assign(new QualityDimension(), { id: randomUUID(), municipalityId, key: d.key, nameSv: d.sv, nameEn: d.en, position: i + 1 }),
      ),
    );
  }

  goals(caller: Caller, filter: { year?: number | undefined; administrationId?: string | undefined }): Promise<Goal[]> {
    return this.repo.goalsInScope(caller.principal, filter);
  }

  async goal(caller: Caller, id: string): Promise<Goal> {
    return (await this.readableGoal(caller.principal, id, 'id')).goal;
  }

  async createGoal(caller: Caller, input: NewGoal): Promise<Goal> {
    const { principal } = caller;
    const administrationId = input.administrationId ?? principal.administrationId;
    if (!administrationId) throw badInput('Name the administration whose plan the goal is in', 'administrationId');
    const placement = await this.repo.administrationOf(administrationId);
    this.assertGoalWrite(principal, placement, { entityType: 'administration', entityId: administrationId }, 'administrationId');
    const dimensions = await this.dimensions(principal);
    if (!dimensions.some((d) => d.key === input.qualityDimension)) throw badInput("Not one of the municipality's quality dimensions", 'qualityDimension');
    if (!Number.isFinite(input.targetValue) || input.targetValue < 0) throw badInput('A target is a number of at least 0', 'targetValue');
    if (isShare(input.targetIndicator) && input.targetValue > 1) throw badInput('A share is written 0–1 (1 = 100 %)', 'targetValue');
    const goal = Object.assign(new Goal(), {
      id: randomUUID(),
      administrationId,
      board: input.board.trim(),
      year: input.year,
      text: input.text.trim(),
      qualityDimension: input.qualityDimension,
      targetIndicator: input.targetIndicator,
      targetDirection: input.targetDirection,
      targetValue: input.targetValue,
      createdById: principal.userId,
      createdAt: new Date(),
    } satisfies Goal);
    return this.transactions.run(async (m) => {
      await this.repo.insert(m, Goal, goal);
      await this.audit.record(caller, [{ action: 'create', entityType: 'goal', entityId: goal.id, details: { year: goal.year } }], m);
      return goal;
    });
  }

  async createActivity(caller: Caller, input: NewActivity): Promise<Activity> {
    const { goal, administrationId } = await this.readableGoal(caller.principal, input.goalId, 'goalId');
    const unit = await this.organisation.reachableUnit(caller, input.unitId);
    if (unit.administrationId !== administrationId) throw badInput("The unit is not in the goal's administration", 'unitId');
    if (input.responsibleId) await this.assertPerson(caller, input.responsibleId, unit, 'responsibleId');
    const activity = Object.assign(new Activity(), {
      id: randomUUID(),
      goalId: goal.id,
      unitId: input.unitId,
      what: input.what.trim(),
      responsibleId: input.responsibleId ?? null,
      dueDate: input.dueDate ?? null,
      status: 'planned',
      createdById: caller.principal.userId,
      createdAt: new Date(),
    } satisfies Activity);
    return this.transactions.run(async (m) => {
      await this.repo.insert(m, Activity, activity);
      await this.audit.record(caller, [{ action: 'create', entityType: 'activity', entityId: activity.id }], m);
      return activity;
    });
  }

  async setActivityStatus(caller: Caller, id: string, status: ActivityStatus): Promise<Activity> {
    const activity = await this.repo.activity(id);
    const placement = activity ? await this.organisation.placementOfUnit(activity.unitId) : null;
    this.assertPlace(caller.principal, placement, { entityType: 'activity', entityId: id }, 'id', 'Activity');
    const changed = { ...(activity as Activity), status };
    return this.transactions.run(async (m) => {
      await this.repo.updateActivity(m, id, { status });
      await this.audit.record(caller, [{ action: 'update', entityType: 'activity', entityId: id, details: { status } }], m);
      return changed;
    });
  }

  activitiesOf(principal: Principal, goalIds: readonly string[]): Promise<Activity[]> {
    return this.repo.activitiesOf(principal, goalIds);
  }

  followUpsOf(principal: Principal, goalIds: readonly string[]): Promise<GoalFollowUp[]> {
    return this.repo.followUpsOf(principal, goalIds);
  }

  /**
   * Records (or re-records) the follow-up of a goal for a period within its year, for the whole
   * administration or one unit. Without a value the value is computed from the reviews, where it can be.
   */
  async recordFollowUp(caller: Caller, input: NewFollowUp): Promise<GoalFollowUp> {
    const { goal, administrationId } = await this.readableGoal(caller.principal, input.goalId, 'goalId');
    const period = parsePeriod(input.period);
    if (!period || !input.period.startsWith(String(goal.year)))
      throw badInput(`A period of the goal's year ${goal.year}, e.g. ${goal.year} or ${goal.year}-Q2`, 'period');
    const unitId = input.unitId ?? null;
    if (unitId) {
      const unit = await this.organisation.reachableUnit(caller, unitId);
      if (unit.administrationId !== administrationId) throw badInput("The unit is not in the goal's administration", 'unitId');
    } else {
      this.assertGoalWrite(
        caller.principal,
        { administrationId, municipalityId: caller.principal.municipalityId },
        { entityType: 'goal', entityId: goal.id },
        'unitId',
      );
    }
    const evidence = (input.evidence ?? []).map((e) => e.trim()).filter((e) => e !== '');
    if (evidence.length > 20) throw badInput('At most 20 links', 'evidence');
    if (evidence.some((e) => e.length > 500 || !/^(https?:\/\/|\/)/.test(e)))
      throw badInput('A link is a web address (https://…) or a path in Hjulet (/…)', 'evidence');
    let value = input.value ?? null;
    let valueSource: GoalFollowUp['valueSource'] = 'manual';
    if (value === null) {
      const units = unitId ? [unitId] : await this.repo.unitsOfAdministration(administrationId);
      value = await this.indicatorValue(caller, goal.targetIndicator, units, input.period);
      valueSource = 'computed';
    } else if (!Number.isFinite(value) || value < 0 || (isShare(goal.targetIndicator) && value > 1)) {
      throw badInput(isShare(goal.targetIndicator) ? 'A share is written 0–1 (1 = 100 %)' : 'A value is a number of at least 0', 'value');
    }
    const fields = { value, valueSource, comment: input.comment?.trim() || null, evidence };
    return this.transactions.run(async (m) => {
      const existing = await this.repo.followUpAt(m, goal.id, input.period, unitId);
      if (existing) {
        await this.repo.updateFollowUp(m, existing.id, fields);
        await this.audit.record(caller, [{ action: 'update', entityType: 'goal_follow_up', entityId: existing.id, details: { value } }], m);
        return { ...existing, ...fields };
      }
      const followUp = Object.assign(new GoalFollowUp(), {
        id: randomUUID(),
        goalId: goal.id,
        unitId,
        period: input.period,
        ...fields,
        createdById: caller.principal.userId,
        createdAt: new Date(),
      } satisfies GoalFollowUp);
      await this.repo.insert(m, GoalFollowUp, followUp);
      await this.audit.record(caller, [{ action: 'create', entityType: 'goal_follow_up', entityId: followUp.id, details: { value } }], m);
      return followUp;
    });
  }

  /** Whether a follow-up's value meets its goal's target; null without a value. */
  met(goal: Goal, followUp: GoalFollowUp): boolean | null {
    return meetsTarget(followUp.value, goal.targetValue, goal.targetDirection);
  }

  async goalOf(principal: Principal, followUp: GoalFollowUp): Promise<Goal> {
    return (await this.readableGoal(principal, followUp.goalId, 'goalId')).goal;
  }

  async recordLesson(caller: Caller, followUpId: string, learned: string, changeNext: string): Promise<Lesson> {
    await this.writableFollowUp(caller, followUpId);
    const lesson = Object.assign(new Lesson(), {
      id: randomUUID(),
      followUpId,
      learned: learned.trim(),
      changeNext: changeNext.trim(),
      createdById: caller.principal.userId,
      createdAt: new Date(),
    } satisfies Lesson);
    if (!lesson.learned) throw badInput('Say what was learned', 'learned');
    if (!lesson.changeNext) throw badInput('Say what changes next year', 'changeNext');
    return this.transactions.run(async (m) => {
      await this.repo.insert(m, Lesson, lesson);
      await this.audit.record(caller, [{ action: 'create', entityType: 'lesson', entityId: lesson.id }], m);
      return lesson;
    });
  }

  lessonsOfFollowUps(followUpIds: readonly string[]): Promise<Lesson[]> {
    return this.repo.lessonsOfFollowUps(followUpIds);
  }

  /** The lessons of a year's goals in the caller's scope: what the next year's plan starts from. */
  lessonsOfYear(caller: Caller, year: number) {
    return this.repo.lessonsOfYear(caller.principal, year);
  }

  async createImprovementAction(caller: Caller, input: NewImprovementAction): Promise<ImprovementAction> {
    const { followUp, goal, administrationId } = await this.writableFollowUp(caller, input.followUpId);
    if (this.met(goal, followUp) !== false) throw badInput('Improvement actions are for a goal that fell short in this follow-up', 'followUpId');
    let unitId = followUp.unitId;
    if (!unitId && input.unitId) {
      const unit = await this.organisation.reachableUnit(caller, input.unitId);
      if (unit.administrationId !== administrationId) throw badInput("The unit is not in the goal's administration", 'unitId');
      unitId = input.unitId;
    }
    const ownerPlace = unitId ? await this.organisation.placementOfUnit(unitId) : null;
    await this.assertPerson(caller, input.ownerId, ownerPlace ?? { administrationId, municipalityId: caller.principal.municipalityId }, 'ownerId');
    const action = Object.assign(new ImprovementAction(), {
      id: randomUUID(),
      followUpId: followUp.id,
      unitId,
      what: input.what.trim(),
      ownerId: input.ownerId,
      dueDate: input.dueDate,
      status: 'open',
      closedAt: null,
      createdById: caller.principal.userId,
      createdAt: new Date(),
    } satisfies ImprovementAction);
    return this.transactions.run(async (m) => {
      await this.repo.insert(m, ImprovementAction, action);
      await this.audit.record(caller, [{ action: 'create', entityType: 'improvement_action', entityId: action.id }], m);
      return action;
    });
  }

  async closeImprovementAction(caller: Caller, id: string, status: 'done' | 'cancelled'): Promise<ImprovementAction> {
    const action = await this.repo.improvementAction(id);
    if (!action) throw notFound('Improvement action', 'id');
    await this.writableFollowUp(caller, action.followUpId, 'id', action.unitId);
    if (action.status !== 'open') throw conflict(`The action is already ${action.status}`, 'id');
    const changes = { status, closedAt: new Date() };
    return this.transactions.run(async (m) => {
      if (!(await this.repo.updateImprovementActionIfOpen(m, id, changes))) throw conflict('The action was closed meanwhile', 'id');
      await this.audit.record(caller, [{ action: 'close', entityType: 'improvement_action', entityId: id, details: { status } }], m);
      return { ...action, ...changes };
    });
  }

  improvementActionsOfFollowUps(principal: Principal, followUpIds: readonly string[]): Promise<ImprovementAction[]> {
    return this.repo
      .improvementActionsOfFollowUps(followUpIds)
      .then((list) => list.filter((a) => !(principal.role === 'unit_manager' || principal.role === 'staff') || a.unitId === principal.unitId));
  }

  improvementActionsInScope(
    principal: Principal,
    filter: { openOnly: boolean; dueBefore?: string | undefined; unitId?: string | undefined; year?: number | undefined },
  ) {
    return this.repo.improvementActionsInScope(principal, filter);
  }

  /**
   * An indicator's value for a period (a key such as 2026 or 2026-Q2) over some units, from its one SQL
   * definition (the indicators service), so a follow-up, the dashboard and the report agree. For risk
   * prevalence, the share with a risk of any category. Null when nothing was there to count.
   */
  async indicatorValue(caller: Caller, indicator: IndicatorKey, unitIds: string[], period: string): Promise<number | null> {
    if (unitIds.length === 0) return null;
    const rows = await this.indicators.values(caller, { from: period }, [], { unitIds, indicators: [indicator] });
    return rows.find((row) => row.indicator === indicator && row.category === null)?.value ?? null;
  }

  /** A follow-up the caller may add to: a unit's by the unit's scope, the administration's by the goal writers'. */
  private async writableFollowUp(
    caller: Caller,
    followUpId: string,
    field = 'followUpId',
    unitOverride?: string | null,
  ): Promise<{ followUp: GoalFollowUp; goal: Goal; administrationId: string }> {
    const followUp = await this.repo.followUp(followUpId);
    if (!followUp) throw notFound('Follow-up', field);
    const { goal, administrationId, municipalityId } = await this.readableGoal(caller.principal, followUp.goalId, field);
    const unitId = unitOverride ?? followUp.unitId;
    if (unitId) {
      const placement = await this.organisation.placementOfUnit(unitId);
      this.assertPlace(caller.principal, placement, { entityType: 'goal_follow_up', entityId: followUpId }, field, 'Follow-up');
    } else {
      this.assertGoalWrite(caller.principal, { administrationId, municipalityId }, { entityType: 'goal_follow_up', entityId: followUpId }, field);
    }
    return { followUp, goal, administrationId };
  }

  /** A goal the caller may read: NOT_FOUND outside their municipality, FORBIDDEN outside their administration. */
  /** A goal the caller may read, and where it sits: another feature's view of a goal (survey evidence) checks through here. */
  placedGoal(principal: Principal, id: string, field: string): Promise<PlacedGoal> {
    return this.readableGoal(principal, id, field);
  }

  /** A goal the caller may change: its administration's quality coordinator, or an admin. */
  async writableGoal(principal: Principal, id: string, field: string): Promise<PlacedGoal> {
    const placed = await this.readableGoal(principal, id, field);
    this.assertGoalWrite(principal, placed, { entityType: 'goal', entityId: id }, field);
    return placed;
  }

  private async readableGoal(principal: Principal, id: string, field: string): Promise<{ goal: Goal } & GoalPlacement> {
    const placed = await this.repo.goalPlaced(id);
    if (!placed || placed.municipalityId !== principal.municipalityId)
      throw new AccessRefused('NOT_FOUND', 'Goal not found', field, { entityType: 'goal', entityId: id });
    if (!(await this.readsGoalsOf(principal, placed.administrationId))) {
      throw new AccessRefused('FORBIDDEN', 'This goal is outside your scope', field, { entityType: 'goal', entityId: id });
    }
    return placed;
  }

  private async readsGoalsOf(principal: Principal, administrationId: string): Promise<boolean> {
    switch (principal.role) {
      case 'admin':
        return true;
      case 'quality_coordinator':
        return principal.administrationId === administrationId;
      case 'staff':
      case 'unit_manager': {
        const unit = principal.unitId ? await this.organisation.placementOfUnit(principal.unitId) : null;
        return unit?.administrationId === administrationId;
      }
    }
  }

  /** Goals and the administration's own follow-ups are written by its coordinator and the admin. */
  private assertGoalWrite(
    principal: Principal,
    placement: GoalPlacement | null,
    subject: { entityType: string; entityId: string },
    field: string,
  ): asserts placement is GoalPlacement {
    if (!placement || placement.municipalityId !== principal.municipalityId) throw new AccessRefused('NOT_FOUND', 'Administration not found', field, subject);
    const may = principal.role === 'admin' || (principal.role === 'quality_coordinator' && principal.administrationId === placement.administrationId);
    if (!may) throw new AccessRefused('FORBIDDEN', "Only the administration's quality coordinator or an admin may do this", field, subject);
  }

  private assertPlace(
    principal: Principal,
    placement: OrgPlacement | null,
    subject: { entityType: string; entityId: string },
    field: string,
    what: string,
  ): asserts placement is OrgPlacement {
    if (!placement || placement.municipalityId !== principal.municipalityId) throw new AccessRefused('NOT_FOUND', `${what} not found`, field, subject);
    if (!canReach(principal, placement)) throw new AccessRefused('FORBIDDEN', `This ${what.toLowerCase()} is outside your scope`, field, subject);
  }

  /** A responsible person or owner: an active user of the municipality working in the unit, or in the administration. */
  private async assertPerson(
    caller: Caller,
    userId: string,
    place: { unitId?: string; administrationId: string; municipalityId: string },
    field: string,
  ): Promise<void> {
    const user = await this.users.byId(userId);
    if (!user?.active || user.municipalityId !== caller.principal.municipalityId) throw notFound('User', field);
    const inUnit = place.unitId !== undefined && user.unitId === place.unitId;
    const inAdministration = user.administrationId === place.administrationId;
    if (!inUnit && !inAdministration) throw badInput(place.unitId ? 'The person must work in the unit' : 'The person must work in the administration', field);
  }
}

const isShare = (indicator: IndicatorKey) => indicator !== 'median_days_to_close';

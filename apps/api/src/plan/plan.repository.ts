import type { DataSource, EntityManager } from 'typeorm';
import type { OrgPlacement, Principal } from '../auth/principal.js';
import { positional } from '../access/scope.js';
import { Activity, Goal, GoalFollowUp, ImprovementAction, Lesson, QualityDimension } from './plan.entities.js';

/** Where a goal sits: its administration and municipality. */
export interface GoalPlacement {
  administrationId: string;
  municipalityId: string;
}

export interface PlacedGoal extends GoalPlacement {
  goal: Goal;
}

/**
 * The administrations whose goals a principal sees, as SQL on `administration_id`: an admin all of the
 * municipality's, a coordinator their own, staff and unit managers that of their unit.
 */
export function goalScopeCondition(principal: Principal, column: string, bind: (value: unknown) => string): string {
  switch (principal.role) {
    case 'admin':
      return `${column} IN (SELECT id FROM administration WHERE municipality_id = ${bind(principal.municipalityId)})`;
    case 'quality_coordinator':
      return `${column} = ${bind(principal.administrationId)}`;
    case 'staff':
    case 'unit_manager':
      return `${column} = (SELECT administration_id FROM unit WHERE id = ${bind(principal.unitId)})`;
  }
}

/**
 * The units whose follow-ups, activities and improvement actions a principal sees, as SQL on a nullable
 * `unit_id`: a row of the whole administration (null) is not a unit manager's, and another unit's never.
 */
function unitRowCondition(principal: Principal, column: string, bind: (value: unknown) => string): string {
  return principal.role === 'staff' || principal.role === 'unit_manager' ? `${column} = ${bind(principal.unitId)}` : 'true';
}

/** SQL for the plan: goals, activities, follow-ups, lessons and improvement actions. */
export class PlanRepository {
  constructor(private readonly dataSource: DataSource) {}

  dimensionsOf(municipalityId: string): Promise<QualityDimension[]> {
    return this.dataSource.manager.find(QualityDimension, { where: { municipalityId }, order: { position: 'ASC' } });
  }

  async insertDimensions(rows: QualityDimension[]): Promise<void> {
    await this.dataSource.manager.insert(QualityDimension, rows);
  }

  async administrationOf(administrationId: string): Promise<GoalPlacement | null> {
    const rows: Array<{ municipality_id: string }> = await this.dataSource.query(`SELECT municipality_id FROM administration WHERE id = $1`, [
      administrationId,
    ]);
    return rows[0] ? { administrationId, municipalityId: rows[0].municipality_id } : null;
  }

  async goalPlaced(id: string): Promise<PlacedGoal | null> {
    const goal = await this.dataSource.manager.findOneBy(Goal, { id });
    if (!goal) return null;
    const placement = await this.administrationOf(goal.administrationId);
    return placement ? { ...placement, goal } : null;
  }

  async goalsInScope(principal: Principal, filter: { year?: number | undefined; administrationId?: string | undefined }): Promise<Goal[]> {
    const params: unknown[] = [];
    const bind = positional(params);
    const where = [goalScopeCondition(principal, 'g.administration_id', bind)];
    if (filter.year !== undefined) where.push(`g.year = ${bind(filter.year)}`);
    if (filter.administrationId) where.push(`g.administration_id = ${bind(filter.administrationId)}`);
    const ids: Array<{ id: string }> = await this.dataSource.query(
      `SELECT g.id FROM goal g WHERE ${where.join(' AND ')} ORDER BY g.year DESC, g.created_at ASC LIMIT 500`,
      params,
    );
    if (ids.length === 0) return [];
    return this.byIdsOrdered(Goal, ids);
  }

  async insert<T extends object>(manager: EntityManager, entity: new () => T, row: T): Promise<void> {
    await manager.insert(entity, row as never);
  }

  activity(id: string): Promise<Activity | null> {
    return this.dataSource.manager.findOneBy(Activity, { id });
  }

  async updateActivity(manager: EntityManager, id: string, changes: Partial<Activity>): Promise<void> {
    await manager.update(Activity, { id }, changes);
  }

  async activitiesOf(principal: Principal, goalIds: readonly string[]): Promise<Activity[]> {
    if (goalIds.length === 0) return [];
    const params: unknown[] = [[...goalIds]];
    const bind = positional(params);
    const ids: Array<{ id: string }> = await this.dataSource.query(
      `SELECT id FROM activity WHERE goal_id = ANY($1) AND ${unitRowCondition(principal, 'unit_id', bind)} ORDER BY due_date NULLS LAST, created_at`,
      params,
    );
    return this.byIdsOrdered(Activity, ids);
  }

  followUp(id: string): Promise<GoalFollowUp | null> {
    return this.dataSource.manager.findOneBy(GoalFollowUp, { id });
  }

  async followUpAt(manager: EntityManager, goalId: string, period: string, unitId: string | null): Promise<GoalFollowUp | null> {
    return manager
      .getRepository(GoalFollowUp)
      .createQueryBuilder('f')
      .where('f.goal_id = :goalId AND f.period = :period', { goalId, period })
      .andWhere(unitId ? 'f.unit_id = :unitId' : 'f.unit_id IS NULL', { unitId })
      .getOne();
  }

  async updateFollowUp(manager: EntityManager, id: string, changes: Partial<GoalFollowUp>): Promise<void> {
    await manager.update(GoalFollowUp, { id }, changes);
  }

  async followUpsOf(principal: Principal, goalIds: readonly string[]): Promise<GoalFollowUp[]> {
    if (goalIds.length === 0) return [];
    const params: unknown[] = [[...goalIds]];
    const bind = positional(params);
    const ids: Array<{ id: string }> = await this.dataSource.query(
      `SELECT id FROM goal_follow_up WHERE goal_id = ANY($1) AND ${unitRowCondition(principal, 'unit_id', bind)} ORDER BY period, unit_id NULLS FIRST`,
      params,
    );
    return this.byIdsOrdered(GoalFollowUp, ids);
  }

  lessonsOfFollowUps(followUpIds: readonly string[]): Promise<Lesson[]> {
    if (followUpIds.length === 0) return Promise.resolve([]);
    return this.dataSource.manager
      .getRepository(Lesson)
      .createQueryBuilder('l')
      .where('l.follow_up_id IN (:...ids)', { ids: [...followUpIds] })
      .orderBy('l.created_at')
      .getMany();
  }

  /**
   * Lessons of a year's goals in the principal's scope, with the goal they were learned on: the ones a
   * unit manager sees are those of the whole administration and of their own unit.
   */
  async lessonsOfYear(principal: Principal, year: number): Promise<Array<{ lesson: Lesson; goalId: string; goalText: string; period: string }>> {
    const params: unknown[] = [year];
    const bind = positional(params);
    const unitRow = principal.role === 'staff' || principal.role === 'unit_manager' ? `(f.unit_id IS NULL OR f.unit_id = ${bind(principal.unitId)})` : 'true';
    const rows: Array<{ id: string; goal_id: string; text: string; period: string }> = await this.dataSource.query(
      `SELECT l.id, g.id AS goal_id, g.text, f.period FROM lesson l
       JOIN goal_follow_up f ON f.id = l.follow_up_id JOIN goal g ON g.id = f.goal_id
       WHERE g.year = $1 AND ${goalScopeCondition(principal, 'g.administration_id', bind)} AND ${unitRow}
       ORDER BY g.created_at, l.created_at`,
      params,
    );
    const lessons = await this.byIdsOrdered(Lesson, rows);
    return lessons.map((lesson, i) => {
      const row = rows[i] as (typeof rows)[0];
      return { lesson, goalId: row.goal_id, goalText: row.text, period: row.period };
    });
  }

  improvementAction(id: string): Promise<ImprovementAction | null> {
    return this.dataSource.manager.findOneBy(ImprovementAction, { id });
  }

  async updateImprovementActionIfOpen(manager: EntityManager, id: string, changes: Partial<ImprovementAction>): Promise<boolean> {
    const result = await manager.update(ImprovementAction, { id, status: 'open' }, changes);
    return (result.affected ?? 0) > 0;
  }

  improvementActionsOfFollowUps(followUpIds: readonly string[]): Promise<ImprovementAction[]> {
    if (followUpIds.length === 0) return Promise.resolve([]);
    return this.dataSource.manager
      .getRepository(ImprovementAction)
      .createQueryBuilder('a')
      .where('a.follow_up_id IN (:...ids)', { ids: [...followUpIds] })
      .orderBy('a.due_date')
      .getMany();
  }

  /**
   * Improvement actions in the principal's scope: open ones due before `dueBefore` when given. A unit
   * manager's are those of their unit; a coordinator's those on their administration's goals.
   */
  async improvementActionsInScope(
    principal: Principal,
    filter: { openOnly: boolean; dueBefore?: string | undefined; unitId?: string | undefined; year?: number | undefined },
  ): Promise<Array<{ action: ImprovementAction; goalId: string; goalText: string }>> {
    const params: unknown[] = [];
    const bind = positional(params);
    const where = [goalScopeCondition(principal, 'g.administration_id', bind), unitRowCondition(principal, 'a.unit_id', bind)];
    if (filter.openOnly) where.push(`a.status = 'open'`);
    if (filter.dueBefore) where.push(`a.due_date < ${bind(filter.dueBefore)}`);
    if (filter.unitId) where.push(`a.unit_id = ${bind(filter.unitId)}`);
    if (filter.year !== undefined) where.push(`g.year = ${bind(filter.year)}`);
    const rows: Array<{ id: string; goal_id: string; text: string }> = await this.dataSource.query(
      `SELECT a.id, g.id AS goal_id, g.text FROM improvement_action a
       JOIN goal_follow_up f ON f.id = a.follow_up_id JOIN goal g ON g.id = f.goal_id
       WHERE ${where.join(' AND ')} ORDER BY a.due_date, a.created_at LIMIT 1000`,
      params,
    );
    const actions = await this.byIdsOrdered(ImprovementAction, rows);
    return actions.map((action, i) => ({ action, goalId: (rows[i] as (typeof rows)[0]).goal_id, goalText: (rows[i] as (typeof rows)[0]).text }));
  }

  async unitsOfAdministration(administrationId: string): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.dataSource.query(`SELECT id FROM unit WHERE administration_id = $1 ORDER BY name`, [administrationId]);
    return rows.map((r) => r.id);
  }

  private async byIdsOrdered<T extends { id: string }>(entity: new () => T, rows: ReadonlyArray<{ id: string }>): Promise<T[]> {
    if (rows.length === 0) return [];
    const found = await this.dataSource.manager
      .getRepository(entity)
      .createQueryBuilder('x')
      .where('x.id IN (:...ids)', { ids: rows.map((r) => r.id) })
      .getMany();
    const byId = new Map(found.map((f) => [f.id, f]));
    return rows.map((r) => byId.get(r.id)).filter((f): f is T => f !== undefined);
  }
}

export type { OrgPlacement };

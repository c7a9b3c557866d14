import type { DataSource, EntityManager } from 'typeorm';
import type { RoutineContent } from '@hjulet/domain';
import type { OrgPlacement, Principal } from '../auth/principal.js';
import { positional, unitScopeCondition } from '../access/scope.js';

/** A routine as the service sees it, with where it sits in the register and in the organisation. */
export interface RoutineRecord extends RoutineContent {
  id: string;
  municipalityId: string;
  processId: string;
  processName: string;
  activityId: string;
  activityName: string;
  /** Null: the whole municipality's. */
  unitId: string | null;
  unitName: string | null;
  administrationId: string | null;
  ownerId: string;
  ownerName: string;
  version: number;
  goalId: string | null;
  updatedAt: Date;
  /** The latest version the asking user confirmed, or null. */
  confirmedVersion: number | null;
}

export interface ProcessRecord {
  id: string;
  name: string;
  description: string | null;
  activities: Array<{ id: string; name: string }>;
}

export type NewRoutine = RoutineContent & {
  id: string;
  municipalityId: string;
  activityId: string;
  unitId: string | null;
  ownerId: string;
  goalId: string | null;
  updatedBy: string;
};

/** The columns a maintainer writes, owner_id through item_key, in the order both the insert and the update name them. */
const writtenColumns = (r: NewRoutine) => [
  r.ownerId,
  r.title,
  r.titleEn,
  r.responsible,
  r.frequency,
  r.body,
  r.bodyEn,
  r.reviewOn,
  r.goalId,
  r.templateKey,
  r.itemKey,
];

export interface ConfirmationRecord {
  id: string;
  routineId: string;
  version: number;
  userId: string;
  confirmedAt: Date;
}

/** A user who should read a routine, and the latest version they confirmed. */
export interface ReaderRecord {
  userId: string;
  displayName: string;
  unitName: string;
  confirmedVersion: number | null;
  confirmedAt: Date | null;
}

interface RoutineRow {
  id: string;
  municipality_id: string;
  process_id: string;
  process_name: string;
  activity_id: string;
  activity_name: string;
  unit_id: string | null;
  unit_name: string | null;
  administration_id: string | null;
  owner_id: string;
  owner_name: string;
  title: string;
  title_en: string | null;
  responsible: string;
  frequency: string;
  body: string;
  body_en: string | null;
  version: number;
  review_on: string;
  goal_id: string | null;
  template_key: string | null;
  item_key: string | null;
  updated_at: Date;
  confirmed_version: number | null;
}

/** `$1` is always the asking user, for their latest confirmation. */
const SELECT_ROUTINE = `SELECT r.id, r.municipality_id, p.id AS process_id, p.name AS process_name, a.id AS activity_id, a.name AS activity_name,
         r.unit_id, u.name AS unit_name, u.administration_id, r.owner_id, o.display_name AS owner_name, r.title, r.title_en, r.responsible,
         r.frequency, r.body, r.body_en, r.version, r.review_on::text AS review_on, r.goal_id, r.template_key, r.item_key, r.updated_at,
         (SELECT max(c.version) FROM routine_confirmation c WHERE c.routine_id = r.id AND c.user_id = $1) AS confirmed_version
  FROM routine r
  JOIN process_activity a ON a.id = r.activity_id
  JOIN routine_process p ON p.id = a.process_id
  JOIN app_user o ON o.id = r.owner_id
  LEFT JOIN unit u ON u.id = r.unit_id`;

const toRecord = (r: RoutineRow): RoutineRecord => ({
  id: r.id,
  municipalityId: r.municipality_id,
  processId: r.process_id,
  processName: r.process_name,
  activityId: r.activity_id,
  activityName: r.activity_name,
  unitId: r.unit_id,
  unitName: r.unit_name,
  administrationId: r.administration_id,
  ownerId: r.owner_id,
  ownerName: r.owner_name,
  title: r.title,
  titleEn: r.title_en,
  responsible: r.responsible,
  frequency: r.frequency,
  body: r.body,
  bodyEn: r.body_en,
  version: r.version,
  reviewOn: r.review_on,
  goalId: r.goal_id,
  templateKey: r.template_key,
  itemKey: r.item_key,
  updatedAt: r.updated_at,
  confirmedVersion: r.confirmed_version === null ? null : Number(r.confirmed_version),
});

/**
 * The routines a principal reads, as SQL on `routine r`: the municipality's own (no unit) and those of
 * the units in their scope (unitScopeCondition). routine.service.ts holds the same rule for one routine.
 */
function routineScopeCondition(principal: Principal, bind: (value: unknown) => string): string {
  return `r.municipality_id = ${bind(principal.municipalityId)} AND (r.unit_id IS NULL OR ${unitScopeCondition(principal, 'r.unit_id', bind)})`;
}

export interface RoutineListFilter {
  /** Only this unit's routines. */
  unitId?: string | null | undefined;
  /** Only routines this user owns. */
  ownerId?: string | null | undefined;
  /** Only routines whose review date is before this day. */
  reviewBefore?: string | null | undefined;
}

/** SQL for the register: processes, activities, routines and the confirmations of them. */
export class RoutineRepository {
  constructor(private readonly dataSource: DataSource) {}

  async processes(municipalityId: string): Promise<ProcessRecord[]> {
    const rows: Array<{ id: string; name: string; description: string | null; activities: Array<{ id: string; name: string }> }> = await this.dataSource.query(
      `SELECT p.id, p.name, p.description,
              coalesce(json_agg(json_build_object('id', a.id, 'name', a.name) ORDER BY a.name, a.id) FILTER (WHERE a.id IS NOT NULL), '[]') AS activities
       FROM routine_process p LEFT JOIN process_activity a ON a.process_id = p.id
       WHERE p.municipality_id = $1 GROUP BY p.id ORDER BY p.name, p.id`,
      [municipalityId],
    );
    return rows;
  }

  async insertProcess(m: EntityManager, p: { id: string; municipalityId: string; name: string; description: string | null }): Promise<void> {
    await m.query(`INSERT INTO routine_process (id, municipality_id, name, description) VALUES ($1, $2, $3, $4)`, [
      p.id,
      p.municipalityId,
      p.name,
      p.description,
    ]);
  }

  /** The municipality a process belongs to, when it exists. */
  async processMunicipality(m: EntityManager, processId: string): Promise<string | null> {
    const rows: Array<{ municipality_id: string }> = await m.query(`SELECT municipality_id FROM routine_process WHERE id = $1`, [processId]);
    return rows[0]?.municipality_id ?? null;
  }

  async insertActivity(m: EntityManager, a: { id: string; processId: string; name: string }): Promise<void> {
    await m.query(`INSERT INTO process_activity (id, process_id, name) VALUES ($1, $2, $3)`, [a.id, a.processId, a.name]);
  }

  /** The municipality an activity's process belongs to, when it exists. */
  async activityMunicipality(m: EntityManager, activityId: string): Promise<string | null> {
    const rows: Array<{ municipality_id: string }> = await m.query(
      `SELECT p.municipality_id FROM process_activity a JOIN routine_process p ON p.id = a.process_id WHERE a.id = $1`,
      [activityId],
    );
    return rows[0]?.municipality_id ?? null;
  }

  /** The principal's routines, by process, activity and title. */
  async list(principal: Principal, filter: RoutineListFilter = {}): Promise<RoutineRecord[]> {
    const params: unknown[] = [principal.userId];
    const bind = positional(params);
    const conditions = [routineScopeCondition(principal, bind)];
    if (filter.unitId) conditions.push(`r.unit_id = ${bind(filter.unitId)}`);
    if (filter.ownerId) conditions.push(`r.owner_id = ${bind(filter.ownerId)}`);
    if (filter.reviewBefore) conditions.push(`r.review_on < ${bind(filter.reviewBefore)}::date`);
    const rows: RoutineRow[] = await this.dataSource.query(
      `${SELECT_ROUTINE} WHERE ${conditions.join(' AND ')} ORDER BY p.name, a.name, r.title, r.id`,
      params,
    );
    return rows.map(toRecord);
  }

  /** One routine, as `askingUserId` sees it; locked for a change when `forUpdate`. */
  async byId(m: EntityManager, id: string, askingUserId: string, forUpdate = false): Promise<RoutineRecord | null> {
    const rows: RoutineRow[] = await m.query(`${SELECT_ROUTINE} WHERE r.id = $2${forUpdate ? ' FOR UPDATE OF r' : ''}`, [askingUserId, id]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async insert(m: EntityManager, r: NewRoutine): Promise<void> {
    await m.query(
      `INSERT INTO routine (id, municipality_id, activity_id, unit_id, owner_id, title, title_en, responsible, frequency, body, body_en, review_on,
                            goal_id, template_key, item_key, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
      [r.id, r.municipalityId, r.activityId, r.unitId, ...writtenColumns(r), r.updatedBy],
    );
  }

  async update(m: EntityManager, r: NewRoutine & { version: number }): Promise<void> {
    await m.query(
      `UPDATE routine SET activity_id = $2, owner_id = $3, title = $4, title_en = $5, responsible = $6, frequency = $7, body = $8, body_en = $9,
              review_on = $10, goal_id = $11, template_key = $12, item_key = $13, version = $14, updated_by = $15, updated_at = now()
       WHERE id = $1`,
      [r.id, r.activityId, ...writtenColumns(r), r.version, r.updatedBy],
    );
  }

  /** Where a unit sits, when it exists. */
  async unitPlacement(m: EntityManager, unitId: string): Promise<OrgPlacement | null> {
    const rows: Array<{ administration_id: string; municipality_id: string }> = await m.query(
      `SELECT u.administration_id, a.municipality_id FROM unit u JOIN administration a ON a.id = u.administration_id WHERE u.id = $1`,
      [unitId],
    );
    return rows[0] ? { unitId, administrationId: rows[0].administration_id, municipalityId: rows[0].municipality_id } : null;
  }

  /** Whether a user with a role belongs to the municipality: a routine's owner must. */
  async isMunicipalityUser(m: EntityManager, municipalityId: string, userId: string): Promise<boolean> {
    const rows: unknown[] = await m.query(`SELECT 1 FROM app_user WHERE id = $1 AND municipality_id = $2 AND role IS NOT NULL`, [userId, municipalityId]);
    return rows.length > 0;
  }

  /** Whether a goal belongs to one of the municipality's administrations. */
  async isMunicipalityGoal(m: EntityManager, municipalityId: string, goalId: string): Promise<boolean> {
    const rows: unknown[] = await m.query(
      `SELECT 1 FROM goal g JOIN administration a ON a.id = g.administration_id WHERE g.id = $1 AND a.municipality_id = $2`,
      [goalId, municipalityId],
    );
    return rows.length > 0;
  }

  /** Whether the municipality has a checklist template with this key (its items are checked by the service). */
  async templateItemKeys(m: EntityManager, municipalityId: string, templateKey: string): Promise<string[] | null> {
    const rows: Array<{ keys: string[] | null }> = await m.query(
      `SELECT (SELECT array_agg(item->>'key') FROM jsonb_array_elements(v.definition->'sections') s, jsonb_array_elements(s->'items') item) AS keys
       FROM checklist_template t JOIN template_version v ON v.template_id = t.id
       WHERE t.key = $2 AND t.municipality_id = $1
       ORDER BY v.version DESC LIMIT 1`,
      [municipalityId, templateKey],
    );
    return rows[0] ? (rows[0].keys ?? []) : null;
  }

  /** The confirmation stored under the phone's id, when there is one. */
  async confirmationById(m: EntityManager, id: string): Promise<ConfirmationRecord | null> {
    const rows: Array<{ id: string; routine_id: string; version: number; user_id: string; confirmed_at: Date }> = await m.query(
      `SELECT id, routine_id, version, user_id, confirmed_at FROM routine_confirmation WHERE id = $1`,
      [id],
    );
    const r = rows[0];
    return r ? { id: r.id, routineId: r.routine_id, version: r.version, userId: r.user_id, confirmedAt: r.confirmed_at } : null;
  }

  /**
   * Stores a confirmation once: a second one of the same version by the same user (another phone, or the
   * same tap sent twice under a new id) is answered with the first. One statement, so two sends racing
   * each other still leave one row.
   */
  async confirm(m: EntityManager, c: ConfirmationRecord): Promise<{ stored: ConfirmationRecord; created: boolean }> {
    const inserted: unknown[] = await m.query(
      `INSERT INTO routine_confirmation (id, routine_id, version, user_id, confirmed_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING id`,
      [c.id, c.routineId, c.version, c.userId, c.confirmedAt],
    );
    if (inserted.length > 0) return { stored: c, created: true };
    const rows: Array<{ id: string; confirmed_at: Date }> = await m.query(
      `SELECT id, confirmed_at FROM routine_confirmation WHERE (routine_id, version, user_id) = ($1, $2, $3) OR id = $4 ORDER BY (id = $4) DESC LIMIT 1`,
      [c.routineId, c.version, c.userId, c.id],
    );
    const existing = rows[0] as { id: string; confirmed_at: Date };
    return { stored: { ...c, id: existing.id, confirmedAt: existing.confirmed_at }, created: false };
  }

  /**
   * The staff and unit managers who should read a routine, within the asking principal's scope: those of
   * its unit, or for a municipality-wide routine those of every unit the principal reaches; each with the
   * latest version they confirmed.
   */
  async readers(m: EntityManager, principal: Principal, routine: { id: string; unitId: string | null }): Promise<ReaderRecord[]> {
    const params: unknown[] = [routine.id];
    const bind = positional(params);
    const conditions = [
      `au.municipality_id = ${bind(principal.municipalityId)}`,
      `au.role IN ('staff', 'unit_manager')`,
      unitScopeCondition(principal, 'au.unit_id', bind),
    ];
    if (routine.unitId) conditions.push(`au.unit_id = ${bind(routine.unitId)}`);
    const rows: Array<{ user_id: string; display_name: string; unit_name: string; confirmed_version: number | null; confirmed_at: Date | null }> =
      await m.query(
        `SELECT au.id AS user_id, au.display_name, u.name AS unit_name, c.version AS confirmed_version, c.confirmed_at
       FROM app_user au JOIN unit u ON u.id = au.unit_id
       LEFT JOIN LATERAL (SELECT version, confirmed_at FROM routine_confirmation WHERE routine_id = $1 AND user_id = au.id ORDER BY version DESC LIMIT 1) c ON true
       WHERE ${conditions.join(' AND ')}
       ORDER BY u.name, au.display_name, au.id`,
        params,
      );
    return rows.map((r) => ({
      userId: r.user_id,
      displayName: r.display_name,
      unitName: r.unit_name,
      confirmedVersion: r.confirmed_version,
      confirmedAt: r.confirmed_at,
    }));
  }
}

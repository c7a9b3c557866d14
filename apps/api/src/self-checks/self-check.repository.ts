import type { EntityManager } from 'typeorm';
import type { SelfCheckFrequency, SelfCheckFinding, SelfCheckPerformerRole, TemplateDefinition } from '@hjulet/domain';
import type { OrgPlacement, Principal } from '../auth/principal.js';
import { positional, unitScopeCondition } from '../access/scope.js';

/** A plan as the service sees it, with what its view needs: names, the template, the last check's day. */
export interface PlanRecord extends OrgPlacement {
  id: string;
  unitName: string;
  processId: string | null;
  processName: string | null;
  templateVersionId: string;
  templateTitleSv: string;
  templateTitleEn: string;
  templateVersion: number;
  frequency: SelfCheckFrequency;
  performerRole: SelfCheckPerformerRole | null;
  performerId: string | null;
  performerName: string | null;
  firstDueOn: string;
  active: boolean;
  lastDoneOn: string | null;
}

export interface NewPlan {
  id: string;
  municipalityId: string;
  unitId: string;
  processId: string | null;
  templateVersionId: string;
  frequency: SelfCheckFrequency;
  performerRole: SelfCheckPerformerRole | null;
  performerId: string | null;
  firstDueOn: string;
  createdBy: string;
}

export interface ResultRecord extends OrgPlacement {
  id: string;
  planId: string;
  unitName: string;
  processName: string | null;
  templateVersionId: string;
  answers: Record<string, string | number>;
  completedAt: Date;
  completedOn: string;
  performedBy: string;
  performedByName: string;
}

export interface FindingRecord extends SelfCheckFinding {
  id: string;
  resultId: string;
}

export interface ActionRecord {
  id: string;
  findingId: string;
  what: string;
  ownerId: string;
  ownerName: string;
  dueOn: string;
  status: 'open' | 'done';
  doneAt: Date | null;
}

const SELECT_PLAN = `SELECT p.id, a.municipality_id AS "municipalityId", p.unit_id AS "unitId", u.administration_id AS "administrationId", u.name AS "unitName",
         p.process_id AS "processId", rp.name AS "processName", p.template_version_id AS "templateVersionId", t.title_sv AS "templateTitleSv",
         t.title_en AS "templateTitleEn", tv.version AS "templateVersion", p.frequency, p.performer_role AS "performerRole", p.performer_id AS "performerId",
         pu.display_name AS "performerName", p.first_due_on::text AS "firstDueOn", p.active,
         (SELECT max(r.completed_on)::text FROM self_check_result r WHERE r.plan_id = p.id) AS "lastDoneOn"
  FROM self_check_plan p JOIN unit u ON u.id = p.unit_id JOIN administration a ON a.id = u.administration_id
  JOIN template_version tv ON tv.id = p.template_version_id JOIN checklist_template t ON t.id = tv.template_id
  LEFT JOIN routine_process rp ON rp.id = p.process_id LEFT JOIN app_user pu ON pu.id = p.performer_id`;

const SELECT_RESULT = `SELECT r.id, r.plan_id AS "planId", a.municipality_id AS "municipalityId", r.unit_id AS "unitId", u.administration_id AS "administrationId",
         u.name AS "unitName", rp.name AS "processName", r.template_version_id AS "templateVersionId", r.answers, r.completed_at AS "completedAt",
         r.completed_on::text AS "completedOn", r.performed_by AS "performedBy", pu.display_name AS "performedByName"
  FROM self_check_result r JOIN unit u ON u.id = r.unit_id JOIN administration a ON a.id = u.administration_id
  JOIN app_user pu ON pu.id = r.performed_by LEFT JOIN routine_process rp ON rp.id = r.process_id`;

/** SQL for self-check plans, results, their findings and the actions on them. */
export class SelfCheckRepository {
  async unitPlacement(m: EntityManager, unitId: string): Promise<OrgPlacement | null> {
    const rows: OrgPlacement[] = await m.query(
      `SELECT u.id AS "unitId", u.administration_id AS "administrationId", a.municipality_id AS "municipalityId"
       FROM unit u JOIN administration a ON a.id = u.administration_id WHERE u.id = $1`,
      [unitId],
    );
    return rows[0] ?? null;
  }

  async processMunicipality(m: EntityManager, processId: string): Promise<string | null> {
    const rows: Array<{ municipality_id: string }> = await m.query(`SELECT municipality_id FROM routine_process WHERE id = $1`, [processId]);
    return rows[0]?.municipality_id ?? null;
  }

  /** An active user of the municipality, with their place: a named performer or an action's owner. */
  async user(m: EntityManager, municipalityId: string, userId: string): Promise<{ unitId: string | null; administrationId: string | null } | null> {
    const rows: Array<{ unitId: string | null; administrationId: string | null }> = await m.query(
      `SELECT unit_id AS "unitId", administration_id AS "administrationId" FROM app_user WHERE id = $1 AND municipality_id = $2 AND active`,
      [userId, municipalityId],
    );
    return rows[0] ?? null;
  }

  /**
   * The definitions of template versions, read in the caller's transaction: the embedded database has one
   * connection, so a read through the template service while a transaction holds it would wait for ever.
   */
  async definitions(m: EntityManager, versionIds: readonly string[]): Promise<Map<string, TemplateDefinition>> {
    if (versionIds.length === 0) return new Map();
    const rows: Array<{ id: string; definition: TemplateDefinition }> = await m.query(
      `SELECT id, definition FROM template_version WHERE id = ANY($1::uuid[])`,
      [[...new Set(versionIds)]],
    );
    return new Map(rows.map((r) => [r.id, r.definition]));
  }

  async insertPlan(m: EntityManager, p: NewPlan): Promise<void> {
    await m.query(
      `INSERT INTO self_check_plan (id, municipality_id, unit_id, process_id, template_version_id, frequency, performer_role, performer_id, first_due_on, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [p.id, p.municipalityId, p.unitId, p.processId, p.templateVersionId, p.frequency, p.performerRole, p.performerId, p.firstDueOn, p.createdBy],
    );
  }

  async updatePlan(
    m: EntityManager,
    id: string,
    c: { frequency: SelfCheckFrequency; performerRole: SelfCheckPerformerRole | null; performerId: string | null; firstDueOn: string; active: boolean },
  ): Promise<void> {
    await m.query(`UPDATE self_check_plan SET frequency = $2, performer_role = $3, performer_id = $4, first_due_on = $5, active = $6 WHERE id = $1`, [
      id,
      c.frequency,
      c.performerRole,
      c.performerId,
      c.firstDueOn,
      c.active,
    ]);
  }

  async planById(m: EntityManager, id: string, forUpdate = false): Promise<PlanRecord | null> {
    const rows: PlanRecord[] = await m.query(`${SELECT_PLAN} WHERE p.id = $1${forUpdate ? ' FOR UPDATE OF p' : ''}`, [id]);
    return rows[0] ?? null;
  }

  /** The plans of the principal's scope (canReach as SQL), active first, then by unit and template. */
  async plans(m: EntityManager, principal: Principal, filter: { unitId?: string | null | undefined; first: number }): Promise<PlanRecord[]> {
    const params: unknown[] = [];
    const bind = positional(params);
    const conditions = [`p.municipality_id = ${bind(principal.municipalityId)}`, unitScopeCondition(principal, 'p.unit_id', bind)];
    if (filter.unitId) conditions.push(`p.unit_id = ${bind(filter.unitId)}`);
    return m.query(`${SELECT_PLAN} WHERE ${conditions.join(' AND ')} ORDER BY p.active DESC, u.name, t.title_sv, p.id LIMIT ${bind(filter.first)}`, params);
  }

  /** Stores a result once: false when one with this id is already there. */
  async insertResult(
    m: EntityManager,
    r: Omit<ResultRecord, 'unitName' | 'processName' | 'performedByName' | 'administrationId' | 'municipalityId'> & { processId: string | null },
  ): Promise<boolean> {
    const rows: unknown[] = await m.query(
      `INSERT INTO self_check_result (id, plan_id, unit_id, process_id, template_version_id, answers, completed_at, completed_on, performed_by)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9) ON CONFLICT (id) DO NOTHING RETURNING id`,
      [r.id, r.planId, r.unitId, r.processId, r.templateVersionId, JSON.stringify(r.answers), r.completedAt, r.completedOn, r.performedBy],
    );
    return rows.length > 0;
  }

  async insertFindings(m: EntityManager, findings: readonly FindingRecord[]): Promise<void> {
    for (const f of findings)
      await m.query(`INSERT INTO self_check_finding (id, result_id, item_key, category, severity) VALUES ($1, $2, $3, $4, $5)`, [
        f.id,
        f.resultId,
        f.itemKey,
        f.category,
        f.severity,
      ]);
  }

  async resultById(m: EntityManager, id: string): Promise<ResultRecord | null> {
    const rows: ResultRecord[] = await m.query(`${SELECT_RESULT} WHERE r.id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** Results of the principal's scope, newest first. */
  async results(
    m: EntityManager,
    principal: Principal,
    filter: { planId?: string | null | undefined; unitId?: string | null | undefined; first: number },
  ): Promise<ResultRecord[]> {
    const params: unknown[] = [];
    const bind = positional(params);
    const conditions = [`a.municipality_id = ${bind(principal.municipalityId)}`, unitScopeCondition(principal, 'r.unit_id', bind)];
    if (filter.planId) conditions.push(`r.plan_id = ${bind(filter.planId)}`);
    if (filter.unitId) conditions.push(`r.unit_id = ${bind(filter.unitId)}`);
    return m.query(`${SELECT_RESULT} WHERE ${conditions.join(' AND ')} ORDER BY r.completed_at DESC, r.id LIMIT ${bind(filter.first)}`, params);
  }

  async findingsOf(m: EntityManager, resultIds: readonly string[]): Promise<FindingRecord[]> {
    if (resultIds.length === 0) return [];
    return m.query(
      `SELECT f.id, f.result_id AS "resultId", f.item_key AS "itemKey", f.category, f.severity FROM self_check_finding f
       WHERE f.result_id = ANY($1::uuid[]) ORDER BY f.result_id, f.item_key`,
      [resultIds],
    );
  }

  async actionsOf(m: EntityManager, findingIds: readonly string[]): Promise<ActionRecord[]> {
    if (findingIds.length === 0) return [];
    return m.query(
      `SELECT a.id, a.finding_id AS "findingId", a.what, a.owner_id AS "ownerId", u.display_name AS "ownerName", a.due_on::text AS "dueOn", a.status,
              a.done_at AS "doneAt"
       FROM self_check_action a JOIN app_user u ON u.id = a.owner_id WHERE a.finding_id = ANY($1::uuid[]) ORDER BY a.due_on, a.id`,
      [findingIds],
    );
  }

  /** The result a finding belongs to, or null. */
  async resultOfFinding(m: EntityManager, findingId: string): Promise<string | null> {
    const rows: Array<{ result_id: string }> = await m.query(`SELECT result_id FROM self_check_finding WHERE id = $1`, [findingId]);
    return rows[0]?.result_id ?? null;
  }

  /** An action, locked, with the result it belongs to. */
  async actionById(m: EntityManager, id: string): Promise<{ resultId: string; status: 'open' | 'done' } | null> {
    const rows: Array<{ resultId: string; status: 'open' | 'done' }> = await m.query(
      `SELECT f.result_id AS "resultId", a.status FROM self_check_action a JOIN self_check_finding f ON f.id = a.finding_id WHERE a.id = $1 FOR UPDATE OF a`,
      [id],
    );
    return rows[0] ?? null;
  }

  async insertAction(m: EntityManager, a: { id: string; findingId: string; what: string; ownerId: string; dueOn: string; createdBy: string }): Promise<void> {
    await m.query(`INSERT INTO self_check_action (id, finding_id, what, owner_id, due_on, created_by) VALUES ($1, $2, $3, $4, $5, $6)`, [
      a.id,
      a.findingId,
      a.what,
      a.ownerId,
      a.dueOn,
      a.createdBy,
    ]);
  }

  async completeAction(m: EntityManager, id: string, by: string): Promise<void> {
    await m.query(`UPDATE self_check_action SET status = 'done', done_at = now(), done_by = $2 WHERE id = $1`, [id, by]);
  }
}

import type { DataSource, EntityManager } from 'typeorm';
import type { DeviationKind, DeviationStatus, RiskCause } from '@hjulet/domain';
import type { OrgPlacement, Principal } from '../auth/principal.js';
import { positional, unitScopeCondition } from '../access/scope.js';

/** A deviation as the service sees it, content and all: the service decides what a caller is shown. */
export interface DeviationRecord {
  id: string;
  municipalityId: string;
  municipalityName: string;
  unitId: string;
  unitName: string;
  administrationId: string;
  careRecipientId: string | null;
  recipientReference: string | null;
  kind: DeviationKind;
  lexSarah: boolean;
  occurredAt: Date;
  description: string;
  immediateAction: string | null;
  reportedBy: string;
  deviceId: string | null;
  receivedAt: Date;
  status: DeviationStatus;
  investigateBy: string;
  closeBy: string;
  findings: string | null;
  causes: RiskCause[] | null;
  causeDescription: string | null;
  serious: boolean;
  investigatedAt: Date | null;
  closedAt: Date | null;
}

export interface DeviationActionRecord {
  id: string;
  deviationId: string;
  what: string;
  ownerId: string;
  ownerName: string;
  dueOn: string;
  status: 'open' | 'done';
  doneAt: Date | null;
}

export type NewDeviation = Pick<
  DeviationRecord,
  | 'id'
  | 'municipalityId'
  | 'unitId'
  | 'careRecipientId'
  | 'kind'
  | 'lexSarah'
  | 'occurredAt'
  | 'description'
  | 'immediateAction'
  | 'reportedBy'
  | 'deviceId'
  | 'receivedAt'
  | 'investigateBy'
  | 'closeBy'
>;

export interface DeviationListFilter {
  status?: DeviationStatus | null | undefined;
  unitId?: string | null | undefined;
  lexSarah?: boolean | null | undefined;
  /** Only open cases past the deadline they wait on, on this Swedish day. */
  overdueOn?: string | null | undefined;
  first: number;
}

export interface ReceiverRecord {
  userId: string;
  displayName: string;
  role: string;
  designatedAt: Date;
}

const SELECT_DEVIATION = `SELECT d.id, d.municipality_id, m.name AS municipality_name, d.unit_id, u.name AS unit_name, u.administration_id,
         d.care_recipient_id, cr.reference AS recipient_reference, d.kind, d.lex_sarah, d.occurred_at, d.description, d.immediate_action,
         d.reported_by, d.device_id, d.received_at, d.status, d.investigate_by::text AS investigate_by, d.close_by::text AS close_by,
         d.findings, d.causes, d.cause_description, d.serious, d.investigated_at, d.closed_at
  FROM deviation d JOIN unit u ON u.id = d.unit_id JOIN municipality m ON m.id = d.municipality_id
  LEFT JOIN care_recipient cr ON cr.id = d.care_recipient_id`;

interface Row {
  id: string;
  municipality_id: string;
  municipality_name: string;
  unit_id: string;
  unit_name: string;
  administration_id: string;
  care_recipient_id: string | null;
  recipient_reference: string | null;
  kind: DeviationKind;
  lex_sarah: boolean;
  occurred_at: Date;
  description: string;
  immediate_action: string | null;
  reported_by: string;
  device_id: string | null;
  received_at: Date;
  status: DeviationStatus;
  investigate_by: string;
  close_by: string;
  findings: string | null;
  causes: RiskCause[] | string | null;
  cause_description: string | null;
  serious: boolean;
  investigated_at: Date | null;
  closed_at: Date | null;
}

/** A text[] as node-postgres answers it: an array, or (for some drivers) the literal `{a,b}`. */
const textArray = (value: RiskCause[] | string | null): RiskCause[] | null =>
  value === null
    ? null
    : Array.isArray(value)
      ? value
      : (value
          .replace(/^\{|\}$/g, '')
          .split(',')
          .filter(Boolean) as RiskCause[]);

const toRecord = (r: Row): DeviationRecord => ({
  id: r.id,
  municipalityId: r.municipality_id,
  municipalityName: r.municipality_name,
  unitId: r.unit_id,
  unitName: r.unit_name,
  administrationId: r.administration_id,
  careRecipientId: r.care_recipient_id,
  recipientReference: r.recipient_reference,
  kind: r.kind,
  lexSarah: r.lex_sarah,
  occurredAt: r.occurred_at,
  description: r.description,
  immediateAction: r.immediate_action,
  reportedBy: r.reported_by,
  deviceId: r.device_id,
  receivedAt: r.received_at,
  status: r.status,
  investigateBy: r.investigate_by,
  closeBy: r.close_by,
  findings: r.findings,
  causes: textArray(r.causes),
  causeDescription: r.cause_description,
  serious: r.serious,
  investigatedAt: r.investigated_at,
  closedAt: r.closed_at,
});

/**
 * The deviations a principal sees at all (their existence), as SQL on `deviation d`: staff their own
 * reports, unit managers and coordinators those of the units they reach (canReach), and a designated lex
 * Sarah receiver also every lex Sarah report of the municipality. Whether the content is shown is the
 * service's decision (mayReadDeviationContent).
 */
function visibleCondition(principal: Principal, receiver: boolean, bind: (value: unknown) => string): string {
  const municipality = `d.municipality_id = ${bind(principal.municipalityId)}`;
  const scope = principal.role === 'staff' ? `d.reported_by = ${bind(principal.userId)}` : unitScopeCondition(principal, 'd.unit_id', bind);
  return `${municipality} AND (${scope}${receiver ? ' OR d.lex_sarah' : ''})`;
}

/** SQL for deviations, their actions, and the designated lex Sarah group. */
export class DeviationRepository {
  constructor(private readonly dataSource: DataSource) {}

  async isReceiver(m: EntityManager | null, userId: string): Promise<boolean> {
    const rows: unknown[] = await (m ?? this.dataSource).query(`SELECT 1 FROM lex_sarah_receiver WHERE user_id = $1`, [userId]);
    return rows.length > 0;
  }

  receivers(municipalityId: string): Promise<ReceiverRecord[]> {
    return this.dataSource.query(
      `SELECT r.user_id AS "userId", u.display_name AS "displayName", u.role, r.designated_at AS "designatedAt"
       FROM lex_sarah_receiver r JOIN app_user u ON u.id = r.user_id WHERE r.municipality_id = $1 ORDER BY u.display_name, u.id`,
      [municipalityId],
    );
  }

  async designate(m: EntityManager, municipalityId: string, userId: string, by: string): Promise<boolean> {
    const rows: unknown[] = await m.query(
      `INSERT INTO lex_sarah_receiver (user_id, municipality_id, designated_by) VALUES ($1, $2, $3) ON CONFLICT (user_id) DO NOTHING RETURNING user_id`,
      [userId, municipalityId, by],
    );
    return rows.length > 0;
  }

  async undesignate(m: EntityManager, userId: string): Promise<boolean> {
    const rows: unknown[] = await m.query(`DELETE FROM lex_sarah_receiver WHERE user_id = $1 RETURNING user_id`, [userId]);
    return rows.length > 0;
  }

  /** A user of the municipality, with what decides whether they may receive lex Sarah reports. */
  async user(m: EntityManager, municipalityId: string, userId: string): Promise<{ displayName: string; role: string; active: boolean } | null> {
    const rows: Array<{ display_name: string; role: string | null; active: boolean }> = await m.query(
      `SELECT display_name, role, active FROM app_user WHERE id = $1 AND municipality_id = $2`,
      [userId, municipalityId],
    );
    const r = rows[0];
    return r ? { displayName: r.display_name, role: r.role ?? 'none', active: r.active } : null;
  }

  async unitPlacement(m: EntityManager, unitId: string): Promise<OrgPlacement | null> {
    const rows: Array<{ administration_id: string; municipality_id: string }> = await m.query(
      `SELECT u.administration_id, a.municipality_id FROM unit u JOIN administration a ON a.id = u.administration_id WHERE u.id = $1`,
      [unitId],
    );
    const r = rows[0];
    return r ? { unitId, administrationId: r.administration_id, municipalityId: r.municipality_id } : null;
  }

  async recipientPlacement(m: EntityManager, recipientId: string): Promise<(OrgPlacement & { recipientId: string }) | null> {
    const rows: Array<{ unit_id: string; administration_id: string; municipality_id: string }> = await m.query(
      `SELECT cr.unit_id, u.administration_id, cr.municipality_id FROM care_recipient cr JOIN unit u ON u.id = cr.unit_id WHERE cr.id = $1`,
      [recipientId],
    );
    const r = rows[0];
    return r ? { recipientId, unitId: r.unit_id, administrationId: r.administration_id, municipalityId: r.municipality_id } : null;
  }

  /** Stores a report once: answers false when a report with this id is already there. */
  async insert(m: EntityManager, d: NewDeviation): Promise<boolean> {
    const rows: unknown[] = await m.query(
      `INSERT INTO deviation (id, municipality_id, unit_id, care_recipient_id, kind, lex_sarah, occurred_at, description, immediate_action,
                              reported_by, device_id, received_at, investigate_by, close_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) ON CONFLICT (id) DO NOTHING RETURNING id`,
      [
        d.id,
        d.municipalityId,
        d.unitId,
        d.careRecipientId,
        d.kind,
        d.lexSarah,
        d.occurredAt,
        d.description,
        d.immediateAction,
        d.reportedBy,
        d.deviceId,
        d.receivedAt,
        d.investigateBy,
        d.closeBy,
      ],
    );
    return rows.length > 0;
  }

  async byId(m: EntityManager, id: string, forUpdate = false): Promise<DeviationRecord | null> {
    const rows: Row[] = await m.query(`${SELECT_DEVIATION} WHERE d.id = $1${forUpdate ? ' FOR UPDATE OF d' : ''}`, [id]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async list(m: EntityManager, principal: Principal, receiver: boolean, filter: DeviationListFilter): Promise<DeviationRecord[]> {
    const params: unknown[] = [];
    const bind = positional(params);
    const conditions = [visibleCondition(principal, receiver, bind)];
    if (filter.status) conditions.push(`d.status = ${bind(filter.status)}`);
    if (filter.unitId) conditions.push(`d.unit_id = ${bind(filter.unitId)}`);
    if (filter.lexSarah !== null && filter.lexSarah !== undefined) conditions.push(`d.lex_sarah = ${bind(filter.lexSarah)}`);
    // The SQL form of isDeviationOverdue (packages/domain).
    if (filter.overdueOn) {
      const today = bind(filter.overdueOn);
      conditions.push(`((d.status = 'received' AND d.investigate_by < ${today}::date) OR (d.status = 'investigated' AND d.close_by < ${today}::date))`);
    }
    const rows: Row[] = await m.query(
      `${SELECT_DEVIATION} WHERE ${conditions.join(' AND ')} ORDER BY d.received_at DESC, d.id LIMIT ${bind(filter.first)}`,
      params,
    );
    return rows.map(toRecord);
  }

  async investigate(
    m: EntityManager,
    id: string,
    i: { findings: string; causes: RiskCause[]; causeDescription: string | null; serious: boolean; by: string },
  ): Promise<void> {
    await m.query(
      `UPDATE deviation SET status = 'investigated', findings = $2, causes = $3::text[], cause_description = $4, serious = $5, investigated_by = $6,
              investigated_at = now() WHERE id = $1`,
      [id, i.findings, i.causes, i.causeDescription, i.serious, i.by],
    );
  }

  async close(m: EntityManager, id: string, by: string): Promise<void> {
    await m.query(`UPDATE deviation SET status = 'closed', closed_by = $2, closed_at = now() WHERE id = $1`, [id, by]);
  }

  async insertAction(m: EntityManager, a: { id: string; deviationId: string; what: string; ownerId: string; dueOn: string; createdBy: string }): Promise<void> {
    await m.query(`INSERT INTO deviation_action (id, deviation_id, what, owner_id, due_on, created_by) VALUES ($1, $2, $3, $4, $5, $6)`, [
      a.id,
      a.deviationId,
      a.what,
      a.ownerId,
      a.dueOn,
      a.createdBy,
    ]);
  }

  async actionById(m: EntityManager, id: string): Promise<{ deviationId: string; status: string } | null> {
    const rows: Array<{ deviation_id: string; status: string }> = await m.query(`SELECT deviation_id, status FROM deviation_action WHERE id = $1 FOR UPDATE`, [
      id,
    ]);
    return rows[0] ? { deviationId: rows[0].deviation_id, status: rows[0].status } : null;
  }

  async completeAction(m: EntityManager, id: string): Promise<void> {
    await m.query(`UPDATE deviation_action SET status = 'done', done_at = now() WHERE id = $1`, [id]);
  }

  async actionsOf(m: EntityManager, deviationIds: readonly string[]): Promise<DeviationActionRecord[]> {
    if (deviationIds.length === 0) return [];
    return m.query(
      `SELECT a.id, a.deviation_id AS "deviationId", a.what, a.owner_id AS "ownerId", u.display_name AS "ownerName", a.due_on::text AS "dueOn",
              a.status, a.done_at AS "doneAt"
       FROM deviation_action a JOIN app_user u ON u.id = a.owner_id WHERE a.deviation_id = ANY($1::uuid[]) ORDER BY a.due_on, a.id`,
      [deviationIds],
    );
  }
}

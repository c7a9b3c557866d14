import type { DataSource, EntityManager } from 'typeorm';
import type { FeedbackChannel, FeedbackKind, FeedbackStatus } from '@hjulet/domain';
import type { OrgPlacement, Principal } from '../auth/principal.js';
import { positional, unitScopeCondition } from '../access/scope.js';

/** A case as the service sees it, with where its unit sits (null until it has one). */
export interface FeedbackCaseRecord {
  id: string;
  municipalityId: string;
  caseNumber: string;
  kind: FeedbackKind;
  channel: FeedbackChannel;
  status: FeedbackStatus;
  unitId: string | null;
  unitName: string | null;
  administrationId: string | null;
  message: string;
  contactName: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
  receivedAt: Date;
  dueOn: string;
  findings: string | null;
  answer: string | null;
  answeredAt: Date | null;
}

/** A case to store: the record's own fields, with where it sits in the year's numbering and who wrote it down. */
export type NewFeedbackCase = Pick<
  FeedbackCaseRecord,
  'id' | 'municipalityId' | 'caseNumber' | 'kind' | 'channel' | 'unitId' | 'message' | 'contactName' | 'contactEmail' | 'contactPhone' | 'receivedAt' | 'dueOn'
> & { year: number; sequence: number; registeredBy: string | null };

export interface FeedbackListFilter {
  status?: FeedbackStatus | null | undefined;
  unitId?: string | null | undefined;
  /** Only cases open after their deadline on `today`. */
  overdueOn?: string | null | undefined;
  first: number;
}

interface CaseRow {
  id: string;
  municipality_id: string;
  case_number: string;
  kind: FeedbackKind;
  channel: FeedbackChannel;
  status: FeedbackStatus;
  unit_id: string | null;
  unit_name: string | null;
  administration_id: string | null;
  message: string;
  contact_name: string | null;
  contact_email: string | null;
  contact_phone: string | null;
  received_at: Date;
  due_on: string;
  findings: string | null;
  answer: string | null;
  answered_at: Date | null;
}

const SELECT_CASE = `SELECT fc.id, fc.municipality_id, fc.case_number, fc.kind, fc.channel, fc.status, fc.unit_id, u.name AS unit_name,
         u.administration_id, fc.message, fc.contact_name, fc.contact_email, fc.contact_phone, fc.received_at, fc.due_on::text AS due_on,
         fc.findings, fc.answer, fc.answered_at
  FROM feedback_case fc LEFT JOIN unit u ON u.id = fc.unit_id`;

const toRecord = (r: CaseRow): FeedbackCaseRecord => ({
  id: r.id,
  municipalityId: r.municipality_id,
  caseNumber: r.case_number,
  kind: r.kind,
  channel: r.channel,
  status: r.status,
  unitId: r.unit_id,
  unitName: r.unit_name,
  administrationId: r.administration_id,
  message: r.message,
  contactName: r.contact_name,
  contactEmail: r.contact_email,
  contactPhone: r.contact_phone,
  receivedAt: r.received_at,
  dueOn: r.due_on,
  findings: r.findings,
  answer: r.answer,
  answeredAt: r.answered_at,
});

/**
 * The cases a principal sees, as SQL on `feedback_case fc`: staff and unit managers their unit's, a
 * coordinator their administration's units' and the municipality's cases without a unit (someone must
 * route those), an admin the whole municipality's.
 */
function caseScopeCondition(principal: Principal, bind: (value: unknown) => string): string {
  const municipality = `fc.municipality_id = ${bind(principal.municipalityId)}`;
  switch (principal.role) {
    case 'staff':
    case 'unit_manager':
      return `${municipality} AND ${unitScopeCondition(principal, 'fc.unit_id', bind)}`;
    case 'quality_coordinator':
      return `${municipality} AND (fc.unit_id IS NULL OR ${unitScopeCondition(principal, 'fc.unit_id', bind)})`;
    case 'admin':
      return municipality;
  }
}

/** SQL for feedback: municipalities and units as the public form names them, the counter, the cases. */
export class FeedbackRepository {
  constructor(private readonly dataSource: DataSource) {}

  async municipalityByCode(kommunkod: string): Promise<string | null> {
    const rows: Array<{ id: string }> = await this.dataSource.query(`SELECT id FROM municipality WHERE kommunkod = $1`, [kommunkod]);
    return rows[0]?.id ?? null;
  }

  /** Every unit of the municipality, by name: not personal data, so the public form may list them. */
  unitsOf(municipalityId: string): Promise<Array<{ id: string; name: string }>> {
    return this.dataSource.query(
      `SELECT u.id, u.name FROM unit u JOIN administration a ON a.id = u.administration_id WHERE a.municipality_id = $1 ORDER BY u.name, u.id`,
      [municipalityId],
    );
  }

  /** Where a unit sits, when it is one of the municipality's. */
  async unitIn(municipalityId: string, unitId: string, m: EntityManager): Promise<OrgPlacement | null> {
    const rows: Array<{ administration_id: string }> = await m.query(
      `SELECT u.administration_id FROM unit u JOIN administration a ON a.id = u.administration_id WHERE u.id = $1 AND a.municipality_id = $2`,
      [unitId, municipalityId],
    );
    return rows[0] ? { unitId, administrationId: rows[0].administration_id, municipalityId } : null;
  }

  /**
   * The next case number's sequence for the municipality and year, taken in the caller's transaction: the
   * row stays locked until it commits, so two submissions never get the same number, and a rolled-back one
   * gives its number back before anyone saw it.
   */
  async nextSequence(m: EntityManager, municipalityId: string, year: number): Promise<number> {
    const rows: Array<{ last_value: number }> = await m.query(
      `INSERT INTO feedback_counter (municipality_id, year, last_value) VALUES ($1, $2, 1)
       ON CONFLICT (municipality_id, year) DO UPDATE SET last_value = feedback_counter.last_value + 1
       RETURNING last_value`,
      [municipalityId, year],
    );
    return Number(rows[0]?.last_value);
  }

  async insert(m: EntityManager, c: NewFeedbackCase): Promise<void> {
    await m.query(
      `INSERT INTO feedback_case (id, municipality_id, year, sequence, case_number, kind, channel, unit_id, message, contact_name, contact_email,
                                  contact_phone, received_at, due_on, registered_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
      [
        c.id,
        c.municipalityId,
        c.year,
        c.sequence,
        c.caseNumber,
        c.kind,
        c.channel,
        c.unitId,
        c.message,
        c.contactName,
        c.contactEmail,
        c.contactPhone,
        c.receivedAt,
        c.dueOn,
        c.registeredBy,
      ],
    );
  }

  /** A case, locked for the change the caller's transaction is about to make. */
  async caseForUpdate(m: EntityManager, id: string): Promise<FeedbackCaseRecord | null> {
    const rows: CaseRow[] = await m.query(`${SELECT_CASE} WHERE fc.id = $1 FOR UPDATE OF fc`, [id]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async caseById(m: EntityManager, id: string): Promise<FeedbackCaseRecord | null> {
    const rows: CaseRow[] = await m.query(`${SELECT_CASE} WHERE fc.id = $1`, [id]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async route(m: EntityManager, id: string, unitId: string): Promise<void> {
    await m.query(`UPDATE feedback_case SET unit_id = $2, status = 'investigating' WHERE id = $1`, [id, unitId]);
  }

  async answer(m: EntityManager, id: string, answer: { answer: string; findings: string; answeredBy: string }): Promise<void> {
    await m.query(`UPDATE feedback_case SET status = 'answered', answer = $2, findings = $3, answered_by = $4, answered_at = now() WHERE id = $1`, [
      id,
      answer.answer,
      answer.findings,
      answer.answeredBy,
    ]);
  }

  /** The principal's cases, newest first. */
  async list(m: EntityManager, principal: Principal, filter: FeedbackListFilter): Promise<FeedbackCaseRecord[]> {
    const params: unknown[] = [];
    const bind = positional(params);
    const conditions = [caseScopeCondition(principal, bind)];
    if (filter.status) conditions.push(`fc.status = ${bind(filter.status)}`);
    if (filter.unitId) conditions.push(`fc.unit_id = ${bind(filter.unitId)}`);
    // The SQL form of isFeedbackOverdue (packages/domain), so the page holds only overdue cases.
    if (filter.overdueOn) conditions.push(`fc.status <> 'answered' AND fc.due_on < ${bind(filter.overdueOn)}::date`);
    const rows: CaseRow[] = await m.query(
      `${SELECT_CASE} WHERE ${conditions.join(' AND ')} ORDER BY fc.received_at DESC, fc.id LIMIT ${bind(filter.first)}`,
      params,
    );
    return rows.map(toRecord);
  }
}

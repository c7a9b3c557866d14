import type { DataSource, EntityManager } from 'typeorm';
import type { AuditSource } from '../audit/audit.service.js';
import { auditInsertSql } from '../audit/audit-insert.js';
import type { Principal } from '../auth/principal.js';
import { positional, unitScopeCondition } from '../access/scope.js';
import { CareRecipient } from '../recipients/care-recipient.entity.js';
import { Unit } from '../organisation/organisation.entities.js';
import type { PreparedReview, RecipientPlacement } from './review-submission.js';
import { REVIEW_COLUMNS, reviewFromRow, riskFromRow, type ReviewRecord, type RiskRecord } from './review.records.js';
import { SAVE_FINISHED, saveFinishedParams, storedRisks } from './save-finished.sql.js';

export interface SavedReview {
  review: ReviewRecord;
  /** False when an offered or in-progress review with the same client id was finished by this batch. */
  inserted: boolean;
  /** Its stored risks, in the order `risksByReviewIds` reads them. */
  risks: RiskRecord[];
}

export interface ExistingReview {
  review: ReviewRecord;
  /** What the phone sent when it finished the review; null for reviews stored before fingerprints. */
  fingerprint: string | null;
  administrationId: string;
  municipalityId: string;
}

export interface ReviewPageRow {
  review: ReviewRecord;
  recipient: CareRecipient;
  unit: Unit;
}

export interface ReviewPageQuery {
  principal: Principal;
  unitId?: string | null | undefined;
  recipientId?: string | null | undefined;
  from?: string | undefined;
  to?: string | undefined;
  after?: { offeredAt: Date; id: string } | undefined;
  first: number;
}

// A review with where it sits in the organisation, for scope checks.
const EXISTING_SELECT = `SELECT ${REVIEW_COLUMNS}, r.submission_fingerprint, u.administration_id, a.municipality_id
  FROM review r JOIN unit u ON u.id = r.unit_id JOIN administration a ON a.id = u.administration_id`;

const existingFromRow = (row: Record<string, unknown>): ExistingReview => ({
  review: reviewFromRow(row),
  fingerprint: row['submission_fingerprint'] as string | null,
  administrationId: row['administration_id'] as string,
  municipalityId: row['municipality_id'] as string,
});

/** SQL for reviews. Batch writes are single statements, so a batch is atomic without a transaction. */
export class ReviewRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Where each recipient is, for the scope check of a whole batch in one query. */
  async placements(recipientIds: string[]): Promise<Map<string, RecipientPlacement>> {
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT cr.id, cr.unit_id, cr.area_id, cr.active, u.administration_id, cr.municipality_id
       FROM care_recipient cr JOIN unit u ON u.id = cr.unit_id WHERE cr.id = ANY($1::uuid[])`,
      [recipientIds],
    );
    return new Map(
      rows.map((r) => [
        r['id'] as string,
        {
          unitId: r['unit_id'] as string,
          areaId: r['area_id'] as string,
          active: r['active'] as boolean,
          administrationId: r['administration_id'] as string,
          municipalityId: r['municipality_id'] as string,
        },
      ]),
    );
  }

  /**
   * Stores finished reviews, their risks, agreed actions and audit rows in ONE statement. A client id
   * already stored as completed or declined is left alone (and not returned); one still offered or in
   * progress for the same recipient is finished. Every part is stored or the statement fails: an agreed
   * action whose client id exists already is a unique violation, never silently skipped.
   * Answers a saved review with its stored risks (what the risks loader would read next), and without
   * echoing the answers, which are the ones given.
   */
  async saveFinished(source: AuditSource & { principal: Principal }, reviews: PreparedReview[], manager: EntityManager = this.dataSource.manager): Promise<SavedReview[]> {
    if (reviews.length === 0) return [];
    const rows: Array<Record<string, unknown>> = await manager.query(SAVE_FINISHED, saveFinishedParams(source, reviews));
    const given = new Map(reviews.map((r) => [r.clientId, r]));
    return rows.map((row) => {
      const prepared = given.get(row['client_id'] as string) as PreparedReview;
      const review = reviewFromRow({ ...row, answers: prepared.answers });
      return { review, inserted: row['inserted'] as boolean, risks: storedRisks(review, prepared, row['risks'] as Array<[string, string]> | null) };
    });
  }

  /** Reviews by client id, with where they sit, to answer for those a batch did not (re)write. */
  async byClientIds(clientIds: string[], manager: EntityManager = this.dataSource.manager): Promise<ExistingReview[]> {
    if (clientIds.length === 0) return [];
    const rows: Array<Record<string, unknown>> = await manager.query(
      `${EXISTING_SELECT} WHERE r.client_id = ANY($1::uuid[])`,
      [clientIds],
    );
    return rows.map(existingFromRow);
  }

  /** Which of these agreed-action client ids are stored already. */
  async storedActionClientIds(clientIds: string[], manager: EntityManager = this.dataSource.manager): Promise<Set<string>> {
    if (clientIds.length === 0) return new Set();
    const rows: Array<{ client_id: string }> = await manager.query(`SELECT client_id FROM follow_up_action WHERE client_id = ANY($1::uuid[])`, [clientIds]);
    return new Set(rows.map((r) => r.client_id));
  }

  async risksByReviewIds(reviewIds: readonly string[]): Promise<RiskRecord[]> {
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT id, review_id, item_key, category, severity, reportable, found_at FROM identified_risk
       WHERE review_id = ANY($1::uuid[]) ORDER BY review_id, item_key`,
      [reviewIds],
    );
    return rows.map(riskFromRow);
  }

  /**
   * One page of reviews in the caller's scope, newest offered first, with each review's recipient and
   * unit; the read is audited by the same statement, one audit row per review returned.
   */
  async page(q: ReviewPageQuery, source: AuditSource): Promise<ReviewPageRow[]> {
    const params: unknown[] = [];
    const bind = positional(params);
    const where = [unitScopeCondition(q.principal, 'r.unit_id', bind)];
    if (q.unitId) where.push(`r.unit_id = ${bind(q.unitId)}`);
    if (q.recipientId) where.push(`r.recipient_id = ${bind(q.recipientId)}`);
    if (q.from) where.push(`r.offered_at >= ${bind(q.from)}::date`);
    if (q.to) where.push(`r.offered_at < ${bind(q.to)}::date`);
    if (q.after) where.push(`(r.offered_at, r.id) < (${bind(q.after.offeredAt.toISOString())}::timestamptz, ${bind(q.after.id)}::uuid)`);
    const limit = bind(q.first + 1);
    const shown = bind(q.first);
    const actor = { actorId: bind(source.principal?.userId ?? null), actorRole: bind(source.principal?.role ?? null), requestId: bind(source.requestId) };

    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `WITH page AS (
         SELECT ${REVIEW_COLUMNS},
                cr.municipality_id AS cr_municipality_id, cr.reference AS cr_reference, cr.unit_id AS cr_unit_id,
                cr.area_id AS cr_area_id, cr.housing_type AS cr_housing_type, cr.ordinary_housing AS cr_ordinary_housing,
                cr.address AS cr_address, cr.active AS cr_active, cr.created_at AS cr_created_at,
                u.name AS u_name, u.administration_id AS u_administration_id
         FROM review r
         JOIN care_recipient cr ON cr.id = r.recipient_id
         JOIN unit u ON u.id = r.unit_id
         WHERE ${where.join(' AND ')}
         ORDER BY r.offered_at DESC, r.id DESC
         LIMIT ${limit}
       ), audit AS (
         ${auditInsertSql(
           actor,
           `SELECT 'read' AS action, 'review' AS entity_type, p.id::text AS entity_id, p.recipient_id AS care_recipient_id, NULL::jsonb AS details
            FROM (SELECT id, recipient_id FROM page ORDER BY offered_at DESC, id DESC LIMIT ${shown}) p`,
         )}
       )
       SELECT * FROM page ORDER BY offered_at DESC, id DESC`,
      params,
    );
    return rows.map((row) => ({
      review: reviewFromRow(row),
      recipient: Object.assign(new CareRecipient(), {
        id: row['recipient_id'] as string,
        municipalityId: row['cr_municipality_id'] as string,
        reference: row['cr_reference'] as string,
        unitId: row['cr_unit_id'] as string,
        areaId: row['cr_area_id'] as string,
        housingType: row['cr_housing_type'] as CareRecipient['housingType'],
        ordinaryHousing: row['cr_ordinary_housing'] as boolean,
        address: row['cr_address'] as string | null,
        active: row['cr_active'] as boolean,
        createdAt: new Date(row['cr_created_at'] as string),
      }),
      unit: Object.assign(new Unit(), {
        id: row['unit_id'] as string,
        name: row['u_name'] as string,
        administrationId: row['u_administration_id'] as string,
      }),
    }));
  }

  async byId(id: string): Promise<ExistingReview | null> {
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `${EXISTING_SELECT} WHERE r.id = $1`,
      [id],
    );
    return rows[0] ? existingFromRow(rows[0]) : null;
  }
}

import type { DataSource, EntityManager } from 'typeorm';
import type { AuditSource } from '../audit/audit.service.js';
import { auditInsertSql } from '../audit/audit-insert.js';
import type { Principal } from '../auth/principal.js';
import { positional, unitScopeCondition } from '../access/scope.js';
import { CareRecipient } from '../recipients/care-recipient.entity.js';
import { Unit } from '../organisation/organisation.entities.js';
import type { PreparedReview, RecipientPlacement } from './review-submission.js';
import { REVIEW_COLUMNS, reviewFromRow, riskFromRow, type ReviewColumns, type ReviewRecord, type RiskColumns, type RiskRecord } from './review.records.js';
import { queryRow, queryRows } from '../shared/sql.js';
import type { Answers } from '@hjulet/domain';
import { SAVE_FINISHED, saveFinishedParams, storedRisks, type SaveOptions } from './save-finished.sql.js';

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

/** A result a phone discarded (discardResult), as stored. */
export interface DiscardedResultRecord {
  clientId: string;
  kind: 'review' | 'action_closing';
  recipientId: string | null;
  actionId: string | null;
  reason: string;
  refusalCode: string | null;
  discardedById: string;
  discardedAt: Date;
}

interface DiscardedColumns {
  client_id: string;
  kind: DiscardedResultRecord['kind'];
  recipient_id: string | null;
  action_id: string | null;
  reason: string;
  refusal_code: string | null;
  discarded_by: string;
  discarded_at: Date | string;
}

const DISCARDED_COLUMNS = 'client_id, kind, recipient_id, action_id, reason, refusal_code, discarded_by, discarded_at';

const discardedFromRow = (row: DiscardedColumns): DiscardedResultRecord => ({
  clientId: row.client_id,
  kind: row.kind,
  recipientId: row.recipient_id,
  actionId: row.action_id,
  reason: row.reason,
  refusalCode: row.refusal_code,
  discardedById: row.discarded_by,
  discardedAt: new Date(row.discarded_at),
});

// A review with where it sits in the organisation, for scope checks.
const EXISTING_SELECT = `SELECT ${REVIEW_COLUMNS}, r.submission_fingerprint, u.administration_id, a.municipality_id
  FROM review r JOIN unit u ON u.id = r.unit_id JOIN administration a ON a.id = u.administration_id`;

interface ExistingColumns extends ReviewColumns {
  submission_fingerprint: string | null;
  administration_id: string;
  municipality_id: string;
}

const existingFromRow = (row: ExistingColumns): ExistingReview => ({
  review: reviewFromRow(row),
  fingerprint: row.submission_fingerprint,
  administrationId: row.administration_id,
  municipalityId: row.municipality_id,
});

interface PlacementColumns {
  id: string;
  unit_id: string;
  area_id: string;
  active: boolean;
  administration_id: string;
  municipality_id: string;
}

/** A row of SAVE_FINISHED: the review without its answers (the ones given), and its stored risks. */
type SavedColumns = Omit<ReviewColumns, 'answers'> & { inserted: boolean; risks: Array<[string, string]> | null };

/** A row of the review page: the review, its recipient (`cr_`) and unit (`u_`). */
interface PageColumns extends ReviewColumns {
  cr_municipality_id: string;
  cr_reference: string;
  cr_unit_id: string;
  cr_area_id: string;
  cr_housing_type: CareRecipient['housingType'];
  cr_ordinary_housing: boolean;
  cr_address: string | null;
  cr_active: boolean;
  cr_created_at: Date | string;
  u_name: string;
  u_administration_id: string;
}

/** SQL for reviews. Batch writes are single statements, so a batch is atomic without a transaction. */
export class ReviewRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Where each recipient is, for the scope check of a whole batch in one query. */
  async placements(recipientIds: string[]): Promise<Map<string, RecipientPlacement>> {
    const rows = await queryRows<PlacementColumns>(
      this.dataSource,
      `SELECT cr.id, cr.unit_id, cr.area_id, cr.active, u.administration_id, cr.municipality_id
       FROM care_recipient cr JOIN unit u ON u.id = cr.unit_id WHERE cr.id = ANY($1::uuid[])`,
      [recipientIds],
    );
    return new Map(
      rows.map((r) => [
        r.id,
        { unitId: r.unit_id, areaId: r.area_id, active: r.active, administrationId: r.administration_id, municipalityId: r.municipality_id },
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
  async saveFinished(
    source: AuditSource & { principal: Principal },
    reviews: PreparedReview[],
    manager: EntityManager = this.dataSource.manager,
    options?: SaveOptions,
  ): Promise<SavedReview[]> {
    if (reviews.length === 0) return [];
    const rows = await queryRows<SavedColumns>(manager, SAVE_FINISHED, saveFinishedParams(source, reviews, options));
    // A review offered by another request while this statement ran (its client id claimed after this statement
    // looked) was skipped, not finished: once more, now that the offer is seen. ON CONFLICT DO UPDATE did this in
    // one statement before reviews were partitioned, which no longer allows a unique client id.
    const returned = new Set(rows.map((row) => row.client_id));
    const skipped = reviews.filter((r) => !returned.has(r.clientId));
    if (skipped.length > 0) {
      const open = await this.openClientIds(
        skipped.map((r) => r.clientId),
        manager,
      );
      const again = skipped.filter((r) => open.has(r.clientId));
      if (again.length > 0) rows.push(...(await queryRows<SavedColumns>(manager, SAVE_FINISHED, saveFinishedParams(source, again, options))));
    }
    const given = new Map(reviews.map((r) => [r.clientId, r]));
    return rows.map((row) => {
      const prepared = given.get(row.client_id) as PreparedReview;
      const review = reviewFromRow({ ...row, answers: prepared.answers });
      return { review, inserted: row.inserted, risks: storedRisks(review, prepared, row.risks) };
    });
  }

  /** Which of these client ids are stored as a review still offered or in progress. */
  private async openClientIds(clientIds: string[], manager: EntityManager): Promise<Set<string>> {
    const rows: Array<{ client_id: string }> = await manager.query(
      `SELECT rc.client_id FROM review_receipt rc JOIN review r ON r.id = rc.review_id AND r.offered_at = rc.offered_at
       WHERE rc.client_id = ANY($1::uuid[]) AND r.status IN ('offered', 'in_progress')`,
      [clientIds],
    );
    return new Set(rows.map((r) => r.client_id));
  }

  /**
   * Records an offer; null when the client id is stored already (a retry, or another review's id: the
   * service reads it and tells the two apart, so nothing is skipped silently).
   */
  async insertOffered(
    manager: EntityManager,
    offer: {
      clientId: string;
      deviceId?: string | null | undefined;
      recipientId: string;
      unitId: string;
      areaId: string;
      templateVersionId: string;
      performedById: string;
      offeredAt?: Date | null | undefined;
    },
  ): Promise<ReviewRecord | null> {
    const rows = await queryRows<ReviewColumns>(
      manager,
      // A client id stored already is skipped (its claim in review_receipt, migration 1765190000000).
      `INSERT INTO review AS r (id, client_id, device_id, recipient_id, unit_id, area_id, template_version_id, status, performed_by, offered_at)
       VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6, 'offered', $7, coalesce($8::timestamptz, now()))
       RETURNING ${REVIEW_COLUMNS}`,
      [
        offer.clientId,
        offer.deviceId ?? null,
        offer.recipientId,
        offer.unitId,
        offer.areaId,
        offer.templateVersionId,
        offer.performedById,
        offer.offeredAt?.toISOString() ?? null,
      ],
    );
    return rows[0] ? reviewFromRow(rows[0]) : null;
  }

  /** Saves draft answers of a review still offered or in progress; null when it was finished meanwhile. */
  async saveDraftAnswers(manager: EntityManager, reviewId: string, answers: Answers): Promise<ReviewRecord | null> {
    // TypeORM answers an UPDATE with [rows, affected count].
    const [rows]: [ReviewColumns[], number] = await manager.query(
      `UPDATE review r SET answers = $2, status = 'in_progress', updated_at = now(), received_at = now()
       WHERE id = $1 AND status IN ('offered', 'in_progress') RETURNING ${REVIEW_COLUMNS}`,
      [reviewId, JSON.stringify(answers)],
    );
    return rows[0] ? reviewFromRow(rows[0]) : null;
  }

  /** Reviews by client id, with where they sit, to answer for those a batch did not (re)write. */
  async byClientIds(clientIds: string[], manager: EntityManager = this.dataSource.manager): Promise<ExistingReview[]> {
    if (clientIds.length === 0) return [];
    // Through the receipts: a client id is kept once there, with its review's month (migration 1765190000000).
    const rows = await queryRows<ExistingColumns>(
      manager,
      `${EXISTING_SELECT} JOIN review_receipt rc ON rc.review_id = r.id AND rc.offered_at = r.offered_at WHERE rc.client_id = ANY($1::uuid[])`,
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
    const rows = await queryRows<RiskColumns>(
      this.dataSource,
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

    const rows = await queryRows<PageColumns>(
      this.dataSource,
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
        id: row.recipient_id,
        municipalityId: row.cr_municipality_id,
        reference: row.cr_reference,
        unitId: row.cr_unit_id,
        areaId: row.cr_area_id,
        housingType: row.cr_housing_type,
        ordinaryHousing: row.cr_ordinary_housing,
        address: row.cr_address,
        active: row.cr_active,
        createdAt: new Date(row.cr_created_at),
      }),
      unit: Object.assign(new Unit(), {
        id: row.unit_id,
        name: row.u_name,
        administrationId: row.u_administration_id,
      }),
    }));
  }

  /** Records a discarded result; null when its client id is recorded already (the service tells a retry from a conflict). */
  async insertDiscard(manager: EntityManager, row: Omit<DiscardedResultRecord, 'discardedAt'>): Promise<DiscardedResultRecord | null> {
    const rows = await queryRows<DiscardedColumns>(
      manager,
      `INSERT INTO discarded_result (client_id, kind, recipient_id, action_id, reason, refusal_code, discarded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (client_id) DO NOTHING RETURNING ${DISCARDED_COLUMNS}`,
      [row.clientId, row.kind, row.recipientId, row.actionId, row.reason, row.refusalCode, row.discardedById],
    );
    return rows[0] ? discardedFromRow(rows[0]) : null;
  }

  async discardByClientId(clientId: string): Promise<DiscardedResultRecord | null> {
    const row = await queryRow<DiscardedColumns>(this.dataSource, `SELECT ${DISCARDED_COLUMNS} FROM discarded_result WHERE client_id = $1`, [clientId]);
    return row ? discardedFromRow(row) : null;
  }

  async byId(id: string): Promise<ExistingReview | null> {
    const row = await queryRow<ExistingColumns>(this.dataSource, `${EXISTING_SELECT} WHERE r.id = $1`, [id]);
    return row ? existingFromRow(row) : null;
  }
}

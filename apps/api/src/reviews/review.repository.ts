import type { DataSource, EntityManager } from 'typeorm';
import type { AuditSource } from '../audit/audit.service.js';
import { auditInsertSql } from '../audit/audit-insert.js';
import type { Principal } from '../auth/principal.js';
import { positional, unitScopeCondition } from '../access/scope.js';
import { CareRecipient } from '../recipients/care-recipient.entity.js';
import { Unit } from '../organisation/organisation.entities.js';
import type { PreparedReview, RecipientPlacement } from './review-submission.js';
import { REVIEW_COLUMNS, reviewFromRow, riskFromRow, type ReviewRecord, type RiskRecord } from './review.records.js';

export interface SavedReview {
  review: ReviewRecord;
  /** False when an offered or in-progress review with the same client id was finished by this batch. */
  inserted: boolean;
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
   */
  async saveFinished(source: AuditSource & { principal: Principal }, reviews: PreparedReview[], manager: EntityManager = this.dataSource.manager): Promise<SavedReview[]> {
    if (reviews.length === 0) return [];
    const risks = reviews.flatMap((r) => r.risks.map((k) => ({ clientId: r.clientId, ...k })));
    const actions = reviews.flatMap((r) => r.actions.map((a) => ({ reviewClientId: r.clientId, ...a })));
    const params: unknown[] = [
      source.principal.userId,
      reviews.map((r) => r.clientId),
      reviews.map((r) => r.deviceId),
      reviews.map((r) => r.recipientId),
      reviews.map((r) => r.unitId),
      reviews.map((r) => r.areaId),
      reviews.map((r) => r.templateVersionId),
      reviews.map((r) => r.status),
      reviews.map((r) => r.declineReason),
      reviews.map((r) => JSON.stringify(r.answers)),
      reviews.map((r) => r.consentToShare),
      reviews.map((r) => r.offeredAt.toISOString()),
      reviews.map((r) => r.performedAt.toISOString()),
      risks.map((k) => k.clientId),
      risks.map((k) => k.itemKey),
      risks.map((k) => k.category),
      risks.map((k) => k.severity),
      risks.map((k) => k.reportableToFireService),
      actions.map((a) => a.reviewClientId),
      actions.map((a) => a.clientId),
      actions.map((a) => a.itemKey ?? null),
      actions.map((a) => a.what),
      actions.map((a) => a.actor),
      actions.map((a) => a.dueDate ?? null),
      actions.map((a) => a.status),
      source.principal.role,
      source.requestId,
      reviews.map((r) => r.fingerprint),
    ];
    const rows: Array<Record<string, unknown>> = await manager.query(
      `WITH input AS (
         SELECT * FROM unnest($2::uuid[], $3::text[], $4::uuid[], $5::uuid[], $6::uuid[], $7::uuid[], $8::text[], $9::text[],
                              $10::jsonb[], $11::boolean[], $12::timestamptz[], $13::timestamptz[], $28::text[])
           AS t(client_id, device_id, recipient_id, unit_id, area_id, template_version_id, status, decline_reason,
                answers, consent, offered_at, performed_at, fingerprint)
       ), saved AS (
         INSERT INTO review AS r (id, client_id, device_id, recipient_id, unit_id, area_id, template_version_id, status,
                                  decline_reason, answers, consent_to_share, performed_by, offered_at, performed_at,
                                  submission_fingerprint)
         SELECT gen_random_uuid(), client_id, device_id, recipient_id, unit_id, area_id, template_version_id, status,
                decline_reason, answers, consent, $1::uuid, offered_at, performed_at, fingerprint
         FROM input
         ON CONFLICT (client_id) DO UPDATE SET
           status = EXCLUDED.status, decline_reason = EXCLUDED.decline_reason, answers = EXCLUDED.answers,
           consent_to_share = EXCLUDED.consent_to_share, performed_at = EXCLUDED.performed_at,
           template_version_id = EXCLUDED.template_version_id, performed_by = EXCLUDED.performed_by,
           submission_fingerprint = EXCLUDED.submission_fingerprint,
           device_id = coalesce(EXCLUDED.device_id, r.device_id), received_at = now(), updated_at = now()
         WHERE r.status IN ('offered', 'in_progress') AND r.recipient_id = EXCLUDED.recipient_id
         RETURNING ${REVIEW_COLUMNS}, (xmax = 0) AS inserted
       ), risks AS (
         INSERT INTO identified_risk (id, review_id, item_key, category, severity, reportable, found_at)
         SELECT gen_random_uuid(), s.id, k.item_key, k.category, k.severity, k.reportable, s.performed_at
         FROM unnest($14::uuid[], $15::text[], $16::text[], $17::text[], $18::boolean[])
           AS k(client_id, item_key, category, severity, reportable)
         JOIN saved s ON s.client_id = k.client_id
         RETURNING id, review_id, item_key
       ), actions AS (
         INSERT INTO follow_up_action (id, client_id, review_id, risk_id, unit_id, what, actor, due_date, status,
                                       closed_by, closed_at, created_by)
         SELECT gen_random_uuid(), a.client_id, s.id, rk.id, s.unit_id, a.what, a.actor, a.due_date, a.status,
                CASE WHEN a.status = 'open' THEN NULL ELSE $1::uuid END,
                CASE WHEN a.status = 'open' THEN NULL ELSE s.performed_at END, $1::uuid
         FROM unnest($19::uuid[], $20::uuid[], $21::text[], $22::text[], $23::text[], $24::date[], $25::text[])
           AS a(review_client_id, client_id, item_key, what, actor, due_date, status)
         JOIN saved s ON s.client_id = a.review_client_id
         LEFT JOIN risks rk ON rk.review_id = s.id AND rk.item_key = a.item_key
         RETURNING id
       ), audit AS (
         INSERT INTO audit_event (actor_id, actor_role, request_id, action, entity_type, entity_id, care_recipient_id, details)
         SELECT $1::uuid, $26, $27, CASE WHEN s.inserted THEN 'create' ELSE 'update' END,
                'review', s.id::text, s.recipient_id,
                jsonb_build_object('status', s.status, 'clientId', s.client_id, 'via', 'submitReviews')
         FROM saved s
       )
       SELECT * FROM saved`,
      params,
    );
    return rows.map((row) => ({ review: reviewFromRow(row), inserted: row['inserted'] as boolean }));
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

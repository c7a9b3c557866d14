import type { AuditSource } from '../audit/audit.service.js';
import { auditInsertSql } from '../audit/audit-insert.js';
import type { Principal } from '../auth/principal.js';
import type { PreparedReview } from './review-submission.js';
import { REVIEW_COLUMNS, type ReviewRecord, type RiskRecord } from './review.records.js';
import { REFERRAL_SUBSCRIBERS } from '../webhooks/referral-subscribers.sql.js';

/*
 * The one statement that stores a batch of finished reviews (see ReviewRepository.saveFinished). Columns
 * go in as arrays, one per column, built in one pass; the answers as ONE jsonb array, which the driver
 * sends as it is instead of escaping 500 JSON texts into an array literal. A saved review comes back with
 * its stored risks as [id, item_key] pairs in the order `risksByReviewIds` reads them, so answering the
 * batch needs no further query; the answers are not echoed back, they are the ones given.
 * An agreed action is owned by the staff member who agreed it with the client, so it is on their list
 * ("Mina åtgärder") at once; when the performer works in another unit than the review's (an owner must be
 * one of the action's unit), it is left to the unit, unowned, for its manager to assign.
 */

// Everything `reviewFromRow` reads but the answers.
const SAVED_COLUMNS = REVIEW_COLUMNS.split(',')
  .map((column) => column.trim())
  .filter((column) => column !== 'r.answers')
  .join(', ');

/** The error SAVE_FINISHED answers, sent without the outbox, when the outbox was needed (invalid_text_representation). */
const OUTBOX_NEEDED = '22P02';
const OUTBOX_NEEDED_TEXT = 'webhook outbox needed for review';

/** Whether a database error is SAVE_FINISHED refusing to store, without the outbox, referrals an endpoint awaits. */
export const isOutboxNeeded = (error: unknown): boolean =>
  (error as { code?: unknown } | null)?.code === OUTBOX_NEEDED && String((error as { message?: unknown }).message).includes(OUTBOX_NEEDED_TEXT);

export const SAVE_FINISHED = `WITH input AS (
    SELECT t.*, ($10::jsonb) -> (t.n::int - 1) AS answers, coalesce(ex.id, gen_random_uuid()) AS id, ex.id AS existing_id, ex.offered_at AS offered_at_stored,
           v.template_id, date_trunc('year', t.offered_at) AS period_start,
           -- Whether the row below will be stored: new, or an offered/in-progress review of the same recipient it finishes.
           (ex.id IS NULL OR (ex.recipient_id = t.recipient_id AND ex.status IN ('offered', 'in_progress'))) AS writable
    FROM unnest($2::uuid[], $3::text[], $4::uuid[], $5::uuid[], $6::uuid[], $7::uuid[], $8::text[], $9::text[],
                $11::boolean[], $12::timestamptz[], $13::timestamptz[], $28::text[], $29::text[]) WITH ORDINALITY
      AS t(client_id, device_id, recipient_id, unit_id, area_id, template_version_id, status, decline_reason,
           consent, offered_at, performed_at, fingerprint, repeat_reason, n)
    JOIN template_version v ON v.id = t.template_version_id
    -- A client id is kept once, with its review's month, in review_receipt (reviews are partitioned by month).
    LEFT JOIN review_receipt rc ON rc.client_id = t.client_id
    LEFT JOIN review ex ON ex.id = rc.review_id AND ex.offered_at = rc.offered_at
  ), ordered AS (
    -- The first earlier row of this batch that is a review of the same recipient and checklist in the same year.
    SELECT i.*, (array_agg(i.n) FILTER (WHERE i.writable) OVER (PARTITION BY i.recipient_id, i.template_id, i.period_start ORDER BY i.n
                                                              ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING))[1] AS batch_original
    FROM input i
  ), linked AS (
    -- A second review of the recipient with the same checklist in the same year links to the period's original:
    -- the first stored, else the first of this batch. The link carries the original's month.
    SELECT o.*, coalesce(stored.id, b.id) AS repeat_of,
           -- the batch's original keeps its stored month when it finishes an offer
           coalesce(stored.offered_at, b.offered_at_stored, b.offered_at) AS repeat_of_offered_at
    FROM ordered o
    LEFT JOIN LATERAL (
      SELECT e.id, e.offered_at FROM review e JOIN template_version ev ON ev.id = e.template_version_id
      WHERE e.recipient_id = o.recipient_id AND ev.template_id = o.template_id AND e.status IN ('completed', 'declined')
        AND e.repeat_of IS NULL AND e.client_id <> o.client_id
        AND e.offered_at >= o.period_start AND e.offered_at < o.period_start + interval '1 year'
      ORDER BY e.offered_at LIMIT 1
    ) stored ON true
    LEFT JOIN input b ON b.n = o.batch_original AND stored.id IS NULL
  ), inserted AS (
    -- New reviews; a row whose client id another request claims meanwhile is skipped (review_claim_client_id).
    INSERT INTO review AS r (id, client_id, device_id, recipient_id, unit_id, area_id, template_version_id, status,
                             decline_reason, answers, consent_to_share, performed_by, offered_at, performed_at,
                             submission_fingerprint, repeat_of, repeat_of_offered_at, repeat_reason, handed_over_from_unit_id)
    SELECT id, client_id, device_id, recipient_id, unit_id, area_id, template_version_id, status,
           decline_reason, answers, consent, $1::uuid, offered_at, performed_at, fingerprint, repeat_of, repeat_of_offered_at,
           repeat_reason, $32::uuid
    FROM linked WHERE existing_id IS NULL
    RETURNING ${SAVED_COLUMNS}, true AS inserted
  ), finished AS (
    -- Offered or in-progress reviews of the same recipient, finished; one finished meanwhile is left alone.
    UPDATE review AS r SET
      status = l.status, decline_reason = l.decline_reason, answers = l.answers,
      consent_to_share = l.consent, performed_at = l.performed_at,
      template_version_id = l.template_version_id, performed_by = $1::uuid,
      submission_fingerprint = l.fingerprint,
      repeat_of = l.repeat_of, repeat_of_offered_at = l.repeat_of_offered_at, repeat_reason = l.repeat_reason,
      -- A hand-over finishes an offer made in the old unit where the recipient is now.
      unit_id = CASE WHEN $32::uuid IS NULL THEN r.unit_id ELSE l.unit_id END,
      area_id = CASE WHEN $32::uuid IS NULL THEN r.area_id ELSE l.area_id END,
      handed_over_from_unit_id = $32::uuid,
      device_id = coalesce(l.device_id, r.device_id), received_at = now(), updated_at = now()
    FROM linked l
    WHERE l.existing_id IS NOT NULL AND r.id = l.existing_id AND r.offered_at = l.offered_at_stored
      AND r.status IN ('offered', 'in_progress') AND r.recipient_id = l.recipient_id
    RETURNING ${SAVED_COLUMNS}, false AS inserted
  ), saved AS (
    SELECT * FROM inserted UNION ALL SELECT * FROM finished
  ), risks AS (
    INSERT INTO identified_risk (id, review_id, review_offered_at, item_key, category, severity, reportable, found_at)
    SELECT gen_random_uuid(), s.id, s.offered_at, k.item_key, k.category, k.severity, k.reportable, s.performed_at
    FROM unnest($14::uuid[], $15::text[], $16::text[], $17::text[], $18::boolean[])
      AS k(client_id, item_key, category, severity, reportable)
    JOIN saved s ON s.client_id = k.client_id
    RETURNING id, review_id, item_key, category, severity, reportable
  ), referrals AS (
    -- A completed review whose client consented refers its reportable risks to the fire service of its area:
    -- the address and the risks, nothing else (referrals/). Same statement, so never one without the other.
    INSERT INTO referral (id, review_id, review_offered_at, municipality_id, area_id, address, housing_type, risks)
    SELECT gen_random_uuid(), s.id, s.offered_at, cr.municipality_id, s.area_id, cr.address, cr.housing_type,
           jsonb_agg(jsonb_build_object('itemKey', rk.item_key, 'category', rk.category, 'severity', rk.severity) ORDER BY rk.item_key)
    FROM saved s
    JOIN risks rk ON rk.review_id = s.id AND rk.reportable
    JOIN care_recipient cr ON cr.id = s.recipient_id
    WHERE s.status = 'completed' AND s.consent_to_share
    GROUP BY s.id, s.offered_at, cr.municipality_id, s.area_id, cr.address, cr.housing_type
    RETURNING id, review_id, area_id, municipality_id
  ), subscribed AS (
    -- The referrals made here that a live webhook endpoint is to be told of (the join of
    -- WebhookRepository.queueReferralDeliveries), seen in this statement's snapshot.
    SELECT rf.review_id FROM referrals rf
    ${REFERRAL_SUBSCRIBERS}
    LIMIT 1
  ), actions AS (
    INSERT INTO follow_up_action (id, client_id, review_id, review_offered_at, risk_id, unit_id, what, actor, owner_id, due_date,
                                  status, closed_by, closed_at, created_by)
    SELECT gen_random_uuid(), a.client_id, s.id, s.offered_at, rk.id, s.unit_id, a.what, a.actor,
           CASE WHEN s.unit_id = $30::uuid THEN $1::uuid END, a.due_date, a.status,
           CASE WHEN a.status = 'open' THEN NULL ELSE $1::uuid END,
           CASE WHEN a.status = 'open' THEN NULL ELSE s.performed_at END, $1::uuid
    FROM unnest($19::uuid[], $20::uuid[], $21::text[], $22::text[], $23::text[], $24::date[], $25::text[])
      AS a(review_client_id, client_id, item_key, what, actor, due_date, status)
    JOIN saved s ON s.client_id = a.review_client_id
    LEFT JOIN risks rk ON rk.review_id = s.id AND rk.item_key = a.item_key
    RETURNING id
  ), audit AS (
    ${auditInsertSql(
      { actorId: '$1', actorRole: '$26', requestId: '$27' },
      `SELECT CASE WHEN s.inserted THEN 'create' ELSE 'update' END AS action, 'review' AS entity_type, s.id::text AS entity_id,
              s.recipient_id AS care_recipient_id, jsonb_build_object('status', s.status, 'clientId', s.client_id, 'via', $31::text)
                || CASE WHEN s.repeat_of IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('repeatOf', s.repeat_of) END AS details
       FROM saved s
       UNION ALL
       SELECT 'hand_over', 'review', s.id::text, s.recipient_id,
              jsonb_build_object('clientId', s.client_id, 'fromUnitId', $32::uuid, 'toUnitId', s.unit_id, 'reason', $33::text)
       FROM saved s WHERE $32::uuid IS NOT NULL
       UNION ALL
       SELECT 'create', 'referral', rf.id::text, s.recipient_id, jsonb_build_object('reviewId', s.id)
       FROM referrals rf JOIN saved s ON s.id = rf.review_id`,
    )}
  ), risk_lists AS (
    SELECT review_id, json_agg(json_build_array(id, item_key) ORDER BY item_key) AS risks FROM risks GROUP BY review_id
  )
  SELECT s.*, rl.risks,
         -- Sent without the outbox ($34), the statement fails, storing nothing, when a referral it made has an
         -- endpoint to be told: the cast of a text that is no number raises ${OUTBOX_NEEDED} (with the review's id, so
         -- the planner cannot fold it into a constant and fail every statement).
         CASE WHEN $34::boolean AND EXISTS (SELECT 1 FROM subscribed) THEN ('${OUTBOX_NEEDED_TEXT} ' || s.id::text)::int END AS outbox_needed
  FROM saved s LEFT JOIN risk_lists rl ON rl.review_id = s.id`;

/** How a batch came: as sent from the phone's outbox, or handed over from another unit (one review). */
export interface SaveOptions {
  via: 'submitReviews' | 'handOverReview';
  /** A hand-over: the caller's unit, which the review is handed over from, and the worker's reason. */
  handOver?: { fromUnitId: string; reason: string } | undefined;
  /**
   * Stored with no webhook outbox write after it (no transaction either), because no endpoint was known:
   * the statement then fails, storing nothing, if a referral it makes has an endpoint after all.
   */
  withoutOutbox?: boolean | undefined;
}

/** The parameters of SAVE_FINISHED, in one pass over the batch. */
export function saveFinishedParams(
  source: AuditSource & { principal: Principal },
  reviews: PreparedReview[],
  options: SaveOptions = { via: 'submitReviews' },
): unknown[] {
  // $2–$13, $28 and $29: one array per review column; $14–$18 risks; $19–$25 agreed actions; $30 the performer's unit;
  // $31–$33 how it came; $34 whether it is sent without the webhook outbox.
  const review: unknown[][] = Array.from({ length: 13 }, () => []);
  const answers: Array<PreparedReview['answers']> = [];
  const risk: unknown[][] = Array.from({ length: 5 }, () => []);
  const action: unknown[][] = Array.from({ length: 7 }, () => []);
  const push = (columns: unknown[][], values: unknown[]) => values.forEach((value, i) => (columns[i] as unknown[]).push(value));
  for (const r of reviews) {
    answers.push(r.answers);
    push(review, [
      r.clientId,
      r.deviceId,
      r.recipientId,
      r.unitId,
      r.areaId,
      r.templateVersionId,
      r.status,
      r.declineReason,
      r.consentToShare,
      r.offeredAt.toISOString(),
      r.performedAt.toISOString(),
      r.fingerprint,
      r.repeatReason,
    ]);
    for (const k of r.risks) push(risk, [r.clientId, k.itemKey, k.category, k.severity, k.reportableToFireService]);
    for (const a of r.actions) push(action, [r.clientId, a.clientId, a.itemKey ?? null, a.what, a.actor, a.dueDate ?? null, a.status]);
  }
  const repeatReasons = review.pop();
  const fingerprints = review.pop();
  return [
    source.principal.userId,
    ...review.slice(0, 8),
    JSON.stringify(answers),
    ...review.slice(8),
    ...risk,
    ...action,
    source.principal.role,
    source.requestId,
    fingerprints,
    repeatReasons,
    source.principal.unitId,
    options.via,
    options.handOver?.fromUnitId ?? null,
    options.handOver?.reason ?? null,
    options.withoutOutbox === true,
  ];
}

/** A saved review's risks as stored: ids and order from the database, the rest as prepared. */
export function storedRisks(review: ReviewRecord, prepared: PreparedReview, stored: Array<[string, string]> | null): RiskRecord[] {
  if (!stored) return [];
  const byKey = new Map(prepared.risks.map((k) => [k.itemKey, k]));
  return stored.map(([id, itemKey]) => {
    const k = byKey.get(itemKey);
    if (!k) throw new Error(`stored risk ${itemKey} was not prepared`);
    return {
      id,
      reviewId: review.id,
      itemKey,
      category: k.category,
      severity: k.severity,
      reportableToFireService: k.reportableToFireService,
      foundAt: review.performedAt as Date,
    };
  });
}

import type { DataSource, EntityManager } from 'typeorm';
import type { HousingType, ReferralOutcome, Severity } from '@hjulet/domain';
import { auditInsertSql } from '../audit/audit-insert.js';
import type { OrgPlacement } from '../auth/principal.js';
import type { PartnerPrincipal } from '../partners/partner-principal.js';
import { queryRow, queryRows } from '../shared/sql.js';
import type { ReferralCursor } from './referral-cursor.js';

/** A referral as a partner sees it: the address and the reportable risks, nothing about the person. */
export interface ReferralRecord {
  id: string;
  cursor: ReferralCursor;
  createdAt: Date;
  area: { id: string; code: string; name: string };
  address: string | null;
  housingType: HousingType;
  risks: Array<{ itemKey: string; category: string; severity: Severity }>;
  outcome: ReferralOutcome | null;
  acknowledgedAt: Date | null;
}

/** What the home-care unit sees of a referral, on the follow-up action of a shared risk. */
export interface ReferralStatusRecord {
  riskId: string;
  referralId: string;
  sharedAt: Date;
  outcome: ReferralOutcome | null;
  acknowledgedAt: Date | null;
  withdrawnAt: Date | null;
}

interface ReferralColumns {
  id: string;
  tx: string;
  seq: string;
  created_at: Date | string;
  area_id: string;
  area_code: string;
  area_name: string;
  address: string | null;
  housing_type: HousingType;
  risks: ReferralRecord['risks'];
  outcome: ReferralOutcome | null;
  acknowledged_at: Date | string | null;
}

const referralFromRow = (row: ReferralColumns): ReferralRecord => ({
  id: row.id,
  cursor: { tx: row.tx, seq: row.seq },
  createdAt: new Date(row.created_at),
  area: { id: row.area_id, code: row.area_code, name: row.area_name },
  address: row.address,
  housingType: row.housing_type,
  risks: row.risks,
  outcome: row.outcome,
  acknowledgedAt: row.acknowledged_at === null ? null : new Date(row.acknowledged_at),
});

// The columns of ReferralColumns, from `referral rf` joined to `area a`, plus whose home (for the audit row).
const REFERRAL_SELECT = `rf.id, rf.tx, rf.tx::text AS tx_text, rf.seq::text AS seq, rf.created_at, a.id AS area_id, a.code AS area_code,
  a.name AS area_name, rf.address, rf.housing_type, rf.risks, rf.outcome, rf.acknowledged_at, r.recipient_id
  FROM referral rf JOIN area a ON a.id = rf.area_id JOIN review r ON r.id = rf.review_id`;

// What a partner may see: its municipality, its areas, consent not withdrawn.
const PARTNER_SEES = `rf.withdrawn_at IS NULL AND rf.municipality_id = $1::uuid AND rf.area_id = ANY($2::uuid[])`;

// The partner as the audit log records it: actor_id the client id, actor_role 'partner'.
const PARTNER_ACTOR = { actorId: '$1', actorRole: `'partner'`, requestId: '$3' };

const OUTPUT = `id, tx_text AS tx, seq, created_at, area_id, area_code, area_name, address, housing_type, risks, outcome, acknowledged_at`;

/** SQL for referrals. A partner's read or acknowledgement is audited by the statement that does it. */
export class ReferralRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The partner's next referrals after `after`, oldest first, one audit row per referral returned. Only
   * referrals of transactions older than every running write transaction of this database are shown, so
   * none can commit behind the cursor later (the API's role sees its own sessions' xids in
   * pg_stat_activity, and only the API writes referrals). Reads `first + 1` to tell whether there are more.
   */
  async feed(partner: PartnerPrincipal, requestId: string, after: ReferralCursor, first: number): Promise<{ referrals: ReferralRecord[]; hasMore: boolean }> {
    const rows = await queryRows<ReferralColumns>(
      this.dataSource,
      `WITH snapshot AS (SELECT pg_current_snapshot() AS s), horizon AS (
         -- The oldest write transaction of this database still running (others cannot write referrals):
         -- only older referrals are shown. Transactions of other databases on the server do not hold it back.
         SELECT coalesce(
           (SELECT min(x) FROM snapshot, pg_snapshot_xip(snapshot.s) x
            WHERE x::xid IN (SELECT backend_xid FROM pg_stat_activity WHERE datname = current_database() AND backend_xid IS NOT NULL)),
           (SELECT pg_snapshot_xmax(s) FROM snapshot))::text::bigint AS tx
       ), page AS (
         SELECT ${REFERRAL_SELECT}
         WHERE ${PARTNER_SEES.replace('$1::uuid', '$4::uuid')}
           AND rf.tx < (SELECT tx FROM horizon)
           AND (rf.tx, rf.seq) > ($5::bigint, $6::bigint)
         ORDER BY rf.tx, rf.seq
         LIMIT $7
       ), shown AS (SELECT * FROM page ORDER BY tx, seq::bigint LIMIT $8), audit AS (
         ${auditInsertSql(
           PARTNER_ACTOR,
           `SELECT 'read' AS action, 'referral' AS entity_type, s.id::text AS entity_id, s.recipient_id AS care_recipient_id,
                   jsonb_build_object('operation', 'referrals') AS details FROM shown s`,
         )}
       )
       SELECT ${OUTPUT} FROM page ORDER BY tx, seq::bigint`,
      [partner.clientId, partner.areaIds, requestId, partner.municipalityId, after.tx, after.seq, first + 1, first],
    );
    return { referrals: rows.slice(0, first).map(referralFromRow), hasMore: rows.length > first };
  }

  /** Records the partner's outcome on a referral it sees; null when it sees none by that id. Audited. */
  async acknowledge(partner: PartnerPrincipal, requestId: string, id: string, outcome: ReferralOutcome): Promise<ReferralRecord | null> {
    const row = await queryRow<ReferralColumns>(
      this.dataSource,
      `WITH target AS (
         SELECT ${REFERRAL_SELECT} WHERE rf.id = $5::uuid AND ${PARTNER_SEES.replace('$1::uuid', '$4::uuid')} FOR UPDATE OF rf
       ), changed AS (
         UPDATE referral rf SET outcome = $6, acknowledged_by = $1::uuid, acknowledged_at = now()
         FROM target t WHERE rf.id = t.id
         RETURNING rf.outcome, rf.acknowledged_at
       ), audit AS (
         ${auditInsertSql(
           PARTNER_ACTOR,
           `SELECT 'update' AS action, 'referral' AS entity_type, t.id::text AS entity_id, t.recipient_id AS care_recipient_id,
                   jsonb_build_object('operation', 'acknowledgeReferral', 'outcome', $6::text, 'previousOutcome', t.outcome) AS details FROM target t`,
         )}
       )
       SELECT t.id, t.tx_text AS tx, t.seq, t.created_at, t.area_id, t.area_code, t.area_name, t.address, t.housing_type, t.risks,
              c.outcome, c.acknowledged_at
       FROM target t CROSS JOIN changed c`,
      [partner.clientId, partner.areaIds, requestId, partner.municipalityId, id, outcome],
    );
    return row ? referralFromRow(row) : null;
  }

  /** Where a review sits and whether its client consents, for the scope check of a withdrawal. */
  async reviewPlacement(reviewId: string): Promise<(OrgPlacement & { recipientId: string; consent: boolean }) | null> {
    const row = await queryRow<{ unit_id: string; administration_id: string; municipality_id: string; recipient_id: string; consent_to_share: boolean }>(
      this.dataSource,
      `SELECT r.unit_id, u.administration_id, a.municipality_id, r.recipient_id, r.consent_to_share
       FROM review r JOIN unit u ON u.id = r.unit_id JOIN administration a ON a.id = u.administration_id WHERE r.id = $1`,
      [reviewId],
    );
    return (
      row && {
        unitId: row.unit_id,
        administrationId: row.administration_id,
        municipalityId: row.municipality_id,
        recipientId: row.recipient_id,
        consent: row.consent_to_share,
      }
    );
  }

  /**
   * The client no longer consents: the review says so, and its referral leaves every partner's view with
   * its address and risks cleared. Answers the referral's id, or null when there was none to withdraw.
   */
  async withdrawConsent(manager: EntityManager, reviewId: string, userId: string): Promise<string | null> {
    const rows = await queryRows<{ id: string }>(
      manager,
      `WITH review_changed AS (
         UPDATE review SET consent_to_share = false, updated_at = now() WHERE id = $1 RETURNING id
       ), withdrawn AS (
         UPDATE referral SET withdrawn_at = now(), withdrawn_by = $2, address = NULL, risks = '[]'::jsonb
         WHERE review_id = (SELECT id FROM review_changed) AND withdrawn_at IS NULL
         RETURNING id
       )
       SELECT id FROM withdrawn`,
      [reviewId, userId],
    );
    return rows[0]?.id ?? null;
  }

  /** The referral each of these risks was shared by, for the risks that were shared. */
  async statusByRiskIds(riskIds: readonly string[]): Promise<ReferralStatusRecord[]> {
    const rows = await queryRows<{
      risk_id: string;
      id: string;
      created_at: Date | string;
      outcome: ReferralOutcome | null;
      acknowledged_at: Date | string | null;
      withdrawn_at: Date | string | null;
    }>(
      this.dataSource,
      `SELECT ir.id AS risk_id, rf.id, rf.created_at, rf.outcome, rf.acknowledged_at, rf.withdrawn_at
       FROM identified_risk ir JOIN referral rf ON rf.review_id = ir.review_id
       WHERE ir.id = ANY($1::uuid[]) AND ir.reportable`,
      [[...riskIds]],
    );
    const date = (v: Date | string | null) => (v === null ? null : new Date(v));
    return rows.map((r) => ({
      riskId: r.risk_id,
      referralId: r.id,
      sharedAt: new Date(r.created_at),
      outcome: r.outcome,
      acknowledgedAt: date(r.acknowledged_at),
      withdrawnAt: date(r.withdrawn_at),
    }));
  }
}

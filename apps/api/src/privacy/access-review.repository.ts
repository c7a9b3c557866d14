import type { DataSource, EntityManager } from 'typeorm';
import type { AccessReviewKind, AccessReviewRules } from './access-review.rules.js';

export interface AccessReviewFlagRecord {
  id: string;
  day: string;
  actorId: string;
  actorName: string;
  actorRole: string;
  kind: AccessReviewKind;
  reads: number;
  recipients: number;
  firstAt: Date;
  lastAt: Date;
  reviewedBy: string | null;
  reviewedAt: Date | null;
  reviewNote: string | null;
}

export interface FlagScope {
  municipalityId: string;
  /** A coordinator sees the flags of users of their administration (its units' staff and managers, and its coordinators). */
  administrationId: string | null;
}

interface FlagColumns {
  id: string;
  day: string;
  actor_id: string;
  actor_name: string;
  actor_role: string;
  kind: AccessReviewKind;
  reads: number;
  recipients: number;
  first_at: Date;
  last_at: Date;
  reviewed_by: string | null;
  reviewed_at: Date | null;
  review_note: string | null;
}

const SCOPE = `f.municipality_id = $1 AND ($2::uuid IS NULL OR u.administration_id = $2 OR u.unit_id IN (SELECT id FROM unit WHERE administration_id = $2))`;

/** SQL of the daily log review. */
export class AccessReviewRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Flags the reads of one Swedish calendar day by the rules; answers how many new flags. Running a day
   * again adds only what is new and keeps the review of flags already there. A read is an audit row with
   * action `read` naming a care recipient, by a user (not a partner client). Outside the unit: the unit of
   * the review read (the unit when it was made), else the recipient's unit now; for a coordinator, outside
   * their administration. Admins have no unit: only the time and bulk rules apply to them.
   */
  async flagDay(day: string, rules: AccessReviewRules): Promise<number> {
    const rows: Array<{ n: string }> = await this.dataSource.query(
      `WITH reads AS (
         SELECT a.actor_id, a.occurred_at, a.care_recipient_id, u.municipality_id, u.role, u.unit_id AS user_unit, u.administration_id AS user_admin,
                ru.id AS recipient_unit, ru.administration_id AS recipient_admin,
                extract(hour FROM a.occurred_at AT TIME ZONE 'Europe/Stockholm') AS local_hour,
                date_trunc('hour', a.occurred_at) AS hour
         FROM audit_event a
         JOIN app_user u ON u.id = a.actor_id
         LEFT JOIN review rv ON rv.id = CASE WHEN a.entity_type = 'review' AND a.entity_id ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN a.entity_id::uuid END
         LEFT JOIN care_recipient c ON c.id = a.care_recipient_id
         LEFT JOIN unit ru ON ru.id = coalesce(rv.unit_id, c.unit_id)
         WHERE a.action = 'read' AND a.care_recipient_id IS NOT NULL AND a.actor_role IS DISTINCT FROM 'partner'
           AND a.occurred_at >= indicator_instant($1::date) AND a.occurred_at < indicator_instant($1::date + 1)
       ), bulk_hours AS (
         SELECT actor_id, hour FROM reads GROUP BY actor_id, hour HAVING count(DISTINCT care_recipient_id) > $4::int
       ), flagged AS (
         SELECT 'outside_unit' AS kind, r.* FROM reads r
         WHERE (r.role IN ('staff', 'unit_manager') AND r.recipient_unit IS DISTINCT FROM r.user_unit)
            OR (r.role = 'quality_coordinator' AND r.recipient_admin IS DISTINCT FROM r.user_admin)
         UNION ALL
         SELECT 'odd_hours', r.* FROM reads r
         WHERE CASE WHEN $2::int > $3::int THEN r.local_hour >= $2::int OR r.local_hour < $3::int ELSE r.local_hour >= $2::int AND r.local_hour < $3::int END
         UNION ALL
         SELECT 'bulk', r.* FROM reads r JOIN bulk_hours b ON b.actor_id = r.actor_id AND b.hour = r.hour
       ), inserted AS (
         INSERT INTO access_review_flag (id, municipality_id, day, actor_id, kind, reads, recipients, first_at, last_at)
         SELECT gen_random_uuid(), municipality_id, $1::date, actor_id, kind, count(*), count(DISTINCT care_recipient_id), min(occurred_at), max(occurred_at)
         FROM flagged GROUP BY municipality_id, actor_id, kind
         ON CONFLICT (municipality_id, day, actor_id, kind) DO NOTHING
         RETURNING 1
       ) SELECT count(*) AS n FROM inserted`,
      [day, rules.oddHoursFrom, rules.oddHoursTo, rules.bulkRecipientsPerHour],
    );
    return Number(rows[0]?.n ?? 0);
  }

  async list(scope: FlagScope, filter: { from: string; to: string; unreviewedOnly: boolean }): Promise<AccessReviewFlagRecord[]> {
    const rows: FlagColumns[] = await this.dataSource.query(
      `SELECT f.id, to_char(f.day, 'YYYY-MM-DD') AS day, f.actor_id, u.display_name AS actor_name, u.role AS actor_role, f.kind, f.reads, f.recipients,
              f.first_at, f.last_at, f.reviewed_by, f.reviewed_at, f.review_note
       FROM access_review_flag f JOIN app_user u ON u.id = f.actor_id
       WHERE ${SCOPE} AND f.day BETWEEN $3::date AND $4::date AND (NOT $5 OR f.reviewed_at IS NULL)
       ORDER BY f.day DESC, u.display_name, f.kind LIMIT 1000`,
      [scope.municipalityId, scope.administrationId, filter.from, filter.to, filter.unreviewedOnly],
    );
    return rows.map(fromRow);
  }

  /** One flag in the scope, locked for review; null when not there or out of scope. */
  async lockInScope(scope: FlagScope, id: string, m: EntityManager): Promise<AccessReviewFlagRecord | null> {
    const rows: FlagColumns[] = await m.query(
      `SELECT f.id, to_char(f.day, 'YYYY-MM-DD') AS day, f.actor_id, u.display_name AS actor_name, u.role AS actor_role, f.kind, f.reads, f.recipients,
              f.first_at, f.last_at, f.reviewed_by, f.reviewed_at, f.review_note
       FROM access_review_flag f JOIN app_user u ON u.id = f.actor_id WHERE ${SCOPE} AND f.id = $3 FOR UPDATE OF f`,
      [scope.municipalityId, scope.administrationId, id],
    );
    return rows[0] ? fromRow(rows[0]) : null;
  }

  async markReviewed(id: string, by: string, at: Date, note: string | null, m: EntityManager): Promise<void> {
    await m.query(`UPDATE access_review_flag SET reviewed_by = $2, reviewed_at = $3, review_note = $4 WHERE id = $1`, [id, by, at, note]);
  }
}

const fromRow = (r: FlagColumns): AccessReviewFlagRecord => ({
  id: r.id,
  day: r.day,
  actorId: r.actor_id,
  actorName: r.actor_name,
  actorRole: r.actor_role,
  kind: r.kind,
  reads: Number(r.reads),
  recipients: Number(r.recipients),
  firstAt: r.first_at,
  lastAt: r.last_at,
  reviewedBy: r.reviewed_by,
  reviewedAt: r.reviewed_at,
  reviewNote: r.review_note,
});

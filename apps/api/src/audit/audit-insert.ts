/*
 * The one INSERT into the audit log. Every audit row is written by this text: the audit repository's
 * `insert` for entries made in code, and the review repository's statements, which audit a batch write or
 * a page read in the same statement that does it (one round trip, and no way to write without the audit).
 */

/** Placeholders for who acts in which request, in the statement that embeds the insert. */
export interface AuditActorPlaceholders {
  /** `$n` of the actor's user id (uuid, or null for an anonymous caller). */
  actorId: string;
  /** `$n` of the actor's role. */
  actorRole: string;
  /** `$n` of the request id. */
  requestId: string;
}

/**
 * `INSERT INTO audit_event …` from `rows`, a SELECT (or a CTE name) with the columns `action`,
 * `entity_type`, `entity_id` (text), `care_recipient_id` (uuid) and `details` (jsonb).
 */
export function auditInsertSql(actor: AuditActorPlaceholders, rows: string): string {
  return `INSERT INTO audit_event (actor_id, actor_role, request_id, action, entity_type, entity_id, care_recipient_id, details)
          SELECT ${actor.actorId}::uuid, ${actor.actorRole}, ${actor.requestId}, e.action, e.entity_type, e.entity_id, e.care_recipient_id, e.details
          FROM (${rows}) AS e`;
}

import type { DataSource, EntityManager } from 'typeorm';

/** What an erasure removed, counted per kind: the audit row records these counts, never the data. */
export interface ErasureCounts {
  reviews: number;
  freeTextAnswers: number;
  actions: number;
  events: number;
  causeAnalyses: number;
  referrals: number;
  discardedResults: number;
  /** Deviations about the person whose free text was removed. */
  deviations: number;
  /** Lex Sarah reports about the person kept whole (an erasure on request; see `erase`). */
  lexSarahReportsKept: number;
}

/** The replacement for erased free text where the column must keep a value (a declined review's reason, an action's text). */
export const ERASED_TEXT = '(raderad)';

/**
 * SQL of erasure and retention. Erasing keeps the rows that indicators count (the recipient as a stub with
 * unit, area and housing type; reviews with their structured answers and risks; actions with their status
 * and dates) and removes everything that identifies the person or is free text about them.
 */
export class ErasureRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The recipient's municipality and whether they were erased, locked for the erasing transaction. */
  async lockRecipient(id: string, m: EntityManager): Promise<{ municipalityId: string; erasedAt: Date | null } | null> {
    const rows: Array<{ municipality_id: string; erased_at: Date | null }> = await m.query(
      `SELECT municipality_id, erased_at FROM care_recipient WHERE id = $1 FOR UPDATE`,
      [id],
    );
    const row = rows[0];
    return row ? { municipalityId: row.municipality_id, erasedAt: row.erased_at } : null;
  }

  /**
   * De-identifies one recipient and what is written about them, in the caller's transaction. Deviations
   * about the person keep what the statistics count (kind, dates, causes, status, actions) and lose their
   * free text. A lex Sarah report is kept whole on a request (`keepLexSarah`): its documentation is what
   * the provider must keep and show IVO (SOSFS 2011:5; GDPR art. 17.3 b), so it goes only when retention
   * culls the person.
   */
  async erase(id: string, now: Date, m: EntityManager, options: { keepLexSarah: boolean }): Promise<ErasureCounts> {
    const count = async (sql: string, params: unknown[]) => Number(((await m.query(sql, params)) as Array<{ n: string }>)[0]?.n ?? 0);
    // The reference becomes one derived from the row's own id: unique, and says nothing about the person.
    await m.query(`UPDATE care_recipient SET reference = 'raderad-' || id::text, address = NULL, active = false, erased_at = $2 WHERE id = $1`, [id, now]);
    const freeTextAnswers = await count(
      `WITH free AS (
         SELECT r.id, array_agg(i->>'key') AS keys
         FROM review r JOIN template_version tv ON tv.id = r.template_version_id,
              jsonb_array_elements(tv.definition->'sections') s, jsonb_array_elements(s->'items') i
         WHERE r.recipient_id = $1 AND i->>'answerType' = 'free_text' AND r.answers ?| ARRAY[i->>'key']
         GROUP BY r.id
       ), changed AS (
         UPDATE review r SET answers = r.answers - free.keys FROM free WHERE r.id = free.id RETURNING cardinality(free.keys) AS k
       ) SELECT coalesce(sum(k), 0) AS n FROM changed`,
      [id],
    );
    const reviews = await count(
      `WITH changed AS (
         UPDATE review SET device_id = NULL, decline_reason = CASE WHEN decline_reason IS NULL THEN NULL ELSE $2 END
         WHERE recipient_id = $1 RETURNING 1
       ) SELECT count(*) AS n FROM changed`,
      [id, ERASED_TEXT],
    );
    const actions = await count(
      `WITH changed AS (
         UPDATE follow_up_action SET what = $2, closing_note = NULL
         WHERE review_id IN (SELECT id FROM review WHERE recipient_id = $1) RETURNING 1
       ) SELECT count(*) AS n FROM changed`,
      [id, ERASED_TEXT],
    );
    const causeAnalyses = await count(
      `WITH changed AS (
         UPDATE cause_analysis SET description = NULL
         WHERE risk_id IN (SELECT ir.id FROM identified_risk ir JOIN review r ON r.id = ir.review_id WHERE r.recipient_id = $1) RETURNING 1
       ) SELECT count(*) AS n FROM changed`,
      [id],
    );
    const events = await count(
      `WITH changed AS (UPDATE care_event SET description = NULL WHERE recipient_id = $1 RETURNING 1) SELECT count(*) AS n FROM changed`,
      [id],
    );
    const referrals = await count(
      `WITH changed AS (
         UPDATE referral SET address = NULL WHERE review_id IN (SELECT id FROM review WHERE recipient_id = $1) RETURNING 1
       ) SELECT count(*) AS n FROM changed`,
      [id],
    );
    const discardedResults = await count(
      `WITH changed AS (UPDATE discarded_result SET reason = $2 WHERE recipient_id = $1 RETURNING 1) SELECT count(*) AS n FROM changed`,
      [id, ERASED_TEXT],
    );
    const deviations = await count(
      `WITH changed AS (
         UPDATE deviation SET description = $2, immediate_action = NULL, device_id = NULL,
           findings = CASE WHEN findings IS NULL THEN NULL ELSE $2 END, cause_description = CASE WHEN cause_description IS NULL THEN NULL ELSE $2 END
         WHERE care_recipient_id = $1 AND NOT (lex_sarah AND $3) RETURNING 1
       ) SELECT count(*) AS n FROM changed`,
      [id, ERASED_TEXT, options.keepLexSarah],
    );
    const lexSarahReportsKept = options.keepLexSarah ? await count(`SELECT count(*) AS n FROM deviation WHERE care_recipient_id = $1 AND lex_sarah`, [id]) : 0;
    return { reviews, freeTextAnswers, actions, events, causeAnalyses, referrals, discardedResults, deviations, lexSarahReportsKept };
  }

  /**
   * Recipients past retention (docs/data-protection.md): no longer receiving care (inactive), not yet erased,
   * and with nothing written about them (created, a review received or changed, an event, an action closed,
   * a deviation reported, investigated or closed)
   * after `cutoff`. At most `limit`, oldest first, so one run stays short.
   */
  async pastRetention(cutoff: Date, limit: number): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `SELECT c.id FROM care_recipient c
       WHERE NOT c.active AND c.erased_at IS NULL AND c.created_at < $1
         AND NOT EXISTS (SELECT 1 FROM review r WHERE r.recipient_id = c.id AND greatest(r.received_at, r.updated_at) >= $1)
         AND NOT EXISTS (SELECT 1 FROM care_event e WHERE e.recipient_id = c.id AND e.created_at >= $1)
         AND NOT EXISTS (SELECT 1 FROM deviation d WHERE d.care_recipient_id = c.id
                         AND greatest(d.received_at, d.investigated_at, d.closed_at) >= $1)
         AND NOT EXISTS (SELECT 1 FROM follow_up_action a JOIN review r ON r.id = a.review_id
                         WHERE r.recipient_id = c.id AND greatest(a.created_at, a.closed_at) >= $1)
       ORDER BY c.created_at LIMIT $2`,
      [cutoff, limit],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Feedback cases answered before `cutoff` that still hold what `part` names: the sender's contact details
   * (kept only to answer) or the case's text (the message, findings and answer, which may name people).
   * The kind, unit, channel and dates stay for the statistics. At most `limit` a run, oldest first.
   */
  async cullFeedback(part: 'contact' | 'text', cutoff: Date, limit: number, m: EntityManager): Promise<string[]> {
    const change =
      part === 'contact'
        ? { set: 'contact_name = NULL, contact_email = NULL, contact_phone = NULL', holds: 'num_nonnulls(contact_name, contact_email, contact_phone) > 0' }
        : { set: 'message = $3, findings = $3, answer = $3', holds: 'message <> $3' };
    const rows: Array<{ id: string }> = await m.query(
      // A CTE, since TypeORM answers a bare UPDATE … RETURNING with [rows, count] rather than the rows.
      `WITH changed AS (
         UPDATE feedback_case SET ${change.set}
         WHERE id IN (SELECT id FROM feedback_case WHERE status = 'answered' AND answered_at < $1 AND ${change.holds} ORDER BY answered_at LIMIT $2 FOR UPDATE)
         RETURNING id
       ) SELECT id FROM changed`,
      part === 'contact' ? [cutoff, limit] : [cutoff, limit, ERASED_TEXT],
    );
    return rows.map((r) => r.id);
  }
}

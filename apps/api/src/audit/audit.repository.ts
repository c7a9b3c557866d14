import type { DataSource, EntityManager } from 'typeorm';
import { positional } from '../access/scope.js';
import { auditInsertSql } from './audit-insert.js';
import { chainAll, verifyChain, type ChainReport, type Query } from './audit-chain.js';
import type { LogExtractRow } from '../privacy/log-extract.js';
import type { AuditEntry, AuditEventRow, AuditFilter, AuditSource } from './audit.service.js';

interface AuditEventColumns {
  id: string;
  occurred_at: Date;
  actor_id: string | null;
  actor_role: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  care_recipient_id: string | null;
  request_id: string | null;
  details: Record<string, unknown> | null;
}

/** SQL for the append-only audit log. */
export class AuditRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Any number of entries in one INSERT, in the caller's transaction when given one. */
  async insert(source: AuditSource, entries: AuditEntry[], manager: EntityManager = this.dataSource.manager): Promise<void> {
    const params: unknown[] = [];
    const bind = positional(params);
    const actorId = source.principal?.userId ?? source.partner?.clientId ?? null;
    const actorRole = source.principal?.role ?? (source.partner ? 'partner' : null);
    const actor = { actorId: bind(actorId), actorRole: bind(actorRole), requestId: bind(source.requestId) };
    const rows = `SELECT * FROM unnest(${bind(entries.map((e) => e.action))}::text[], ${bind(entries.map((e) => e.entityType))}::text[],
                  ${bind(entries.map((e) => e.entityId))}::text[], ${bind(entries.map((e) => e.careRecipientId ?? null))}::uuid[],
                  ${bind(entries.map((e) => (e.details ? JSON.stringify(e.details) : null)))}::jsonb[])
                  AS t(action, entity_type, entity_id, care_recipient_id, details)`;
    await manager.query(auditInsertSql(actor, rows), params);
  }

  /** Gives every committed, unchained row its place in the hash chain (audit-chain.ts). Returns how many. */
  chainPending(): Promise<number> {
    return chainAll((work) => this.dataSource.transaction((manager) => work((sql, params) => manager.query(sql, params))));
  }

  /** Walks the hash chain and reports where it is broken. */
  verifyChain(): Promise<ChainReport> {
    const query: Query = (sql, params) => this.dataSource.query(sql, params);
    return verifyChain(query);
  }

  /** Whether a `submitReviews` refusal of FORBIDDEN on this recipient for this client id was audited for this actor. */
  async hasRefusedSubmission(actorId: string, recipientId: string, clientId: string): Promise<boolean> {
    // By the recipient index: a person's audit rows are few compared with the whole log.
    const rows: Array<{ found: boolean }> = await this.dataSource.query(
      `SELECT EXISTS (
         SELECT 1 FROM audit_event
         WHERE care_recipient_id = $2 AND action = 'refused' AND entity_type = 'care_recipient' AND entity_id = $2::text
           AND actor_id = $1 AND details->>'operation' = 'submitReviews' AND details->>'outcome' = 'FORBIDDEN' AND details->>'clientId' = $3
       ) AS found`,
      [actorId, recipientId, clientId],
    );
    return rows[0]?.found === true;
  }

  /** Events of one municipality: by its users or partner clients, about its care recipients, or about its users (failed logins). */
  async list(filter: AuditFilter): Promise<AuditEventRow[]> {
    const params: unknown[] = [];
    const bind = positional(params);
    const municipality = bind(filter.municipalityId);
    const where: string[] = [
      `(actor_id IN (SELECT id FROM app_user WHERE municipality_id = ${municipality})
        OR (actor_role = 'partner' AND actor_id IN (SELECT id FROM partner_client WHERE municipality_id = ${municipality}))
        OR care_recipient_id IN (SELECT id FROM care_recipient WHERE municipality_id = ${municipality})
        OR (entity_type = 'user' AND entity_id IN (SELECT id::text FROM app_user WHERE municipality_id = ${municipality})))`,
    ];
    if (filter.careRecipientId) where.push(`care_recipient_id = ${bind(filter.careRecipientId)}`);
    if (filter.entityId) where.push(`entity_id = ${bind(filter.entityId)}`);
    if (filter.actorId) where.push(`actor_id = ${bind(filter.actorId)}`);
    if (filter.before) where.push(`id < ${bind(filter.before)}`);
    // Ordered by the table's bigint id: a bare "id" would be the text column selected, and sort 9 after 10.
    const rows: AuditEventColumns[] = await this.dataSource.query(
      `SELECT id::text, occurred_at, actor_id, actor_role, action, entity_type, entity_id, care_recipient_id, request_id, details
       FROM audit_event WHERE ${where.join(' AND ')}
       ORDER BY audit_event.id DESC LIMIT ${bind(filter.first)}`,
      params,
    );
    return rows.map((r) => ({
      id: r.id,
      occurredAt: r.occurred_at,
      actorId: r.actor_id,
      actorRole: r.actor_role,
      action: r.action,
      entityType: r.entity_type,
      entityId: r.entity_id,
      careRecipientId: r.care_recipient_id,
      requestId: r.request_id,
      details: r.details,
    }));
  }

  /**
   * Every event about one care recipient of the municipality, oldest first, with the name of who acted (a
   * user, or a partner client's name): the loggutdrag. Null when the recipient is not the municipality's.
   */
  async extractFor(municipalityId: string, careRecipientId: string): Promise<LogExtractRow[] | null> {
    const owned: unknown[] = await this.dataSource.query(`SELECT 1 FROM care_recipient WHERE id = $1 AND municipality_id = $2`, [
      careRecipientId,
      municipalityId,
    ]);
    if (owned.length === 0) return null;
    const rows: Array<{
      occurred_at: Date;
      actor_name: string | null;
      actor_role: string | null;
      action: string;
      entity_type: string;
      entity_id: string | null;
    }> = await this.dataSource.query(
      `SELECT a.occurred_at, coalesce(u.display_name, p.name) AS actor_name, a.actor_role, a.action, a.entity_type, a.entity_id
         FROM audit_event a
         LEFT JOIN app_user u ON u.id = a.actor_id AND a.actor_role IS DISTINCT FROM 'partner'
         LEFT JOIN partner_client p ON p.id = a.actor_id AND a.actor_role = 'partner'
         WHERE a.care_recipient_id = $1 ORDER BY a.id`,
      [careRecipientId],
    );
    return rows.map((r) => ({
      occurredAt: r.occurred_at,
      actorName: r.actor_name,
      actorRole: r.actor_role,
      action: r.action,
      entityType: r.entity_type,
      entityId: r.entity_id,
    }));
  }
}

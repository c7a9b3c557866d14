import type { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal.js';

/** `refused`: an access or a write the API refused (FORBIDDEN, out-of-scope NOT_FOUND, CONFLICT), with the outcome in details. */
export type AuditAction = 'read' | 'create' | 'update' | 'publish' | 'close' | 'login' | 'login_failed' | 'refresh' | 'logout' | 'refused';

export interface AuditEntry {
  action: AuditAction;
  entityType: string;
  entityId: string | null;
  /** Whose personal data this touched, when it touched a care recipient's. */
  careRecipientId?: string | null;
  details?: Record<string, unknown>;
}

/** Who did it and in which request: taken from the GraphQL context. */
export interface AuditSource {
  principal: Principal | null;
  requestId: string;
}

export interface AuditFilter {
  municipalityId: string;
  careRecipientId?: string | undefined;
  entityId?: string | undefined;
  actorId?: string | undefined;
  first: number;
  before?: string | undefined;
}

/** The row shape `auditEvents` returns. */
export interface AuditEventRow {
  id: string;
  occurredAt: Date;
  actorId: string | null;
  actorRole: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  careRecipientId: string | null;
  requestId: string | null;
  details: Record<string, unknown> | null;
}

/**
 * Appends to the audit log. Writes go through the caller's transaction manager so a change and its audit
 * row commit together; any number of entries is one INSERT.
 */
export class AuditService {
  constructor(private readonly dataSource: DataSource) {}

  async record(source: AuditSource, entries: AuditEntry[], manager: EntityManager = this.dataSource.manager): Promise<void> {
    if (entries.length === 0) return;
    const { sql, params } = auditInsert(source, entries);
    await manager.query(sql, params);
  }

  /**
   * Events of the caller's municipality, as `list`; reading the audit log is itself recorded, with the
   * filter used, since the log says who read whose data.
   */
  async read(source: AuditSource & { principal: Principal }, filter: Omit<AuditFilter, 'municipalityId'>): Promise<AuditEventRow[]> {
    const rows = await this.list({ ...filter, municipalityId: source.principal.municipalityId });
    const asked = Object.fromEntries(Object.entries(filter).filter(([, value]) => value !== undefined));
    await this.record(source, [{ action: 'read', entityType: 'audit_event', entityId: null, careRecipientId: filter.careRecipientId ?? null, details: { ...asked, returned: rows.length } }]);
    return rows;
  }

  /** Events of one municipality: by its users, about its care recipients, or about its users (failed logins). */
  async list(filter: AuditFilter): Promise<AuditEventRow[]> {
    const params: unknown[] = [filter.municipalityId];
    const where: string[] = [
      `(actor_id IN (SELECT id FROM app_user WHERE municipality_id = $1)
        OR care_recipient_id IN (SELECT id FROM care_recipient WHERE municipality_id = $1)
        OR (entity_type = 'user' AND entity_id IN (SELECT id::text FROM app_user WHERE municipality_id = $1)))`,
    ];
    if (filter.careRecipientId) where.push(`care_recipient_id = $${params.push(filter.careRecipientId)}`);
    if (filter.entityId) where.push(`entity_id = $${params.push(filter.entityId)}`);
    if (filter.actorId) where.push(`actor_id = $${params.push(filter.actorId)}`);
    if (filter.before) where.push(`id < $${params.push(filter.before)}`);
    params.push(filter.first);
    // Ordered by the table's bigint id: a bare "id" would be the text column selected, and sort 9 after 10.
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT id::text, occurred_at, actor_id, actor_role, action, entity_type, entity_id, care_recipient_id, request_id, details
       FROM audit_event WHERE ${where.join(' AND ')}
       ORDER BY audit_event.id DESC LIMIT $${params.length}`,
      params,
    );
    return rows.map((r) => ({
      id: r['id'] as string,
      occurredAt: r['occurred_at'] as Date,
      actorId: r['actor_id'] as string | null,
      actorRole: r['actor_role'] as string | null,
      action: r['action'] as string,
      entityType: r['entity_type'] as string,
      entityId: r['entity_id'] as string | null,
      careRecipientId: r['care_recipient_id'] as string | null,
      requestId: r['request_id'] as string | null,
      details: r['details'] as Record<string, unknown> | null,
    }));
  }
}

/**
 * The INSERT for a set of entries, as SQL text and parameters, so a caller can also embed it as a CTE
 * in a larger statement (the review list audits its reads in the same statement that reads them).
 * `firstParam` is the number of the first placeholder.
 */
export function auditInsert(source: AuditSource, entries: AuditEntry[], firstParam = 1): { sql: string; params: unknown[] } {
  const p = (offset: number) => `$${firstParam + offset}`;
  return {
    sql: `INSERT INTO audit_event (actor_id, actor_role, request_id, action, entity_type, entity_id, care_recipient_id, details)
          SELECT ${p(0)}::uuid, ${p(1)}, ${p(2)}, e.action, e.entity_type, e.entity_id, e.care_recipient_id, e.details
          FROM unnest(${p(3)}::text[], ${p(4)}::text[], ${p(5)}::text[], ${p(6)}::uuid[], ${p(7)}::jsonb[])
            AS e(action, entity_type, entity_id, care_recipient_id, details)`,
    params: [
      source.principal?.userId ?? null,
      source.principal?.role ?? null,
      source.requestId,
      entries.map((e) => e.action),
      entries.map((e) => e.entityType),
      entries.map((e) => e.entityId),
      entries.map((e) => e.careRecipientId ?? null),
      entries.map((e) => (e.details ? JSON.stringify(e.details) : null)),
    ],
  };
}

import type { EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal.js';
import type { AuditRepository } from './audit.repository.js';
import type { ChainReport } from './audit-chain.js';
import { notFound } from '../shared/app-error.js';
import { logExtractCsv } from '../privacy/log-extract.js';

/**
 * `refused`: an access or a write the API refused (FORBIDDEN, out-of-scope NOT_FOUND, CONFLICT), with the outcome in details.
 * `hand_over`: a review stored with its recipient's unit by a worker of another unit (from and to units in details).
 * `discard`: a result a phone threw away after the server refused it, with the worker's reason in details.
 */
export type AuditAction =
  | 'read'
  | 'create'
  | 'update'
  | 'publish'
  | 'close'
  | 'login'
  | 'login_failed'
  | 'refresh'
  | 'logout'
  | 'refused'
  | 'hand_over'
  | 'discard'
  // A partner's token request (issued or refused, in details) and each of its GraphQL requests.
  | 'partner_token'
  | 'partner_request'
  // A care recipient's identifying data removed, on request or by retention (privacy/erasure.service.ts).
  | 'erase'
  // An admin's extract of one care recipient's log (loggutdrag).
  | 'export'
  // A row removed for good (a role-mapping row), with what it held in details.
  | 'delete';

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
  /** A partner client acting (actor_role `partner`, actor_id the client id), when there is no user. */
  partner?: { clientId: string } | null;
  /** The client's User-Agent (first 300 characters): kept with a session that begins in this request, never in the audit row. */
  userAgent?: string | undefined;
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
  constructor(private readonly repo: AuditRepository) {}

  async record(source: AuditSource, entries: AuditEntry[], manager?: EntityManager): Promise<void> {
    if (entries.length === 0) return;
    await this.repo.insert(source, entries, manager);
  }

  /** Chains the rows written since the last run (one chainer at a time across instances). */
  chainPending(): Promise<number> {
    return this.repo.chainPending();
  }

  verifyChain(): Promise<ChainReport> {
    return this.repo.verifyChain();
  }

  /**
   * Whether `submitReviews` refused this caller the review with this client id because its recipient was
   * in a unit out of their scope: the evidence a hand-over needs (the refusal is audited when it happens).
   */
  wasRefusedForOtherUnit(actorId: string, recipientId: string, clientId: string): Promise<boolean> {
    return this.repo.hasRefusedSubmission(actorId, recipientId, clientId);
  }

  /**
   * Events of the caller's municipality; reading the audit log is itself recorded, with the filter used,
   * since the log says who read whose data.
   */
  async read(source: AuditSource & { principal: Principal }, filter: Omit<AuditFilter, 'municipalityId'>): Promise<AuditEventRow[]> {
    const rows = await this.repo.list({ ...filter, municipalityId: source.principal.municipalityId });
    const asked = Object.fromEntries(Object.entries(filter).filter(([, value]) => value !== undefined));
    await this.record(source, [
      {
        action: 'read',
        entityType: 'audit_event',
        entityId: null,
        careRecipientId: filter.careRecipientId ?? null,
        details: { ...asked, returned: rows.length },
      },
    ]);
    return rows;
  }

  /**
   * One care recipient's log for the person themselves (loggutdrag), as CSV; taking it is audited as an
   * `export` under the person, with the number of events it held. NOT_FOUND outside the municipality.
   */
  async extractForRecipient(source: AuditSource & { principal: Principal }, careRecipientId: string): Promise<{ csv: string; events: number }> {
    const rows = await this.repo.extractFor(source.principal.municipalityId, careRecipientId);
    if (!rows) throw notFound('Care recipient', 'careRecipientId');
    await this.record(source, [
      { action: 'export', entityType: 'audit_event', entityId: null, careRecipientId, details: { format: 'csv', events: rows.length } },
    ]);
    return { csv: logExtractCsv(rows), events: rows.length };
  }
}

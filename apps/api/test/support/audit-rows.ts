import type { TestServer } from './test-server.js';

/** An audit row as tests read it back. */
export interface AuditRow {
  action: string;
  entity_type: string;
  entity_id: string | null;
  care_recipient_id: string | null;
  actor_id: string | null;
  actor_role: string | null;
  details: Record<string, unknown> | null;
}

/** The audit rows one request wrote, oldest first. */
export const auditRowsOf = (server: TestServer, requestId: string): Promise<AuditRow[]> =>
  server.dataSource.query(
    `SELECT action, entity_type, entity_id, care_recipient_id, actor_id, actor_role, details FROM audit_event WHERE request_id = $1 ORDER BY id`,
    [requestId],
  );

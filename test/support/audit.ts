import type { TestApp } from './app.js';

/** An audit_events row as stored, with the whole row as JSON (to prove what it does not contain). */
export interface AuditRow {
  action: string;
  actor_user_id: string | null;
  entity_type: string;
  entity_id: string | null;
  changed_fields: string[];
  request_id: string | null;
  json: string;
}

/** The audit trail in the order it was written, optionally only one action. */
export async function auditRows(t: TestApp, action?: string): Promise<AuditRow[]> {
  return t.dataSource.query(
    `SELECT a.*, row_to_json(a)::text AS json FROM audit_events a
     WHERE $1::text IS NULL OR a.action = $1 ORDER BY a.occurred_at, a.id`,
    [action ?? null],
  );
}

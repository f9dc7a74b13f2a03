import { TransactionalAdapterTypeOrm, TransactionHost } from '@capability/platform';
import { Injectable } from '@nestjs/common';
import { SUBJECT_ACCESS_TABLES } from './subject-access.js';

/** The rows of every SUBJECT_ACCESS_TABLES table that lead to one candidate, in one statement. */
@Injectable()
export class SubjectAccessRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  async exists(candidateId: string): Promise<boolean> {
    const rows: unknown[] = await this.txHost.tx.query('SELECT 1 FROM candidates WHERE id = $1', [candidateId]);
    return rows.length > 0;
  }

  /** Table name → its rows as JSON (column names as the database has them) (in no particular order). */
  async rows(candidateId: string): Promise<Record<string, Record<string, unknown>[]>> {
    // The table and column names are this module's constants, never a request's.
    const parts = SUBJECT_ACCESS_TABLES.map((t) => {
      const match =
        t.via === 'candidate'
          ? `t.${t.column} = $1`
          : `t.${t.column} IN (SELECT a.id FROM applications a WHERE a.candidate_id = $1)`;
      const row = t.omit?.length ? `to_jsonb(t) - ARRAY[${t.omit.map((c) => `'${c}'`).join(', ')}]` : 'to_jsonb(t)';
      return `SELECT '${t.table}'::text AS name,
                     coalesce((SELECT jsonb_agg(${row}) FROM ${t.table} t WHERE ${match}), '[]'::jsonb) AS rows`;
    });
    const found: { name: string; rows: Record<string, unknown>[] }[] = await this.txHost.tx.query(
      parts.join('\nUNION ALL\n'),
      [candidateId],
    );
    return Object.fromEntries(found.map((f) => [f.name, f.rows]));
  }
}

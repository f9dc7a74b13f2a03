/**
 * The floor for GET /me/gaps: a bare node:http server and a pg pool of the same size running the same
 * statements as the API does for it (the scope check, the person's latest review and current role level, and
 * the gaps query), through the API's own repositories handed a plain pg pool instead of TypeORM, serialised as
 * JSON. No framework, no auth. Run as a process of its own by bench/reviews.bench.ts:
 * `node dist/bench/support/bare-gaps.js <port>` with DATABASE_URL set; `GET /gaps/<staff id>`.
 */
import type { TransactionalAdapterTypeOrm, TransactionHost } from '@capability/platform';
import { createServer } from 'node:http';
import pg from 'pg';
import { SkillGapsRepository } from '../../libs/reviews/src/skills/skill-gaps.repository.js';
import { StaffRepository } from '../../libs/workforce/src/staff.repository.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A transaction host whose `tx.query` is a plain pg query (pool or client): the repositories' SQL, nothing else. */
export function bareHost(pool: pg.Pool | pg.ClientBase): TransactionHost<TransactionalAdapterTypeOrm> {
  const tx = {
    query: async (sql: string, params: unknown[] = []): Promise<unknown[]> =>
      (await pool.query<Record<string, unknown>>(sql, params)).rows,
  };
  return { tx } as unknown as TransactionHost<TransactionalAdapterTypeOrm>;
}

/** What the service does for a member of staff asking for their own gaps against their own role level. */
export async function bareGaps(
  staff: StaffRepository,
  gaps: SkillGapsRepository,
  staffId: string,
): Promise<Record<string, unknown> | null> {
  const scope = { kind: 'some' as const, ownStaffId: staffId, teamOf: staffId, families: [] };
  if (!(await staff.existsInScope(staffId, scope))) return null;
  const latest = await gaps.latestReview(staffId);
  const roleLevel =
    (await gaps.currentRoleLevel(staffId)) ?? (latest ? await gaps.roleLevel(latest.roleLevelId) : null);
  if (!roleLevel) return null;
  const skills = (await gaps.gaps(staffId, roleLevel.id)).map((r) => ({ ...r, met: r.gap === 0 }));
  const total = skills.reduce((sum, s) => sum + s.gap, 0);
  return {
    staffId,
    reviewId: latest?.reviewId ?? null,
    cycleId: latest?.cycleId ?? null,
    roleLevel,
    against: roleLevel,
    skills,
    summary: {
      required: skills.length,
      met: skills.filter((s) => s.met).length,
      meanGap: skills.length ? Math.round((total / skills.length) * 100) / 100 : 0,
    },
  };
}

function main(): void {
  const port = Number(process.argv[2]);
  // eslint-disable-next-line n/no-process-env -- a standalone floor process configured by its parent
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.POOL_MAX ?? 10) });
  const host = bareHost(pool);
  const staff = new StaffRepository(host);
  const gaps = new SkillGapsRepository(host);
  const server = createServer((req, res) => {
    const id = /^\/gaps\/([^/?]+)/.exec(req.url ?? '')?.[1];
    if (!id || !UUID.test(id)) {
      res.writeHead(404).end();
      return;
    }
    bareGaps(staff, gaps, id).then(
      (body) => {
        if (!body) {
          res.writeHead(404).end();
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
      },
      () => res.writeHead(503).end(),
    );
  });
  server.listen(port, '127.0.0.1', () => process.stdout.write('ready\n'));
  process.once('SIGTERM', () => {
    server.close();
    void pool.end().then(() => process.exit(0));
  });
}

if (process.argv[1]?.endsWith('bare-gaps.js')) main();

/**
 * The floor for the point read: a bare node:http server and a pg pool of the same size running the same
 * joins as GET /api/v1/staff/:id, serialised as JSON. No framework, no auth. Run as a process of its
 * own by bench/load.bench.ts: `node dist/bench/support/bare-point-read.js <port>` with DATABASE_URL set.
 * PREPARED=true (the floor the target is judged on) runs it as a named prepared statement, as the API
 * does; PREPARED=false sends the text each time (parsed and planned per request), for comparison.
 */
import { createServer } from 'node:http';
import pg from 'pg';

export const POINT_READ_SQL = `
SELECT s.id, s.staff_number, s.full_name, s.work_email, s.employment_type, s.start_date, s.leaving_date, s.version,
       u.id AS unit_id, u.code AS unit_code, u.name AS unit_name,
       loc.id AS location_id, loc.code AS location_code, loc.name AS location_name,
       g.id AS grade_id, g.code AS grade_code, g.name AS grade_name,
       lm.id AS manager_id, lm.full_name AS manager_name,
       lvl.id AS level_id, lvl.slug AS level_slug, lvl.name AS level_name,
       rol.id AS role_id, rol.slug AS role_slug, rol.name AS role_name,
       fam.id AS family_id, fam.slug AS family_slug, fam.name AS family_name
FROM staff s
JOIN organisation_units u ON u.id = s.unit_id
LEFT JOIN locations loc ON loc.id = s.location_id
LEFT JOIN grades g ON g.id = s.grade_id
LEFT JOIN staff lm ON lm.id = s.line_manager_id
LEFT JOIN role_assignments cur ON cur.id = (
  SELECT ra2.id FROM role_assignments ra2
  WHERE ra2.staff_id = s.id AND ra2.is_primary AND ra2.starts_on <= current_date
    AND (ra2.ends_on IS NULL OR ra2.ends_on > current_date)
  ORDER BY ra2.starts_on DESC LIMIT 1)
LEFT JOIN role_levels lvl ON lvl.id = cur.role_level_id
LEFT JOIN roles rol ON rol.id = lvl.role_id
LEFT JOIN role_families fam ON fam.id = rol.role_family_id
WHERE s.id = $1`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function main(): void {
  const port = Number(process.argv[2]);
  // eslint-disable-next-line n/no-process-env -- a standalone floor process configured by its parent
  const prepared = process.env.PREPARED !== 'false';
  // eslint-disable-next-line n/no-process-env -- likewise
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.POOL_MAX ?? 10) });
  const server = createServer((req, res) => {
    const id = /^\/staff\/([^/?]+)/.exec(req.url ?? '')?.[1];
    if (!id || !UUID.test(id)) {
      res.writeHead(404).end();
      return;
    }
    const query = prepared
      ? { name: 'point_read', text: POINT_READ_SQL, values: [id] }
      : { text: POINT_READ_SQL, values: [id] };
    pool.query(query).then(
      ({ rows }) => {
        if (!rows[0]) {
          res.writeHead(404).end();
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(rows[0]));
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

if (process.argv[1]?.endsWith('bare-point-read.js')) main();

/**
 * The floor for the point read: a bare node:http server and a pg pool of the same size running the same
 * statement as GET /api/v1/staff/:id, serialised as JSON. No framework, no auth. Run as a process of its
 * own by bench/load.bench.ts: `node dist/bench/support/bare-point-read.js <port>` with DATABASE_URL set.
 * PREPARED=true (the floor the target is judged on) runs it as a named prepared statement, as the API
 * does; PREPARED=false sends the text each time (parsed and planned per request), for comparison.
 */
import { detailedStatement, today } from '@capability/workforce';
import { createServer } from 'node:http';
import pg from 'pg';

/** The API's own point-read statement, as it runs it for an actor who may see everyone (admin, HR). */
export const POINT_READ_SQL = detailedStatement('TRUE', 'TRUE');

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
      ? { name: 'point_read', text: POINT_READ_SQL, values: [id, today()] }
      : { text: POINT_READ_SQL, values: [id, today()] };
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

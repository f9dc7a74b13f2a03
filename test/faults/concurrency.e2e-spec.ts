/**
 * A5 R8 and R9 under real concurrency, on locations and staff (users are covered in
 * users.e2e-spec.ts and pagination-etag.e2e-spec.ts): many identical POSTs with one Idempotency-Key
 * make exactly one row; many PATCHes with the same If-Match let exactly one win. No fault is injected,
 * so this file uses the shared test server (its own cloned database).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { signedIn } from '../support/factories.js';
import { expectProblem } from '../support/problems.js';

const N = 12;

describe('concurrent duplicates and concurrent edits', () => {
  let t: TestApp;
  let auth: { Authorization: string };

  beforeAll(async () => {
    t = await createTestApp();
    auth = (await signedIn(t, { roles: ['admin'] })).auth;
  });

  afterAll(async () => {
    await t?.close();
  });

  it(`makes exactly one location of ${N} parallel identical POSTs with one Idempotency-Key`, async () => {
    const body = { code: 'RACE-1', name: 'Race Office', region: 'North West' };
    const responses = await Promise.all(
      Array.from({ length: N }, () =>
        t.http().post('/api/v1/locations').set(auth).set('Idempotency-Key', 'location-race-1').send(body),
      ),
    );

    const rows = await t.dataSource.query<{ id: string }[]>(`SELECT id FROM locations WHERE code = 'RACE-1'`);
    expect(rows).toHaveLength(1);
    const fresh = responses.filter((r) => r.status === 201 && r.headers['idempotent-replayed'] === undefined);
    expect(fresh).toHaveLength(1);
    expect(fresh[0]!.body.id).toBe(rows[0]!.id);
    for (const r of responses.filter((x) => x !== fresh[0])) {
      if (r.status === 409) {
        expectProblem(r, 409, 'idempotency-request-in-progress');
      } else {
        expect(r.status, r.text).toBe(201);
        expect(r.headers['idempotent-replayed']).toBe('true');
        expect(r.body).toEqual(fresh[0]!.body);
      }
    }
    // Once the first has finished, a retry is a replay of the same 201.
    const retry = await t
      .http()
      .post('/api/v1/locations')
      .set(auth)
      .set('Idempotency-Key', 'location-race-1')
      .send(body);
    expect(retry.status).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toEqual(fresh[0]!.body);
  });

  // A request whose process died (or whose release could not reach the database) leaves its key
  // `processing`; within the lease a retry is told 409, after it the same request may run again.
  it('lets the same request take over a key left processing past the lease, and nothing else', async () => {
    const body = { code: 'LEASE-1', name: 'Lease Office', region: 'Wales' };
    const post = (b: object) =>
      t.http().post('/api/v1/locations').set(auth).set('Idempotency-Key', 'location-lease-1').send(b);
    expect((await post(body)).status).toBe(201);
    // As if that request had died before its commit: no row, the key still processing.
    await t.dataSource.query(`DELETE FROM locations WHERE code = 'LEASE-1'`);
    const strand = (age: string) =>
      t.dataSource.query(
        `UPDATE idempotency_keys SET state = 'processing', response_status = NULL, response_body = NULL,
                created_at = now() - $1::interval WHERE key = 'location-lease-1'`,
        [age],
      );

    await strand('1 minute');
    expectProblem(await post(body), 409, 'idempotency-request-in-progress');

    await strand('10 minutes');
    expectProblem(await post({ ...body, name: 'Another Office' }), 422, 'idempotency-key-reused');
    const retried = await post(body);
    expect(retried.status, retried.text).toBe(201);
    expect(retried.headers['idempotent-replayed']).toBeUndefined();
    const replay = await post(body);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual(retried.body);
    expect(await t.dataSource.query(`SELECT id FROM locations WHERE code = 'LEASE-1'`)).toEqual([
      { id: retried.body.id },
    ]);
  });

  it(`lets exactly one of ${N} concurrent location PATCHes with the same If-Match win`, async () => {
    const created = await t
      .http()
      .post('/api/v1/locations')
      .set(auth)
      .send({ code: 'RACE-2', name: 'Edited Office', region: 'Wales' });
    expect(created.status).toBe(201);
    const read = await t.http().get(`/api/v1/locations/${created.body.id}`).set(auth);
    const etag = read.headers.etag as string;

    const responses = await Promise.all(
      Array.from({ length: N }, (_, i) =>
        t
          .http()
          .patch(`/api/v1/locations/${created.body.id}`)
          .set(auth)
          .set('If-Match', etag)
          .send({ name: `Edited Office ${i}` }),
      ),
    );

    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([200, ...Array.from({ length: N - 1 }, () => 412)]);
    for (const r of responses.filter((x) => x.status === 412)) expectProblem(r, 412, 'precondition-failed');
    const winner = responses.find((r) => r.status === 200)!;
    const [row] = await t.dataSource.query<{ name: string; version: number }[]>(
      `SELECT name, version FROM locations WHERE id = $1`,
      [created.body.id],
    );
    expect(row).toEqual({ name: winner.body.name, version: 2 });
  });

  it(`lets exactly one of ${N} concurrent staff PATCHes with the same If-Match win`, async () => {
    const unit = await t
      .http()
      .post('/api/v1/organisation-units')
      .set(auth)
      .send({ code: 'RACE-UNIT', name: 'Race Unit', type: 'department' });
    expect(unit.status, unit.text).toBe(201);
    const staff = await t.http().post('/api/v1/staff').set(auth).send({
      staffNumber: 'RACE-001',
      fullName: 'Race Person',
      unitId: unit.body.id,
      employmentType: 'permanent',
    });
    expect(staff.status, staff.text).toBe(201);
    const read = await t.http().get(`/api/v1/staff/${staff.body.id}`).set(auth);
    const etag = read.headers.etag as string;
    expect(etag).toBe('"1"');

    const responses = await Promise.all(
      Array.from({ length: N }, (_, i) =>
        t
          .http()
          .patch(`/api/v1/staff/${staff.body.id}`)
          .set(auth)
          .set('If-Match', etag)
          .send({ fullName: `Race Person ${i}` }),
      ),
    );

    expect(responses.filter((r) => r.status === 200)).toHaveLength(1);
    for (const r of responses.filter((x) => x.status !== 200)) expectProblem(r, 412, 'precondition-failed');
    const winner = responses.find((r) => r.status === 200)!;
    const [row] = await t.dataSource.query<{ full_name: string; version: number }[]>(
      `SELECT full_name, version FROM staff WHERE id = $1`,
      [staff.body.id],
    );
    expect(row).toEqual({ full_name: winner.body.fullName, version: 2 });
  });
});

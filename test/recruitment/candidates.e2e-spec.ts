import { CANDIDATE_CSV_COLUMNS } from '@capability/recruitment';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { auditRows } from '../support/audit.js';
import { signedIn } from '../support/factories.js';
import { expectProblem } from '../support/problems.js';
import { insertApplication, insertCandidate } from './pipeline-support.js';
import { API, gradeIds, insertCampaign, insertVacancy, levels, unit, type Auth } from './planning-support.js';

const CANDIDATES = `${API}/candidates`;

type Line = Partial<Record<(typeof CANDIDATE_CSV_COLUMNS)[number], string>>;
const quote = (cell: string): string => (/[",\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
const csvOf = (lines: Line[], columns: readonly string[] = CANDIDATE_CSV_COLUMNS): string =>
  [columns.join(','), ...lines.map((l) => columns.map((c) => quote(l[c as keyof Line] ?? '')).join(','))].join('\n') +
  '\n';

interface Candidate {
  id: string;
  fullName: string;
  email: string;
  partner: { id: string; name: string } | null;
  channel: string | null;
  rightToWork: string;
  retentionConsent: boolean;
  retentionConsentAt: string | null;
  version: number;
}

describe('recruitment candidates', () => {
  let t: TestApp;
  let as: Record<'hr' | 'hop' | 'staff', Auth>;
  let partnerId: string;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());
  beforeEach(async () => {
    await t.reset();
    as = {
      hr: (await signedIn(t, { roles: ['hr'] })).auth,
      hop: (await signedIn(t, { roles: ['head_of_profession'], roleFamilies: ['data'] })).auth,
      staff: (await signedIn(t, { roles: ['staff'] })).auth,
    };
    const [partner] = await t.dataSource.query<{ id: string }[]>(
      `INSERT INTO partners (name, kind, country, contract_starts_on) VALUES ('Leeds Graduate Partners', 'university', 'GB', '2026-01-01') RETURNING id`,
    );
    partnerId = partner!.id;
  });

  const create = (body: Record<string, unknown>, auth: Auth = as.hr, key: string = randomUUID()) =>
    t.http().post(CANDIDATES).set(auth).set('Idempotency-Key', key).send(body);
  const valid = (extra: Record<string, unknown> = {}) => ({
    fullName: 'Amara Okafor',
    email: 'Amara.Okafor@Example.org',
    phone: '+44 7700 900123',
    channel: 'job-board',
    university: 'University of Leeds',
    course: 'BSc Computer Science',
    graduationYear: 2026,
    ...extra,
  });
  const patch = (id: string, version: number | null, body: Record<string, unknown>) => {
    const req = t.http().patch(`${CANDIDATES}/${id}`).set(as.hr);
    if (version !== null) req.set('If-Match', `"${version}"`);
    return req.send(body);
  };
  const upload = (body: string, query: Record<string, string>, auth: Auth = as.hr) =>
    t.http().post(`${CANDIDATES}/import`).set(auth).set('Content-Type', 'text/csv').query(query).send(body);

  it('is created once per key, and a second with the same email in any case is 409 naming the first', async () => {
    const key = randomUUID();
    const first = await create(valid(), as.hr, key);
    expect(first.status, first.text).toBe(201);
    expect((await create(valid(), as.hr, key)).body).toEqual(first.body);
    const c = first.body as Candidate;
    expect(c).toMatchObject({
      email: 'Amara.Okafor@Example.org',
      channel: 'job-board',
      partner: null,
      rightToWork: 'not-yet-known',
      retentionConsent: false,
      retentionConsentAt: null,
      version: 1,
    });
    const dup = expectProblem(await create(valid({ email: 'AMARA.okafor@example.ORG' })), 409, 'duplicate-candidate');
    expect(dup).toMatchObject({ existingCandidateId: c.id, existingCandidate: `/api/v1/candidates/${c.id}` });

    const fromPartner = await create(
      valid({
        email: 'b@example.org',
        channel: undefined,
        partnerId,
        retentionConsent: true,
        rightToWork: 'confirmed',
      }),
    );
    expect(fromPartner.status, fromPartner.text).toBe(201);
    expect(fromPartner.body).toMatchObject({
      partner: { id: partnerId, name: 'Leeds Graduate Partners' },
      channel: null,
      retentionConsent: true,
      retentionConsentAt: expect.any(String),
    });
    expect((await auditRows(t, 'candidate.created')).map((r) => r.entity_id)).toEqual([
      c.id,
      (fromPartner.body as Candidate).id,
    ]);
    for (const row of await auditRows(t)) expect(row.json).not.toMatch(/okafor|Leeds|7700/i);
  });

  it('refuses what breaks its rules, naming the field, and writes nothing', async () => {
    const neither = expectProblem(await create(valid({ channel: null })), 422, 'candidate-invalid');
    expect(neither.errors).toEqual([
      { field: 'channel', message: 'give the partner the candidate came from, or else a channel' },
    ]);
    expectProblem(await create(valid({ partnerId })), 422, 'candidate-invalid');
    const unknown = expectProblem(
      await create(valid({ channel: undefined, partnerId: randomUUID() })),
      422,
      'candidate-invalid',
    );
    expect(unknown.errors).toEqual([{ field: 'partnerId', message: 'no such partner' }]);
    for (const bad of [
      { email: 'not an email' },
      { email: 'a@b' },
      { fullName: '   ' },
      { graduationYear: 1800 },
      { rightToWork: 'maybe' },
      { channel: 'carrier-pigeon' },
      { phone: 'call me' },
    ]) {
      expectProblem(await create(valid(bad)), 400, 'validation-failed');
    }
    for (const auth of [as.staff, as.hop]) expectProblem(await create(valid(), auth), 403, 'forbidden');
    const [{ n } = { n: -1 }] = await t.dataSource.query<{ n: number }[]>('SELECT count(*)::int AS n FROM candidates');
    expect(n).toBe(0);
  });

  it('is read by HR only, every read audited by id without a value; anyone else gets 404 or an empty list', async () => {
    const id = (await create(valid())).body as Candidate;
    const res = await t.http().get(`${CANDIDATES}/${id.id}`).set(as.hr);
    expect(res.status, res.text).toBe(200);
    expect(res.headers.etag).toBe('"1"');
    const [read] = await auditRows(t, 'candidate.read');
    expect(read).toMatchObject({ entity_type: 'candidate', entity_id: id.id, changed_fields: [] });
    expect(read!.json).not.toMatch(/okafor|Leeds/i);
    for (const auth of [as.staff, as.hop]) {
      expectProblem(await t.http().get(`${CANDIDATES}/${id.id}`).set(auth), 404, 'candidate-not-found');
      const list = await t.http().get(CANDIDATES).set(auth);
      expect(list.status).toBe(200);
      expect(list.body).toEqual({ items: [], nextCursor: null });
    }
    expectProblem(await t.http().get(`${CANDIDATES}/${randomUUID()}`).set(as.hr), 404, 'candidate-not-found');
    const list = await t.http().get(CANDIDATES).set(as.hr);
    expect((list.body as { items: Candidate[] }).items.map((c) => c.id)).toEqual([id.id]);
    expect((await auditRows(t, 'candidate.listed')).map((r) => r.entity_id)).toEqual([id.id]);
    expect((await auditRows(t, 'candidate.read')).length).toBe(1);
  });

  it('lists by keyset, filtered by partner, channel, vacancy and campaign', async () => {
    const [hrUser] = await t.dataSource.query<{ id: string }[]>(`SELECT id FROM users WHERE 'hr' = ANY(roles)`);
    const campaignId = await insertCampaign(t, hrUser!.id);
    const teamId = await unit(t, 'CND');
    const [level] = await levels(t, 'data', 1);
    const [grade] = await gradeIds(t, ['HEO']);
    const vacancyId = await insertVacancy(t, { campaignId, roleLevelId: level!.id, gradeId: grade!, unitId: teamId });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await insertCandidate(t, { partnerId: i < 2 ? partnerId : null }));
    await insertApplication(t, { candidateId: ids[3]!, vacancyId });
    const all = async (query: Record<string, string>): Promise<string[]> => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res = await t
          .http()
          .get(CANDIDATES)
          .query({ ...query, limit: '2', ...(cursor ? { cursor } : {}) })
          .set(as.hr);
        expect(res.status, res.text).toBe(200);
        const page = res.body as { items: Candidate[]; nextCursor: string | null };
        seen.push(...page.items.map((c) => c.id));
        cursor = page.nextCursor;
      } while (cursor);
      return seen;
    };
    expect((await all({})).sort()).toEqual([...ids].sort());
    expect((await all({ partnerId })).sort()).toEqual(ids.slice(0, 2).sort());
    expect((await all({ channel: 'job-board' })).sort()).toEqual(ids.slice(2).sort());
    expect(await all({ vacancyId })).toEqual([ids[3]]);
    expect(await all({ campaignId })).toEqual([ids[3]]);
    expectProblem(await t.http().get(CANDIDATES).query({ channel: 'fax' }).set(as.hr), 400, 'validation-failed');
  });

  it('is changed at the version read: email kept unique, a partner replacing a channel, consent dated', async () => {
    const a = (await create(valid())).body as Candidate;
    const b = (await create(valid({ email: 'second@example.org' }))).body as Candidate;
    expectProblem(await patch(a.id, null, { course: 'MSc' }), 428, 'precondition-required');
    expectProblem(await patch(a.id, 9, { course: 'MSc' }), 412, 'precondition-failed');
    const dup = expectProblem(await patch(b.id, 1, { email: 'AMARA.OKAFOR@example.org' }), 409, 'duplicate-candidate');
    expect(dup.existingCandidateId).toBe(a.id);
    expectProblem(await patch(a.id, 1, { fullName: null }), 400, 'validation-failed');
    expectProblem(await patch(a.id, 1, { partnerId, channel: 'event' }), 422, 'candidate-invalid');
    const res = await patch(a.id, 1, { partnerId, retentionConsent: true, email: 'amara.okafor@example.org' });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({
      partner: { id: partnerId },
      channel: null,
      retentionConsent: true,
      retentionConsentAt: expect.any(String),
      email: 'amara.okafor@example.org',
      version: 2,
    });
    const back = await patch(a.id, 2, { channel: 'referral', retentionConsent: false });
    expect(back.body).toMatchObject({
      partner: null,
      channel: 'referral',
      retentionConsent: false,
      retentionConsentAt: null,
    });
    // Nothing changed: no new version, no audit entry.
    expect((await patch(a.id, 3, { channel: 'referral' })).body).toMatchObject({ version: 3 });
    expect((await auditRows(t, 'candidate.updated')).map((r) => r.changed_fields)).toEqual([
      ['email', 'partnerId', 'channel', 'retentionConsent'],
      ['partnerId', 'channel', 'retentionConsent'],
    ]);
    expectProblem(
      await t.http().patch(`${CANDIDATES}/${a.id}`).set(as.staff).set('If-Match', '"3"').send({ course: 'x' }),
      403,
      'forbidden',
    );
  });

  describe('import', () => {
    const rows = (n: number, from = 0): Line[] =>
      Array.from({ length: n }, (_, i) => ({
        full_name: `Imported Candidate ${from + i}`,
        email: `imported.${from + i}@example.org`,
        phone: '+44 7700 900000',
        university: 'University of Hull',
        course: 'BSc Data Science',
        graduation_year: '2025',
        right_to_work: i % 2 ? 'confirmed' : '',
        retention_consent: i % 3 ? '' : 'true',
      }));
    const count = async (): Promise<number> =>
      (await t.dataSource.query<{ n: number }[]>('SELECT count(*)::int AS n FROM candidates'))[0]!.n;

    it('checks and counts on a dry run, then inserts new candidates all at once, leaving known emails alone', async () => {
      await insertCandidate(t, { email: 'IMPORTED.1@example.org' });
      const file = csvOf(rows(4));
      const dry = await upload(file, { channel: 'job-board', dryRun: 'true' });
      expect(dry.status, dry.text).toBe(200);
      expect(dry.body).toEqual({ dryRun: true, rows: 4, created: 3, existing: 1 });
      expect(await count()).toBe(1);
      const done = await upload(file, { partnerId });
      expect(done.status, done.text).toBe(201);
      expect(done.body).toEqual({ dryRun: false, rows: 4, created: 3, existing: 1 });
      const stored = await t.dataSource.query<
        {
          email: string;
          partner_id: string;
          channel: string | null;
          right_to_work: string;
          retention_consent: boolean;
          retention_consent_at: Date | null;
        }[]
      >(`SELECT * FROM candidates WHERE partner_id IS NOT NULL ORDER BY email`);
      expect(stored.map((c) => c.email)).toEqual([
        'imported.0@example.org',
        'imported.2@example.org',
        'imported.3@example.org',
      ]);
      expect(stored.every((c) => c.partner_id === partnerId && c.channel === null)).toBe(true);
      expect(stored.map((c) => c.right_to_work)).toEqual(['not-yet-known', 'not-yet-known', 'confirmed']);
      expect(stored.map((c) => c.retention_consent)).toEqual([true, false, true]);
      expect(stored.every((c) => (c.retention_consent_at !== null) === c.retention_consent)).toBe(true);
      // The same file again changes nothing.
      expect((await upload(file, { partnerId })).body).toEqual({ dryRun: false, rows: 4, created: 0, existing: 4 });
      const audits = await auditRows(t, 'candidates.imported');
      expect(audits).toHaveLength(2);
      expect(audits[0]!.json).not.toMatch(/imported\.|Hull/);
    });

    it('streams a large file through in one go', async () => {
      const res = await upload(csvOf(rows(5000)), { channel: 'civil-service-jobs' });
      expect(res.status, res.text).toBe(201);
      expect(res.body).toEqual({ dryRun: false, rows: 5000, created: 5000, existing: 0 });
      expect(await count()).toBe(5000);
    });

    it('writes nothing when any row is wrong, and says where each problem is', async () => {
      const lines = rows(5);
      lines[1] = { ...lines[1], email: 'not-an-email', graduation_year: '1700' };
      lines[3] = { ...lines[3], email: 'IMPORTED.0@EXAMPLE.ORG' };
      lines[4] = { ...lines[4], full_name: '', right_to_work: 'perhaps', retention_consent: 'yes' };
      const res = expectProblem(await upload(csvOf(lines), { channel: 'job-board' }), 422, 'import-invalid');
      expect(res.errors).toEqual([
        { row: 3, column: 'email', message: 'email must be an address such as name@example.org' },
        { row: 3, column: 'graduation_year', message: 'graduation_year must be a year from 1950 to 2100' },
        { row: 5, column: 'email', message: 'This email is also on row 2' },
        { row: 6, column: 'full_name', message: 'full_name is required' },
        {
          row: 6,
          column: 'right_to_work',
          message: 'right_to_work must be one of confirmed, time-limited, sponsorship-needed, not-yet-known',
        },
        { row: 6, column: 'retention_consent', message: 'retention_consent must be true or false' },
      ]);
      expect(res.errorCount).toBe(6);
      expect(await count()).toBe(0);
      const header = expectProblem(
        await upload(csvOf(rows(1), ['full_name', 'email', 'shoe_size']), { channel: 'job-board' }),
        422,
        'import-invalid',
      );
      expect((header.errors as { row: number; column: string }[]).every((e) => e.row === 1)).toBe(true);
      expectProblem(await upload('', { channel: 'job-board' }), 422, 'import-invalid');
    });

    it('needs to know where the file comes from, HR, and a CSV body', async () => {
      const file = csvOf(rows(1));
      expectProblem(await upload(file, {}), 400, 'validation-failed');
      expectProblem(await upload(file, { partnerId, channel: 'job-board' }), 400, 'validation-failed');
      expectProblem(await upload(file, { partnerId: randomUUID() }), 400, 'validation-failed');
      for (const auth of [as.staff, as.hop]) {
        expectProblem(await upload(file, { channel: 'job-board' }, auth), 403, 'forbidden');
      }
      expectProblem(
        await t.http().post(`${CANDIDATES}/import`).query({ channel: 'job-board' }).set(as.hr).send({ rows: [] }),
        415,
        'unsupported-media-type',
      );
      expect(await count()).toBe(0);
    });
  });
});

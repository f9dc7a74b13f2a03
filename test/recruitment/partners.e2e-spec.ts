import { Permission } from '@capability/auth';
import { PlanningPermission } from '@capability/recruitment';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { auditRows } from '../support/audit.js';
import { signedIn } from '../support/factories.js';
import { expectProblem } from '../support/problems.js';
import { API, type Auth } from './planning-support.js';

const PARTNERS = `${API}/partners`;

const overseas = {
  name: 'Bengaluru Graduate Talent Ltd',
  kind: 'supplier',
  country: 'IN',
  contractStartsOn: '2026-04-01',
  contractEndsOn: '2028-04-01',
  serviceLevels: [
    { metric: 'days-to-shortlist', target: 10 },
    { metric: 'offer-acceptance-rate', target: 75 },
    { metric: 'candidates-per-post', target: 4.5 },
  ],
  contacts: [
    { name: 'Asha Rao', jobTitle: 'Account manager', email: 'Asha.Rao@talent.example', phone: '+91 80 4000 0000' },
    { name: 'Support desk', email: 'support@talent.example' },
  ],
};

describe('recruitment partners', () => {
  let t: TestApp;
  let as: Record<'hr' | 'hop' | 'staff', Auth>;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());
  beforeEach(async () => {
    await t.reset();
    as = {
      hr: (await signedIn(t, { roles: ['hr'] })).auth,
      hop: (await signedIn(t, { roles: ['head_of_profession', 'staff'], roleFamilies: ['data'] })).auth,
      staff: (await signedIn(t, { roles: ['staff'] })).auth,
    };
  });

  const create = (auth: Auth, body: Record<string, unknown>, key: string = randomUUID()) =>
    t.http().post(PARTNERS).set(auth).set('Idempotency-Key', key).send(body);

  it('keeps its permission names equal to auth', () => {
    expect(PlanningPermission.PartnerRead).toBe(Permission.PartnerRead);
    expect(PlanningPermission.PartnerManage).toBe(Permission.PartnerManage);
  });

  it('records a partner with typed service levels and contacts, once per Idempotency-Key', async () => {
    const key = randomUUID();
    const first = await create(as.hr, overseas, key);
    expect(first.status, first.text).toBe(201);
    expect((await create(as.hr, overseas, key)).body).toEqual(first.body);
    expect(first.body).toMatchObject({
      name: overseas.name,
      kind: 'supplier',
      country: 'IN',
      contractEndsOn: '2028-04-01',
      version: 1,
      serviceLevels: [
        { metric: 'candidates-per-post', target: 4.5, direction: 'at-least' },
        { metric: 'days-to-shortlist', target: 10, direction: 'at-most' },
        { metric: 'offer-acceptance-rate', target: 75, direction: 'at-least' },
      ],
      contacts: [
        { name: 'Asha Rao', jobTitle: 'Account manager', email: 'asha.rao@talent.example', phone: '+91 80 4000 0000' },
        { name: 'Support desk', jobTitle: null, email: 'support@talent.example', phone: null },
      ],
    });
    // Same name: a conflict naming the rule.
    const dup = expectProblem(await create(as.hr, { ...overseas, serviceLevels: [] }), 409, 'conflict');
    expect(dup.constraint).toBe('uq_partners_name');
  });

  it('refuses bad input with problem+json and writes nothing', async () => {
    for (const [body, status, code] of [
      [{ ...overseas, country: 'XX' }, 400, 'validation-failed'],
      [{ ...overseas, country: 'in' }, 400, 'validation-failed'],
      [{ ...overseas, kind: 'broker' }, 400, 'validation-failed'],
      [{ ...overseas, contacts: [{ name: 'No email', email: 'not-an-email' }] }, 400, 'validation-failed'],
      [{ ...overseas, serviceLevels: [{ metric: 'speed', target: 1 }] }, 400, 'validation-failed'],
      [{ ...overseas, contractEndsOn: '2026-03-01' }, 422, 'partner-invalid'],
      [{ ...overseas, serviceLevels: [{ metric: 'days-to-shortlist', target: 2.5 }] }, 422, 'partner-invalid'],
      [{ ...overseas, serviceLevels: [{ metric: 'offer-acceptance-rate', target: 150 }] }, 422, 'partner-invalid'],
      [
        {
          ...overseas,
          serviceLevels: [
            { metric: 'days-to-shortlist', target: 5 },
            { metric: 'days-to-shortlist', target: 7 },
          ],
        },
        422,
        'partner-invalid',
      ],
    ] as const) {
      expectProblem(await create(as.hr, body), status, code);
    }
    const [row] = await t.dataSource.query<{ n: number }[]>('SELECT count(*)::int AS n FROM partners');
    expect(row!.n).toBe(0);
  });

  it('edits with If-Match: a list given replaces the list; an unchanged edit changes nothing; audits field names only', async () => {
    const made = (await create(as.hr, overseas)).body as { id: string };
    const path = `${PARTNERS}/${made.id}`;
    expectProblem(await t.http().patch(path).set(as.hr).send({ name: 'x' }), 428, 'precondition-required');
    expectProblem(
      await t.http().patch(path).set(as.hr).set('If-Match', '"2"').send({ name: 'x' }),
      412,
      'precondition-failed',
    );
    const read = await t.http().get(path).set(as.hr).expect(200);
    expect(read.headers['etag']).toBe('"1"');
    await t.http().get(path).set(as.hr).set('If-None-Match', '"1"').expect(304);
    const same = await t.http().patch(path).set(as.hr).set('If-Match', '"1"').send({ country: 'IN' });
    expect(same.body).toMatchObject({ version: 1 });
    const replaced = await t
      .http()
      .patch(path)
      .set(as.hr)
      .set('If-Match', '"1"')
      .send({ contacts: [{ name: 'New manager', email: 'new@talent.example' }], serviceLevels: [] });
    expect(replaced.status, replaced.text).toBe(200);
    expect(replaced.body).toMatchObject({ version: 2, serviceLevels: [], contacts: [{ name: 'New manager' }] });
    expectProblem(
      await t.http().patch(path).set(as.hr).set('If-Match', '"2"').send({ contacts: null }),
      400,
      'validation-failed',
    );
    const ended = await t.http().patch(path).set(as.hr).set('If-Match', '"2"').send({ contractEndsOn: '2027-01-01' });
    expect(ended.body).toMatchObject({ version: 3, contractEndsOn: '2027-01-01' });

    const audit = (await auditRows(t)).filter((a) => a.entity_type === 'partner');
    expect(audit.map((a) => [a.action, a.changed_fields])).toEqual([
      [
        'partner.created',
        ['name', 'kind', 'country', 'contractStartsOn', 'contractEndsOn', 'serviceLevels', 'contacts'],
      ],
      ['partner.updated', ['serviceLevels', 'contacts']],
      ['partner.updated', ['contractEndsOn']],
    ]);
    for (const a of audit) expect(a.json).not.toMatch(/talent\.example|Asha/);
  });

  it('is HR and admin business: heads of profession and staff are refused; lists page by name and filter', async () => {
    for (const [i, country] of ['GB', 'GB', 'IN', 'PL', 'GB'].entries()) {
      const kind = i < 2 ? 'university' : i === 4 ? 'agency' : 'supplier';
      expect((await create(as.hr, { ...overseas, name: `Partner ${5 - i}`, country, kind })).status).toBe(201);
    }
    const names = async (query: string) => {
      const out: string[] = [];
      let cursor: string | null = null;
      do {
        const res = await t
          .http()
          .get(`${PARTNERS}?limit=2${query}${cursor ? `&cursor=${cursor}` : ''}`)
          .set(as.hr)
          .expect(200);
        const page = res.body as { items: { name: string }[]; nextCursor: string | null };
        out.push(...page.items.map((p) => p.name));
        cursor = page.nextCursor;
      } while (cursor);
      return out;
    };
    expect(await names('')).toEqual(['Partner 1', 'Partner 2', 'Partner 3', 'Partner 4', 'Partner 5']);
    expect(await names('&country=GB')).toEqual(['Partner 1', 'Partner 4', 'Partner 5']);
    expect(await names('&kind=university&country=GB')).toEqual(['Partner 4', 'Partner 5']);
    const [one] = (await t.http().get(PARTNERS).set(as.hr)).body.items as { id: string }[];
    for (const auth of [as.hop, as.staff]) {
      expectProblem(await t.http().get(PARTNERS).set(auth), 403, 'forbidden');
      expectProblem(await t.http().get(`${PARTNERS}/${one!.id}`).set(auth), 403, 'forbidden');
      expectProblem(await create(auth, { ...overseas, name: 'Sneaky' }), 403, 'forbidden');
      expectProblem(
        await t.http().patch(`${PARTNERS}/${one!.id}`).set(auth).set('If-Match', '"1"').send({ name: 'Sneaky' }),
        403,
        'forbidden',
      );
    }
    expectProblem(await t.http().get(`${PARTNERS}/${randomUUID()}`).set(as.hr), 404, 'partner-not-found');
  });
});

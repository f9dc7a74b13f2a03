import { RetentionService } from '@capability/recruitment';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { createUser } from '../support/factories.js';
import { insertApplication, insertCandidate } from './pipeline-support.js';
import { gradeIds, insertCampaign, insertVacancy, levels, unit } from './planning-support.js';

/** Retention counts the months CANDIDATE_RETENTION_MONTHS says (test/recruitment/privacy.e2e-spec.ts: the rules). */
describe('the retention setting', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ CANDIDATE_RETENTION_MONTHS: '2' });
  });
  afterAll(async () => t?.close());

  it('anonymises an unsuccessful candidate two months after the close when the setting says two', async () => {
    const owner = await createUser(t, { roles: ['hr'] });
    const vacancyId = await insertVacancy(t, {
      campaignId: await insertCampaign(t, owner.id, 'open'),
      roleLevelId: (await levels(t, 'data', 1))[0]!.id,
      gradeId: (await gradeIds(t, ['SEO']))[0]!,
      unitId: await unit(t, 'RET'),
      state: 'closed',
    });
    await t.dataSource.query('UPDATE vacancies SET closed_at = $2 WHERE id = $1', [
      vacancyId,
      new Date('2026-01-15T00:00:00Z'),
    ]);
    const id = await insertCandidate(t);
    await insertApplication(t, { candidateId: id, vacancyId, stage: 'rejected' });
    const retention = t.app.get(RetentionService);
    expect(await retention.anonymiseDue(new Date('2026-03-14T00:00:00Z'))).toBe(0);
    expect(await retention.anonymiseDue(new Date('2026-03-15T00:00:00Z'))).toBe(1);
  });
});

import {
  FrameworkSeeder,
  FrameworkVersionsService,
  contentHash,
  contentOf,
  type FrameworkDocument,
} from '@capability/framework';
import { projectRoot } from '@capability/platform';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';

const TABLES = [
  'framework_versions',
  'role_families',
  'roles',
  'role_levels',
  'skills',
  'skill_levels',
  'skill_requirements',
  'role_skills',
] as const;

async function rowCounts(t: TestApp): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of TABLES) {
    const [row]: { n: number }[] = await t.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`);
    counts[table] = row?.n ?? 0;
  }
  return counts;
}

describe('the shipped framework (seeded into every test database)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it('is version 1, current, with exactly the published counts', async () => {
    const versions: { number: number; is_current: boolean; created_by_user_id: string | null }[] =
      await t.dataSource.query('SELECT number, is_current, created_by_user_id FROM framework_versions');
    expect(versions).toEqual([{ number: 1, is_current: true, created_by_user_id: null }]);
    expect(await rowCounts(t)).toEqual({
      framework_versions: 1,
      role_families: 8,
      roles: 52,
      role_levels: 201,
      skills: 188,
      skill_levels: 4,
      skill_requirements: 1797,
      role_skills: 28,
    });
  });

  it('stores the content losslessly: reading it back hashes to the shipped content hash', async () => {
    const shipped = JSON.parse(
      readFileSync(join(projectRoot(), 'libs/framework/data/ddat-framework.json'), 'utf8'),
    ) as FrameworkDocument;
    const [v1]: { id: string; content_hash: string }[] = await t.dataSource.query(
      'SELECT id, content_hash FROM framework_versions WHERE number = 1',
    );
    const stored = await t.app.get(FrameworkVersionsService).content(v1!.id);
    expect(contentHash(stored)).toBe(contentHash(contentOf(shipped)));
    expect(v1!.content_hash).toBe(contentHash(contentOf(shipped)));
  });

  it('changes nothing when it runs again', async () => {
    const before = await rowCounts(t);
    const ids: { id: string }[] = await t.dataSource.query('SELECT id FROM skill_requirements ORDER BY id');

    await t.app.get(FrameworkSeeder).seed();
    await t.app.get(FrameworkSeeder).seed();

    expect(await rowCounts(t)).toEqual(before);
    expect(await t.dataSource.query('SELECT id FROM skill_requirements ORDER BY id')).toEqual(ids);
  });
});

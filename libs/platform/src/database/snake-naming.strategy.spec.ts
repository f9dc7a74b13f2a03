import { Table } from 'typeorm';
import { describe, expect, it } from 'vitest';
import { snakeCase, SnakeNamingStrategy } from './snake-naming.strategy.js';

describe('snakeCase', () => {
  it.each([
    ['createdAt', 'created_at'],
    ['SkillReview', 'skill_review'],
    ['userId', 'user_id'],
    ['HTTPServer', 'http_server'],
    ['parseJSONBody', 'parse_json_body'],
    ['oidcIssuer', 'oidc_issuer'],
    ['level2Skill', 'level2_skill'],
    ['role-families', 'role_families'],
    ['already_snake', 'already_snake'],
    ['id', 'id'],
  ])('%s → %s', (input, expected) => {
    expect(snakeCase(input)).toBe(expected);
  });
});

describe('SnakeNamingStrategy', () => {
  const naming = new SnakeNamingStrategy();

  it('names tables and columns in snake_case', () => {
    expect(naming.tableName('SkillReview', undefined)).toBe('skill_review');
    expect(naming.tableName('SkillReview', 'skill_reviews')).toBe('skill_reviews');
    expect(naming.columnName('displayName', undefined, [])).toBe('display_name');
    expect(naming.columnName('ignored', 'customName', [])).toBe('custom_name');
    expect(naming.columnName('line1', undefined, ['homeAddress'])).toBe('home_address_line1');
    expect(naming.relationName('lineManager')).toBe('line_manager');
    expect(naming.joinColumnName('lineManager', 'id')).toBe('line_manager_id');
    expect(naming.joinTableName('staff', 'skills')).toBe('staff_skills');
    expect(naming.joinTableColumnName('staff', 'id')).toBe('staff_id');
  });

  it('names constraints pk_/fk_/uq_/ix_/ck_ after the table and columns', () => {
    expect(naming.primaryKeyName('skill_reviews', ['id'])).toBe('pk_skill_reviews');
    expect(naming.foreignKeyName('skill_reviews', ['staff_id'])).toBe('fk_skill_reviews_staff_id');
    expect(naming.uniqueConstraintName('skills', ['code'])).toBe('uq_skills_code');
    expect(naming.indexName('skill_reviews', ['staff_id', 'cycle'])).toBe('ix_skill_reviews_staff_id_cycle');
    expect(naming.relationConstraintName('skill_reviews', ['staff_id'])).toBe('rel_skill_reviews_staff_id');
    expect(naming.defaultConstraintName('skills', 'level')).toBe('df_skills_level');
    expect(naming.checkConstraintName('skill_reviews', 'level BETWEEN 1 AND 4')).toMatch(
      /^ck_skill_reviews_[0-9a-f]{8}$/,
    );
    expect(naming.checkConstraintName('skill_reviews', 'x', true)).toMatch(/^ck_skill_reviews_enum_[0-9a-f]{8}$/);
  });

  it('names after the table, not its schema, and accepts Table objects', () => {
    expect(naming.primaryKeyName('reporting.skill_reviews', ['id'])).toBe('pk_skill_reviews');
    expect(naming.foreignKeyName(new Table({ name: 'skill_reviews' }), ['staff_id'])).toBe('fk_skill_reviews_staff_id');
  });

  it('is deterministic, and distinct expressions give distinct check names', () => {
    const a = naming.checkConstraintName('t', 'a > 0');
    expect(naming.checkConstraintName('t', 'a > 0')).toBe(a);
    expect(naming.checkConstraintName('t', 'a > 1')).not.toBe(a);
  });

  it("keeps long names within PostgreSQL's 63-byte limit, readable and still unique", () => {
    const table = 'recruitment_campaign_candidate_assessments';
    const long1 = naming.foreignKeyName(table, ['assessor_line_manager_staff_id', 'campaign_id']);
    const long2 = naming.foreignKeyName(table, ['assessor_line_manager_staff_id', 'campaign_round']);
    for (const name of [long1, long2]) {
      expect(name.length).toBeLessThanOrEqual(63);
      expect(name).toMatch(/^fk_recruitment_campaign_candidate_assessments_/);
      expect(name).toMatch(/_[0-9a-f]{8}$/);
    }
    expect(long1).not.toBe(long2);
    const ix = naming.indexName(table, ['a'.repeat(40)]);
    expect(ix.length).toBeLessThanOrEqual(63);
    expect(ix.startsWith('ix_')).toBe(true);
  });

  it('leaves a name of exactly 63 characters alone', () => {
    const table = 't'.repeat(60); // pk_ + 60 = 63
    expect(naming.primaryKeyName(table, ['id'])).toBe(`pk_${table}`);
    expect(naming.primaryKeyName(`${table}x`, ['id'])).toHaveLength(63);
  });
});

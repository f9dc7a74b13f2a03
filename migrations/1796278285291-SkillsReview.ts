import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SkillsReview1796278285291 implements MigrationInterface {
  name = 'SkillsReview1796278285291';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "ix_skill_review_ratings_skill_id" ON "skill_review_ratings"  ("skill_id") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_skill_review_ratings_skill_id"`);
  }
}

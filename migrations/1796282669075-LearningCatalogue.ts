import type { MigrationInterface, QueryRunner } from 'typeorm';

export class LearningCatalogue1796282669075 implements MigrationInterface {
  name = 'LearningCatalogue1796282669075';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "learning_items" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" character varying(40) NOT NULL, "title" character varying(200) NOT NULL, "provider_kind" character varying(30) NOT NULL, "provider_name" character varying(200) NOT NULL, "format" character varying(30) NOT NULL, "hours" numeric(7,2), "url" character varying(2000), "description" text, "counts_towards_inclusion" boolean NOT NULL DEFAULT false, "inclusion_package" character varying(30), "active" boolean NOT NULL DEFAULT true, "starts_at" TIMESTAMP(3) WITH TIME ZONE, "ends_at" TIMESTAMP(3) WITH TIME ZONE, "location" character varying(200), "demo" boolean NOT NULL DEFAULT false, "created_by_user_id" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "ck_learning_items_event_order" CHECK (ends_at IS NULL OR starts_at IS NULL OR ends_at >= starts_at), CONSTRAINT "ck_learning_items_event_fields" CHECK ((format = 'event') = (starts_at IS NOT NULL AND ends_at IS NOT NULL AND location IS NOT NULL) AND (format = 'event' OR (starts_at IS NULL AND ends_at IS NULL AND location IS NULL))), CONSTRAINT "ck_learning_items_package_counts" CHECK (inclusion_package IS NULL OR counts_towards_inclusion), CONSTRAINT "ck_learning_items_inclusion_package" CHECK (inclusion_package IS NULL OR inclusion_package IN ('digital-awareness', 'digital-skills')), CONSTRAINT "ck_learning_items_hours_range" CHECK (hours IS NULL OR (hours > 0 AND hours <= 10000)), CONSTRAINT "ck_learning_items_format" CHECK (format IN ('course', 'e_learning', 'event', 'certification', 'shadowing_mentoring', 'self_directed')), CONSTRAINT "ck_learning_items_provider_kind" CHECK (provider_kind IN ('civil_service_learning', 'supplier', 'university', 'in_house')), CONSTRAINT "ck_learning_items_code_format" CHECK (code ~ '^[A-Z0-9]+(-[A-Z0-9]+)*$'), CONSTRAINT "pk_learning_items" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_learning_items_created_at_id" ON "learning_items"  ("created_at", "id") `,
    );
    await queryRunner.query(`CREATE INDEX "ix_learning_items_title_id" ON "learning_items"  ("title", "id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_learning_items_code" ON "learning_items"  ("code") `);
    // Case-insensitive "contains" search on title and description (GET /learning-items?q=): a trigram GIN
    // index serves LIKE '%…%' over the same expression the repository filters on.
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(
      `CREATE INDEX "ix_learning_items_search_trgm" ON "learning_items" USING gin ((lower("title" || ' ' || coalesce("description", ''))) gin_trgm_ops)`,
    );
    await queryRunner.query(
      `CREATE TABLE "learning_item_skills" ("item_id" uuid NOT NULL, "skill_slug" character varying(120) NOT NULL, "skill_id" uuid, "level" smallint NOT NULL, CONSTRAINT "ck_learning_item_skills_level_range" CHECK (level BETWEEN 1 AND 4), CONSTRAINT "pk_learning_item_skills" PRIMARY KEY ("item_id", "skill_slug"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_learning_item_skills_skill_id" ON "learning_item_skills"  ("skill_id") `);
    await queryRunner.query(
      `CREATE INDEX "ix_learning_item_skills_skill_slug_level" ON "learning_item_skills"  ("skill_slug", "level") `,
    );
    await queryRunner.query(
      `ALTER TABLE "learning_item_skills" ADD CONSTRAINT "fk_learning_item_skills_item_id" FOREIGN KEY ("item_id") REFERENCES "learning_items"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "learning_item_skills" ADD CONSTRAINT "fk_learning_item_skills_skill_id" FOREIGN KEY ("skill_id") REFERENCES "skills"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "learning_item_skills" DROP CONSTRAINT "fk_learning_item_skills_skill_id"`);
    await queryRunner.query(`ALTER TABLE "learning_item_skills" DROP CONSTRAINT "fk_learning_item_skills_item_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_learning_item_skills_skill_slug_level"`);
    await queryRunner.query(`DROP INDEX "public"."ix_learning_item_skills_skill_id"`);
    await queryRunner.query(`DROP TABLE "learning_item_skills"`);
    await queryRunner.query(`DROP INDEX "public"."ix_learning_items_search_trgm"`);
    await queryRunner.query(`DROP INDEX "public"."uq_learning_items_code"`);
    await queryRunner.query(`DROP INDEX "public"."ix_learning_items_title_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_learning_items_created_at_id"`);
    await queryRunner.query(`DROP TABLE "learning_items"`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Framework1795250085334 implements MigrationInterface {
  name = 'Framework1795250085334';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "framework_versions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "number" integer NOT NULL, "name" character varying(200) NOT NULL, "source" character varying(500) NOT NULL, "is_current" boolean NOT NULL DEFAULT false, "content_hash" character(64) NOT NULL, "created_by_user_id" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_framework_versions_number_positive" CHECK (number > 0), CONSTRAINT "pk_framework_versions" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_framework_versions_content_hash" ON "framework_versions"  ("content_hash") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_framework_versions_current" ON "framework_versions"  ("is_current") WHERE is_current`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_framework_versions_number" ON "framework_versions"  ("number") `);
    await queryRunner.query(
      `CREATE TABLE "role_families" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "version_id" uuid NOT NULL, "slug" character varying(100) NOT NULL, "name" character varying(200) NOT NULL, "position" smallint NOT NULL, CONSTRAINT "ck_role_families_position_positive" CHECK (position > 0), CONSTRAINT "ck_role_families_slug_format" CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'), CONSTRAINT "pk_role_families" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_role_families_version_name" ON "role_families"  ("version_id", "name") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_role_families_version_slug" ON "role_families"  ("version_id", "slug") `,
    );
    await queryRunner.query(
      `CREATE TABLE "roles" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "version_id" uuid NOT NULL, "role_family_id" uuid NOT NULL, "slug" character varying(100) NOT NULL, "name" character varying(200) NOT NULL, "description" text NOT NULL, "senior_civil_service" boolean NOT NULL DEFAULT false, "position" smallint NOT NULL, CONSTRAINT "ck_roles_position_positive" CHECK (position > 0), CONSTRAINT "ck_roles_slug_format" CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'), CONSTRAINT "pk_roles" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_roles_role_family_id" ON "roles"  ("role_family_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_roles_family_name" ON "roles"  ("role_family_id", "name") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_roles_version_slug" ON "roles"  ("version_id", "slug") `);
    await queryRunner.query(
      `CREATE TABLE "role_levels" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "version_id" uuid NOT NULL, "role_id" uuid NOT NULL, "slug" character varying(100) NOT NULL, "name" character varying(200) NOT NULL, "description" text NOT NULL, "position" smallint NOT NULL, CONSTRAINT "ck_role_levels_position_positive" CHECK (position > 0), CONSTRAINT "ck_role_levels_slug_format" CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'), CONSTRAINT "pk_role_levels" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_role_levels_role_name" ON "role_levels"  ("role_id", "name") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_role_levels_role_position" ON "role_levels"  ("role_id", "position") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_role_levels_version_slug" ON "role_levels"  ("version_id", "slug") `,
    );
    await queryRunner.query(
      `CREATE TABLE "skills" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "version_id" uuid NOT NULL, "slug" character varying(120) NOT NULL, "name" character varying(200) NOT NULL, "description" text, "awareness_text" text, "working_text" text, "practitioner_text" text, "expert_text" text, CONSTRAINT "ck_skills_slug_format" CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'), CONSTRAINT "pk_skills" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_skills_version_name" ON "skills"  ("version_id", "name") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_skills_version_slug" ON "skills"  ("version_id", "slug") `);
    await queryRunner.query(
      `CREATE TABLE "role_skills" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "role_id" uuid NOT NULL, "skill_id" uuid NOT NULL, "position" smallint NOT NULL, CONSTRAINT "ck_role_skills_position_positive" CHECK (position > 0), CONSTRAINT "pk_role_skills" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_role_skills_skill_id" ON "role_skills"  ("skill_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_role_skills_role_skill" ON "role_skills"  ("role_id", "skill_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "skill_levels" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "version_id" uuid NOT NULL, "level" smallint NOT NULL, "slug" character varying(30) NOT NULL, "name" character varying(50) NOT NULL, "summary" text NOT NULL, CONSTRAINT "ck_skill_levels_level_range" CHECK (level BETWEEN 1 AND 4), CONSTRAINT "pk_skill_levels" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_skill_levels_version_slug" ON "skill_levels"  ("version_id", "slug") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_skill_levels_version_level" ON "skill_levels"  ("version_id", "level") `,
    );
    await queryRunner.query(
      `CREATE TABLE "skill_requirements" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "version_id" uuid NOT NULL, "role_level_id" uuid NOT NULL, "skill_id" uuid NOT NULL, "required_level" smallint NOT NULL, "position" smallint NOT NULL, CONSTRAINT "ck_skill_requirements_required_level_range" CHECK (required_level BETWEEN 1 AND 4), CONSTRAINT "ck_skill_requirements_position_positive" CHECK (position > 0), CONSTRAINT "pk_skill_requirements" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_skill_requirements_version_id" ON "skill_requirements"  ("version_id") `);
    await queryRunner.query(`CREATE INDEX "ix_skill_requirements_skill_id" ON "skill_requirements"  ("skill_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_skill_requirements_role_level_position" ON "skill_requirements"  ("role_level_id", "position") `,
    );
    await queryRunner.query(
      `ALTER TABLE "role_families" ADD CONSTRAINT "fk_role_families_version_id" FOREIGN KEY ("version_id") REFERENCES "framework_versions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "roles" ADD CONSTRAINT "fk_roles_version_id" FOREIGN KEY ("version_id") REFERENCES "framework_versions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "roles" ADD CONSTRAINT "fk_roles_role_family_id" FOREIGN KEY ("role_family_id") REFERENCES "role_families"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "role_levels" ADD CONSTRAINT "fk_role_levels_version_id" FOREIGN KEY ("version_id") REFERENCES "framework_versions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "role_levels" ADD CONSTRAINT "fk_role_levels_role_id" FOREIGN KEY ("role_id") REFERENCES "roles"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "skills" ADD CONSTRAINT "fk_skills_version_id" FOREIGN KEY ("version_id") REFERENCES "framework_versions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "role_skills" ADD CONSTRAINT "fk_role_skills_role_id" FOREIGN KEY ("role_id") REFERENCES "roles"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "role_skills" ADD CONSTRAINT "fk_role_skills_skill_id" FOREIGN KEY ("skill_id") REFERENCES "skills"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "skill_levels" ADD CONSTRAINT "fk_skill_levels_version_id" FOREIGN KEY ("version_id") REFERENCES "framework_versions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "skill_requirements" ADD CONSTRAINT "fk_skill_requirements_version_id" FOREIGN KEY ("version_id") REFERENCES "framework_versions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "skill_requirements" ADD CONSTRAINT "fk_skill_requirements_role_level_id" FOREIGN KEY ("role_level_id") REFERENCES "role_levels"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "skill_requirements" ADD CONSTRAINT "fk_skill_requirements_skill_id" FOREIGN KEY ("skill_id") REFERENCES "skills"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "skill_requirements" DROP CONSTRAINT "fk_skill_requirements_skill_id"`);
    await queryRunner.query(`ALTER TABLE "skill_requirements" DROP CONSTRAINT "fk_skill_requirements_role_level_id"`);
    await queryRunner.query(`ALTER TABLE "skill_requirements" DROP CONSTRAINT "fk_skill_requirements_version_id"`);
    await queryRunner.query(`ALTER TABLE "skill_levels" DROP CONSTRAINT "fk_skill_levels_version_id"`);
    await queryRunner.query(`ALTER TABLE "role_skills" DROP CONSTRAINT "fk_role_skills_skill_id"`);
    await queryRunner.query(`ALTER TABLE "role_skills" DROP CONSTRAINT "fk_role_skills_role_id"`);
    await queryRunner.query(`ALTER TABLE "skills" DROP CONSTRAINT "fk_skills_version_id"`);
    await queryRunner.query(`ALTER TABLE "role_levels" DROP CONSTRAINT "fk_role_levels_role_id"`);
    await queryRunner.query(`ALTER TABLE "role_levels" DROP CONSTRAINT "fk_role_levels_version_id"`);
    await queryRunner.query(`ALTER TABLE "roles" DROP CONSTRAINT "fk_roles_role_family_id"`);
    await queryRunner.query(`ALTER TABLE "roles" DROP CONSTRAINT "fk_roles_version_id"`);
    await queryRunner.query(`ALTER TABLE "role_families" DROP CONSTRAINT "fk_role_families_version_id"`);
    await queryRunner.query(`DROP INDEX "public"."uq_skill_requirements_role_level_position"`);
    await queryRunner.query(`DROP INDEX "public"."ix_skill_requirements_skill_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_skill_requirements_version_id"`);
    await queryRunner.query(`DROP TABLE "skill_requirements"`);
    await queryRunner.query(`DROP INDEX "public"."uq_skill_levels_version_level"`);
    await queryRunner.query(`DROP INDEX "public"."uq_skill_levels_version_slug"`);
    await queryRunner.query(`DROP TABLE "skill_levels"`);
    await queryRunner.query(`DROP INDEX "public"."uq_role_skills_role_skill"`);
    await queryRunner.query(`DROP INDEX "public"."ix_role_skills_skill_id"`);
    await queryRunner.query(`DROP TABLE "role_skills"`);
    await queryRunner.query(`DROP INDEX "public"."uq_skills_version_slug"`);
    await queryRunner.query(`DROP INDEX "public"."uq_skills_version_name"`);
    await queryRunner.query(`DROP TABLE "skills"`);
    await queryRunner.query(`DROP INDEX "public"."uq_role_levels_version_slug"`);
    await queryRunner.query(`DROP INDEX "public"."uq_role_levels_role_position"`);
    await queryRunner.query(`DROP INDEX "public"."uq_role_levels_role_name"`);
    await queryRunner.query(`DROP TABLE "role_levels"`);
    await queryRunner.query(`DROP INDEX "public"."uq_roles_version_slug"`);
    await queryRunner.query(`DROP INDEX "public"."uq_roles_family_name"`);
    await queryRunner.query(`DROP INDEX "public"."ix_roles_role_family_id"`);
    await queryRunner.query(`DROP TABLE "roles"`);
    await queryRunner.query(`DROP INDEX "public"."uq_role_families_version_slug"`);
    await queryRunner.query(`DROP INDEX "public"."uq_role_families_version_name"`);
    await queryRunner.query(`DROP TABLE "role_families"`);
    await queryRunner.query(`DROP INDEX "public"."uq_framework_versions_number"`);
    await queryRunner.query(`DROP INDEX "public"."uq_framework_versions_current"`);
    await queryRunner.query(`DROP INDEX "public"."uq_framework_versions_content_hash"`);
    await queryRunner.query(`DROP TABLE "framework_versions"`);
  }
}

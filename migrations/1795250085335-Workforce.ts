import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Workforce1795250085335 implements MigrationInterface {
  name = 'Workforce1795250085335';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "grades" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" character varying(10) NOT NULL, "name" character varying(100) NOT NULL, "rank" smallint NOT NULL, "group" character varying(30) NOT NULL, "broad_grade" character varying(30) NOT NULL, CONSTRAINT "ck_grades_group" CHECK ("group" IN ('delegated', 'senior_civil_service')), CONSTRAINT "pk_grades" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_grades_code" ON "grades"  ("code") `);
    await queryRunner.query(
      `CREATE TABLE "locations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" character varying(50) NOT NULL, "name" character varying(200) NOT NULL, "region" character varying(100) NOT NULL, "is_regional_hub" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "pk_locations" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_locations_name" ON "locations"  ("name") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_locations_code" ON "locations"  ("code") `);
    await queryRunner.query(
      `CREATE TABLE "organisation_units" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" character varying(50) NOT NULL, "name" character varying(200) NOT NULL, "type" character varying(20) NOT NULL, "parent_id" uuid, "path" uuid array NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "ck_organisation_units_path_ends_with_self" CHECK (path[cardinality(path)] = id), CONSTRAINT "ck_organisation_units_not_own_parent" CHECK (parent_id IS NULL OR parent_id <> id), CONSTRAINT "ck_organisation_units_type" CHECK (type IN ('department', 'agency', 'directorate', 'team')), CONSTRAINT "pk_organisation_units" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_organisation_units_path" ON "organisation_units" USING gin ("path")`);
    await queryRunner.query(`CREATE INDEX "ix_organisation_units_parent_id" ON "organisation_units"  ("parent_id") `);
    await queryRunner.query(`CREATE INDEX "ix_organisation_units_name_id" ON "organisation_units"  ("name", "id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_organisation_units_code" ON "organisation_units"  ("code") `);
    await queryRunner.query(
      `CREATE TABLE "staff" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "staff_number" character varying(30) NOT NULL, "full_name" character varying(200) NOT NULL, "work_email" character varying(254), "unit_id" uuid NOT NULL, "location_id" uuid, "grade_id" uuid, "employment_type" character varying(20) NOT NULL, "line_manager_id" uuid, "start_date" date, "leaving_date" date, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "ck_staff_work_email_lowercase" CHECK (work_email IS NULL OR work_email = lower(work_email)), CONSTRAINT "ck_staff_leaving_after_start" CHECK (leaving_date IS NULL OR start_date IS NULL OR leaving_date >= start_date), CONSTRAINT "ck_staff_not_own_manager" CHECK (line_manager_id IS NULL OR line_manager_id <> id), CONSTRAINT "ck_staff_employment_type" CHECK (employment_type IN ('permanent', 'fixed_term', 'apprentice', 'secondee', 'interim', 'contractor')), CONSTRAINT "pk_staff" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_staff_full_name_id" ON "staff"  ("full_name", "id") `);
    await queryRunner.query(`CREATE INDEX "ix_staff_created_at_id" ON "staff"  ("created_at", "id") `);
    await queryRunner.query(`CREATE INDEX "ix_staff_line_manager_id" ON "staff"  ("line_manager_id") `);
    await queryRunner.query(`CREATE INDEX "ix_staff_unit_id" ON "staff"  ("unit_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_staff_staff_number" ON "staff"  ("staff_number") `);
    // Case-insensitive "contains" search on name and staff number (GET /staff?q=): trigram GIN indexes
    // serve LIKE '%…%'. pg_trgm ships with PostgreSQL (contrib) and is a trusted extension.
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(
      `CREATE INDEX "ix_staff_full_name_trgm" ON "staff" USING gin (lower("full_name") gin_trgm_ops)`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_staff_staff_number_trgm" ON "staff" USING gin (lower("staff_number") gin_trgm_ops)`,
    );
    await queryRunner.query(
      `CREATE TABLE "role_assignments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "staff_id" uuid NOT NULL, "role_level_id" uuid NOT NULL, "is_primary" boolean NOT NULL DEFAULT true, "starts_on" date NOT NULL, "ends_on" date, "created_by_user_id" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_role_assignments_ends_after_start" CHECK (ends_on IS NULL OR ends_on > starts_on), CONSTRAINT "pk_role_assignments" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_role_assignments_one_open_primary" ON "role_assignments"  ("staff_id") WHERE is_primary AND ends_on IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_role_assignments_role_level_id" ON "role_assignments"  ("role_level_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_role_assignments_staff_id_starts_on" ON "role_assignments"  ("staff_id", "starts_on") `,
    );
    await queryRunner.query(
      `ALTER TABLE "organisation_units" ADD CONSTRAINT "fk_organisation_units_parent_id" FOREIGN KEY ("parent_id") REFERENCES "organisation_units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "staff" ADD CONSTRAINT "fk_staff_unit_id" FOREIGN KEY ("unit_id") REFERENCES "organisation_units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "staff" ADD CONSTRAINT "fk_staff_location_id" FOREIGN KEY ("location_id") REFERENCES "locations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "staff" ADD CONSTRAINT "fk_staff_grade_id" FOREIGN KEY ("grade_id") REFERENCES "grades"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "staff" ADD CONSTRAINT "fk_staff_line_manager_id" FOREIGN KEY ("line_manager_id") REFERENCES "staff"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "role_assignments" ADD CONSTRAINT "fk_role_assignments_staff_id" FOREIGN KEY ("staff_id") REFERENCES "staff"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "role_assignments" ADD CONSTRAINT "fk_role_assignments_role_level_id" FOREIGN KEY ("role_level_id") REFERENCES "role_levels"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "users" ADD CONSTRAINT "fk_users_staff_id" FOREIGN KEY ("staff_id") REFERENCES "staff"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "fk_users_staff_id"`);
    await queryRunner.query(`ALTER TABLE "role_assignments" DROP CONSTRAINT "fk_role_assignments_role_level_id"`);
    await queryRunner.query(`ALTER TABLE "role_assignments" DROP CONSTRAINT "fk_role_assignments_staff_id"`);
    await queryRunner.query(`ALTER TABLE "staff" DROP CONSTRAINT "fk_staff_line_manager_id"`);
    await queryRunner.query(`ALTER TABLE "staff" DROP CONSTRAINT "fk_staff_grade_id"`);
    await queryRunner.query(`ALTER TABLE "staff" DROP CONSTRAINT "fk_staff_location_id"`);
    await queryRunner.query(`ALTER TABLE "staff" DROP CONSTRAINT "fk_staff_unit_id"`);
    await queryRunner.query(`ALTER TABLE "organisation_units" DROP CONSTRAINT "fk_organisation_units_parent_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_role_assignments_staff_id_starts_on"`);
    await queryRunner.query(`DROP INDEX "public"."ix_role_assignments_role_level_id"`);
    await queryRunner.query(`DROP INDEX "public"."uq_role_assignments_one_open_primary"`);
    await queryRunner.query(`DROP TABLE "role_assignments"`);
    await queryRunner.query(`DROP INDEX "public"."ix_staff_staff_number_trgm"`);
    await queryRunner.query(`DROP INDEX "public"."ix_staff_full_name_trgm"`);
    // pg_trgm stays: other schemas in the database may use it.
    await queryRunner.query(`DROP INDEX "public"."uq_staff_staff_number"`);
    await queryRunner.query(`DROP INDEX "public"."ix_staff_unit_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_staff_line_manager_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_staff_created_at_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_staff_full_name_id"`);
    await queryRunner.query(`DROP TABLE "staff"`);
    await queryRunner.query(`DROP INDEX "public"."uq_organisation_units_code"`);
    await queryRunner.query(`DROP INDEX "public"."ix_organisation_units_name_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_organisation_units_parent_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_organisation_units_path"`);
    await queryRunner.query(`DROP TABLE "organisation_units"`);
    await queryRunner.query(`DROP INDEX "public"."uq_locations_code"`);
    await queryRunner.query(`DROP INDEX "public"."uq_locations_name"`);
    await queryRunner.query(`DROP TABLE "locations"`);
    await queryRunner.query(`DROP INDEX "public"."uq_grades_code"`);
    await queryRunner.query(`DROP TABLE "grades"`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

export class RecruitmentPlanning1796290691208 implements MigrationInterface {
  name = 'RecruitmentPlanning1796290691208';

  async up(queryRunner: QueryRunner): Promise<void> {
    // The establishment's exclusion constraint compares uuids with = inside a GiST index, which btree_gist
    // provides. It ships with PostgreSQL (contrib) and is a trusted extension.
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
    await queryRunner.query(
      `CREATE TABLE "campaigns" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "title" character varying(200) NOT NULL, "kind" character varying(20) NOT NULL, "owner_user_id" uuid NOT NULL, "starts_on" date NOT NULL, "ends_on" date NOT NULL, "target_hires" integer NOT NULL, "state" character varying(10) NOT NULL DEFAULT 'draft', "opened_at" TIMESTAMP(3) WITH TIME ZONE, "closed_at" TIMESTAMP(3) WITH TIME ZONE, "created_by_user_id" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "ck_campaigns_closed" CHECK ((state = 'closed') = (closed_at IS NOT NULL)), CONSTRAINT "ck_campaigns_opened" CHECK (state = 'draft' OR opened_at IS NOT NULL), CONSTRAINT "ck_campaigns_target_hires" CHECK (target_hires BETWEEN 1 AND 10000), CONSTRAINT "ck_campaigns_period" CHECK (ends_on >= starts_on), CONSTRAINT "ck_campaigns_title_length" CHECK (char_length(title) BETWEEN 1 AND 200), CONSTRAINT "ck_campaigns_state" CHECK (state IN ('draft', 'open', 'closed')), CONSTRAINT "ck_campaigns_kind" CHECK (kind IN ('graduate', 'apprenticeship', 'specialist', 'interim')), CONSTRAINT "pk_campaigns" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_campaigns_owner_user_id" ON "campaigns"  ("owner_user_id") `);
    await queryRunner.query(`CREATE INDEX "ix_campaigns_created_at_id" ON "campaigns"  ("created_at", "id") `);
    await queryRunner.query(
      `CREATE TABLE "campaign_gap_role_levels" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "campaign_id" uuid NOT NULL, "role_level_id" uuid NOT NULL, CONSTRAINT "pk_campaign_gap_role_levels" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_campaign_gap_role_levels_role_level_id" ON "campaign_gap_role_levels"  ("role_level_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_campaign_gap_role_levels_campaign_role_level" ON "campaign_gap_role_levels"  ("campaign_id", "role_level_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "campaign_gap_skills" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "campaign_id" uuid NOT NULL, "skill_slug" character varying(120) NOT NULL, "skill_id" uuid NOT NULL, CONSTRAINT "pk_campaign_gap_skills" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_campaign_gap_skills_skill_id" ON "campaign_gap_skills"  ("skill_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_campaign_gap_skills_campaign_skill_slug" ON "campaign_gap_skills"  ("campaign_id", "skill_slug") `,
    );
    await queryRunner.query(
      `CREATE TABLE "partners" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(200) NOT NULL, "kind" character varying(20) NOT NULL, "country" character(2) NOT NULL, "contract_starts_on" date NOT NULL, "contract_ends_on" date, "created_by_user_id" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "ck_partners_contract_period" CHECK (contract_ends_on IS NULL OR contract_ends_on > contract_starts_on), CONSTRAINT "ck_partners_name_length" CHECK (char_length(name) BETWEEN 1 AND 200), CONSTRAINT "ck_partners_country" CHECK (country ~ '^[A-Z]{2}$'), CONSTRAINT "ck_partners_kind" CHECK (kind IN ('university', 'supplier', 'agency')), CONSTRAINT "pk_partners" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_partners_created_at_id" ON "partners"  ("created_at", "id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_partners_name" ON "partners"  ("name") `);
    await queryRunner.query(
      `CREATE TABLE "campaign_partners" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "campaign_id" uuid NOT NULL, "partner_id" uuid NOT NULL, CONSTRAINT "pk_campaign_partners" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_campaign_partners_partner_id" ON "campaign_partners"  ("partner_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_campaign_partners_campaign_partner" ON "campaign_partners"  ("campaign_id", "partner_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "establishment_posts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "unit_id" uuid NOT NULL, "role_level_id" uuid NOT NULL, "grade_id" uuid NOT NULL, "funded_posts" integer NOT NULL, "starts_on" date NOT NULL, "ends_on" date, "created_by_user_id" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "ck_establishment_posts_period" CHECK (ends_on IS NULL OR ends_on > starts_on), CONSTRAINT "ck_establishment_posts_funded_posts" CHECK (funded_posts BETWEEN 1 AND 10000), CONSTRAINT "ex_establishment_posts_no_overlap" EXCLUDE USING gist (unit_id WITH =, role_level_id WITH =, grade_id WITH =, daterange(starts_on, ends_on, '[)') WITH &&), CONSTRAINT "pk_establishment_posts" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_establishment_posts_grade_id" ON "establishment_posts"  ("grade_id") `);
    await queryRunner.query(
      `CREATE INDEX "ix_establishment_posts_role_level_id" ON "establishment_posts"  ("role_level_id") `,
    );
    await queryRunner.query(`CREATE INDEX "ix_establishment_posts_unit_id" ON "establishment_posts"  ("unit_id") `);
    await queryRunner.query(
      `CREATE INDEX "ix_establishment_posts_created_at_id" ON "establishment_posts"  ("created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "partner_contacts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "partner_id" uuid NOT NULL, "position" smallint NOT NULL, "name" character varying(200) NOT NULL, "job_title" character varying(200), "email" character varying(254), "phone" character varying(40), CONSTRAINT "ck_partner_contacts_email_lowercase" CHECK (email IS NULL OR email = lower(email)), CONSTRAINT "ck_partner_contacts_name_length" CHECK (char_length(name) BETWEEN 1 AND 200), CONSTRAINT "pk_partner_contacts" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_partner_contacts_partner_position" ON "partner_contacts"  ("partner_id", "position") `,
    );
    await queryRunner.query(`CREATE TABLE "partner_service_levels" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "partner_id" uuid NOT NULL, "metric" character varying(30) NOT NULL, "target" numeric(6,1) NOT NULL, CONSTRAINT "ck_partner_service_levels_target_range" CHECK ((metric = 'days-to-shortlist' AND target BETWEEN 1 AND 365 AND target = trunc(target))
   OR (metric = 'offer-acceptance-rate' AND target BETWEEN 0 AND 100)
   OR (metric = 'candidates-per-post' AND target BETWEEN 0 AND 1000)), CONSTRAINT "ck_partner_service_levels_metric" CHECK (metric IN ('days-to-shortlist', 'offer-acceptance-rate', 'candidates-per-post')), CONSTRAINT "pk_partner_service_levels" PRIMARY KEY ("id"))`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_partner_service_levels_partner_metric" ON "partner_service_levels"  ("partner_id", "metric") `,
    );
    await queryRunner.query(
      `CREATE TABLE "vacancies" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "campaign_id" uuid NOT NULL, "title" character varying(200) NOT NULL, "role_level_id" uuid NOT NULL, "grade_id" uuid NOT NULL, "unit_id" uuid NOT NULL, "posts" integer NOT NULL, "salary_min" integer NOT NULL, "salary_max" integer NOT NULL, "closes_on" date NOT NULL, "required_checks" character varying(30) array NOT NULL, "reserve_list_months" smallint NOT NULL DEFAULT '12', "state" character varying(10) NOT NULL DEFAULT 'draft', "opened_at" TIMESTAMP(3) WITH TIME ZONE, "closed_at" TIMESTAMP(3) WITH TIME ZONE, "withdrawn_at" TIMESTAMP(3) WITH TIME ZONE, "created_by_user_id" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "ck_vacancies_withdrawn" CHECK ((state = 'withdrawn') = (withdrawn_at IS NOT NULL)), CONSTRAINT "ck_vacancies_closed" CHECK ((state = 'closed') = (closed_at IS NOT NULL)), CONSTRAINT "ck_vacancies_opened" CHECK (state IN ('draft', 'withdrawn') OR opened_at IS NOT NULL), CONSTRAINT "ck_vacancies_required_checks" CHECK (required_checks <@ ARRAY['right-to-work', 'bpss', 'references', 'employment-history', 'criminal-record', 'health', 'qualifications', 'counter-terrorist-check', 'security-clearance', 'developed-vetting']::varchar[] AND 'right-to-work' = ANY(required_checks)), CONSTRAINT "ck_vacancies_reserve_list_months" CHECK (reserve_list_months BETWEEN 1 AND 24), CONSTRAINT "ck_vacancies_salary_range" CHECK (salary_min >= 0 AND salary_max <= 1000000 AND salary_min <= salary_max), CONSTRAINT "ck_vacancies_posts" CHECK (posts BETWEEN 1 AND 1000), CONSTRAINT "ck_vacancies_title_length" CHECK (char_length(title) BETWEEN 1 AND 200), CONSTRAINT "ck_vacancies_state" CHECK (state IN ('draft', 'open', 'closed', 'withdrawn')), CONSTRAINT "pk_vacancies" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_vacancies_grade_id" ON "vacancies"  ("grade_id") `);
    await queryRunner.query(`CREATE INDEX "ix_vacancies_unit_id" ON "vacancies"  ("unit_id") `);
    await queryRunner.query(`CREATE INDEX "ix_vacancies_role_level_id" ON "vacancies"  ("role_level_id") `);
    await queryRunner.query(`CREATE INDEX "ix_vacancies_campaign_id" ON "vacancies"  ("campaign_id") `);
    await queryRunner.query(`CREATE INDEX "ix_vacancies_created_at_id" ON "vacancies"  ("created_at", "id") `);
    await queryRunner.query(
      `CREATE TABLE "vacancy_locations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "vacancy_id" uuid NOT NULL, "location_id" uuid NOT NULL, CONSTRAINT "pk_vacancy_locations" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_vacancy_locations_location_id" ON "vacancy_locations"  ("location_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_vacancy_locations_vacancy_location" ON "vacancy_locations"  ("vacancy_id", "location_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "vacancy_panel_members" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "vacancy_id" uuid NOT NULL, "user_id" uuid NOT NULL, "is_chair" boolean NOT NULL DEFAULT false, CONSTRAINT "pk_vacancy_panel_members" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_vacancy_panel_members_user_id" ON "vacancy_panel_members"  ("user_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_vacancy_panel_members_one_chair" ON "vacancy_panel_members"  ("vacancy_id") WHERE is_chair`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_vacancy_panel_members_vacancy_user" ON "vacancy_panel_members"  ("vacancy_id", "user_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "campaign_gap_role_levels" ADD CONSTRAINT "fk_campaign_gap_role_levels_campaign_id" FOREIGN KEY ("campaign_id") REFERENCES "campaigns"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "campaign_gap_role_levels" ADD CONSTRAINT "fk_campaign_gap_role_levels_role_level_id" FOREIGN KEY ("role_level_id") REFERENCES "role_levels"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "campaign_gap_skills" ADD CONSTRAINT "fk_campaign_gap_skills_campaign_id" FOREIGN KEY ("campaign_id") REFERENCES "campaigns"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "campaign_gap_skills" ADD CONSTRAINT "fk_campaign_gap_skills_skill_id" FOREIGN KEY ("skill_id") REFERENCES "skills"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "campaign_partners" ADD CONSTRAINT "fk_campaign_partners_campaign_id" FOREIGN KEY ("campaign_id") REFERENCES "campaigns"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "campaign_partners" ADD CONSTRAINT "fk_campaign_partners_partner_id" FOREIGN KEY ("partner_id") REFERENCES "partners"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "establishment_posts" ADD CONSTRAINT "fk_establishment_posts_unit_id" FOREIGN KEY ("unit_id") REFERENCES "organisation_units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "establishment_posts" ADD CONSTRAINT "fk_establishment_posts_role_level_id" FOREIGN KEY ("role_level_id") REFERENCES "role_levels"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "establishment_posts" ADD CONSTRAINT "fk_establishment_posts_grade_id" FOREIGN KEY ("grade_id") REFERENCES "grades"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "partner_contacts" ADD CONSTRAINT "fk_partner_contacts_partner_id" FOREIGN KEY ("partner_id") REFERENCES "partners"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "partner_service_levels" ADD CONSTRAINT "fk_partner_service_levels_partner_id" FOREIGN KEY ("partner_id") REFERENCES "partners"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "vacancies" ADD CONSTRAINT "fk_vacancies_campaign_id" FOREIGN KEY ("campaign_id") REFERENCES "campaigns"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "vacancies" ADD CONSTRAINT "fk_vacancies_role_level_id" FOREIGN KEY ("role_level_id") REFERENCES "role_levels"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "vacancies" ADD CONSTRAINT "fk_vacancies_grade_id" FOREIGN KEY ("grade_id") REFERENCES "grades"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "vacancies" ADD CONSTRAINT "fk_vacancies_unit_id" FOREIGN KEY ("unit_id") REFERENCES "organisation_units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "vacancy_locations" ADD CONSTRAINT "fk_vacancy_locations_vacancy_id" FOREIGN KEY ("vacancy_id") REFERENCES "vacancies"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "vacancy_locations" ADD CONSTRAINT "fk_vacancy_locations_location_id" FOREIGN KEY ("location_id") REFERENCES "locations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "vacancy_panel_members" ADD CONSTRAINT "fk_vacancy_panel_members_vacancy_id" FOREIGN KEY ("vacancy_id") REFERENCES "vacancies"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    // The seam between planning and applications: one row per accepted offer whose person is not yet in post (no
    // staff record yet, or one that starts after today), which the establishment summary counts. Empty until
    // applications exist; their migration replaces it (CREATE OR REPLACE VIEW, these columns first, in this order).
    // A hand-written view: TypeORM neither generates nor drops it.
    await queryRunner.query(
      `CREATE VIEW "recruitment_offers_awaiting_start" AS
         SELECT v.id AS vacancy_id, v.unit_id, v.role_level_id, NULL::date AS expected_start_on
           FROM vacancies v WHERE false`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP VIEW "recruitment_offers_awaiting_start"`);
    await queryRunner.query(
      `ALTER TABLE "vacancy_panel_members" DROP CONSTRAINT "fk_vacancy_panel_members_vacancy_id"`,
    );
    await queryRunner.query(`ALTER TABLE "vacancy_locations" DROP CONSTRAINT "fk_vacancy_locations_location_id"`);
    await queryRunner.query(`ALTER TABLE "vacancy_locations" DROP CONSTRAINT "fk_vacancy_locations_vacancy_id"`);
    await queryRunner.query(`ALTER TABLE "vacancies" DROP CONSTRAINT "fk_vacancies_unit_id"`);
    await queryRunner.query(`ALTER TABLE "vacancies" DROP CONSTRAINT "fk_vacancies_grade_id"`);
    await queryRunner.query(`ALTER TABLE "vacancies" DROP CONSTRAINT "fk_vacancies_role_level_id"`);
    await queryRunner.query(`ALTER TABLE "vacancies" DROP CONSTRAINT "fk_vacancies_campaign_id"`);
    await queryRunner.query(
      `ALTER TABLE "partner_service_levels" DROP CONSTRAINT "fk_partner_service_levels_partner_id"`,
    );
    await queryRunner.query(`ALTER TABLE "partner_contacts" DROP CONSTRAINT "fk_partner_contacts_partner_id"`);
    await queryRunner.query(`ALTER TABLE "establishment_posts" DROP CONSTRAINT "fk_establishment_posts_grade_id"`);
    await queryRunner.query(`ALTER TABLE "establishment_posts" DROP CONSTRAINT "fk_establishment_posts_role_level_id"`);
    await queryRunner.query(`ALTER TABLE "establishment_posts" DROP CONSTRAINT "fk_establishment_posts_unit_id"`);
    await queryRunner.query(`ALTER TABLE "campaign_partners" DROP CONSTRAINT "fk_campaign_partners_partner_id"`);
    await queryRunner.query(`ALTER TABLE "campaign_partners" DROP CONSTRAINT "fk_campaign_partners_campaign_id"`);
    await queryRunner.query(`ALTER TABLE "campaign_gap_skills" DROP CONSTRAINT "fk_campaign_gap_skills_skill_id"`);
    await queryRunner.query(`ALTER TABLE "campaign_gap_skills" DROP CONSTRAINT "fk_campaign_gap_skills_campaign_id"`);
    await queryRunner.query(
      `ALTER TABLE "campaign_gap_role_levels" DROP CONSTRAINT "fk_campaign_gap_role_levels_role_level_id"`,
    );
    await queryRunner.query(
      `ALTER TABLE "campaign_gap_role_levels" DROP CONSTRAINT "fk_campaign_gap_role_levels_campaign_id"`,
    );
    await queryRunner.query(`DROP INDEX "public"."uq_vacancy_panel_members_vacancy_user"`);
    await queryRunner.query(`DROP INDEX "public"."uq_vacancy_panel_members_one_chair"`);
    await queryRunner.query(`DROP INDEX "public"."ix_vacancy_panel_members_user_id"`);
    await queryRunner.query(`DROP TABLE "vacancy_panel_members"`);
    await queryRunner.query(`DROP INDEX "public"."uq_vacancy_locations_vacancy_location"`);
    await queryRunner.query(`DROP INDEX "public"."ix_vacancy_locations_location_id"`);
    await queryRunner.query(`DROP TABLE "vacancy_locations"`);
    await queryRunner.query(`DROP INDEX "public"."ix_vacancies_created_at_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_vacancies_campaign_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_vacancies_role_level_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_vacancies_unit_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_vacancies_grade_id"`);
    await queryRunner.query(`DROP TABLE "vacancies"`);
    await queryRunner.query(`DROP INDEX "public"."uq_partner_service_levels_partner_metric"`);
    await queryRunner.query(`DROP TABLE "partner_service_levels"`);
    await queryRunner.query(`DROP INDEX "public"."uq_partner_contacts_partner_position"`);
    await queryRunner.query(`DROP TABLE "partner_contacts"`);
    await queryRunner.query(`DROP INDEX "public"."ix_establishment_posts_created_at_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_establishment_posts_unit_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_establishment_posts_role_level_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_establishment_posts_grade_id"`);
    await queryRunner.query(`DROP TABLE "establishment_posts"`);
    await queryRunner.query(`DROP INDEX "public"."uq_campaign_partners_campaign_partner"`);
    await queryRunner.query(`DROP INDEX "public"."ix_campaign_partners_partner_id"`);
    await queryRunner.query(`DROP TABLE "campaign_partners"`);
    await queryRunner.query(`DROP INDEX "public"."uq_partners_name"`);
    await queryRunner.query(`DROP INDEX "public"."ix_partners_created_at_id"`);
    await queryRunner.query(`DROP TABLE "partners"`);
    await queryRunner.query(`DROP INDEX "public"."uq_campaign_gap_skills_campaign_skill_slug"`);
    await queryRunner.query(`DROP INDEX "public"."ix_campaign_gap_skills_skill_id"`);
    await queryRunner.query(`DROP TABLE "campaign_gap_skills"`);
    await queryRunner.query(`DROP INDEX "public"."uq_campaign_gap_role_levels_campaign_role_level"`);
    await queryRunner.query(`DROP INDEX "public"."ix_campaign_gap_role_levels_role_level_id"`);
    await queryRunner.query(`DROP TABLE "campaign_gap_role_levels"`);
    await queryRunner.query(`DROP INDEX "public"."ix_campaigns_created_at_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_campaigns_owner_user_id"`);
    await queryRunner.query(`DROP TABLE "campaigns"`);
    // btree_gist stays: other schemas in the database may use it.
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

export class OffersChecksAppointment1796294877570 implements MigrationInterface {
  name = 'OffersChecksAppointment1796294877570';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "offers" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "application_id" uuid NOT NULL, "state" character varying(10) NOT NULL DEFAULT 'made', "salary" integer NOT NULL, "starts_on" date NOT NULL, "expires_on" date NOT NULL, "location_id" uuid, "made_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "made_by_user_id" uuid, "responded_at" TIMESTAMP(3) WITH TIME ZONE, "responded_by" character varying(10), "response_recorded_by_user_id" uuid, "withdrawn_at" TIMESTAMP(3) WITH TIME ZONE, "withdrawal_reason" character varying(2000), "expired_at" TIMESTAMP(3) WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "ck_offers_withdrawn" CHECK ((state = 'withdrawn') = (withdrawn_at IS NOT NULL)), CONSTRAINT "ck_offers_responded_by" CHECK (responded_by IS NULL OR responded_by IN ('hr', 'candidate')), CONSTRAINT "ck_offers_responded" CHECK ((state IN ('accepted', 'declined')) = (responded_at IS NOT NULL)), CONSTRAINT "ck_offers_salary" CHECK (salary >= 0), CONSTRAINT "ck_offers_state" CHECK (state IN ('made', 'accepted', 'declined', 'withdrawn', 'expired')), CONSTRAINT "pk_offers" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_offers_state_expires_on" ON "offers"  ("state", "expires_on") `);
    await queryRunner.query(
      `CREATE INDEX "ix_offers_application_id_made_at" ON "offers"  ("application_id", "made_at") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_offers_application_live" ON "offers"  ("application_id") WHERE state IN ('made', 'accepted')`,
    );
    await queryRunner.query(
      `CREATE TABLE "pre_employment_checks" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "application_id" uuid NOT NULL, "check" character varying(30) NOT NULL, "state" character varying(10) NOT NULL DEFAULT 'pending', "decided_at" TIMESTAMP(3) WITH TIME ZONE, "decided_by_user_id" uuid, "note" character varying(2000), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "ck_pre_employment_checks_decided" CHECK ((state = 'pending') = (decided_at IS NULL)), CONSTRAINT "ck_pre_employment_checks_state" CHECK (state IN ('pending', 'passed', 'failed')), CONSTRAINT "ck_pre_employment_checks_check" CHECK ("check" IN ('right-to-work', 'bpss', 'references', 'employment-history', 'criminal-record', 'health', 'qualifications', 'counter-terrorist-check', 'security-clearance', 'developed-vetting')), CONSTRAINT "pk_pre_employment_checks" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_pre_employment_checks_application_check" ON "pre_employment_checks"  ("application_id", "check") `,
    );
    await queryRunner.query(`ALTER TABLE "applications" ADD "staff_id" uuid`);
    await queryRunner.query(`ALTER TABLE "applications" ADD "source_application_id" uuid`);
    await queryRunner.query(
      `CREATE INDEX "ix_applications_source_application_id" ON "applications"  ("source_application_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_applications_staff_id" ON "applications"  ("staff_id") WHERE staff_id IS NOT NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "applications" ADD CONSTRAINT "ck_applications_appointed_staff" CHECK ((stage = 'appointed') = (staff_id IS NOT NULL))`,
    );
    await queryRunner.query(
      `ALTER TABLE "applications" ADD CONSTRAINT "fk_applications_staff_id" FOREIGN KEY ("staff_id") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "applications" ADD CONSTRAINT "fk_applications_source_application_id" FOREIGN KEY ("source_application_id") REFERENCES "applications"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "offers" ADD CONSTRAINT "fk_offers_application_id" FOREIGN KEY ("application_id") REFERENCES "applications"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "offers" ADD CONSTRAINT "fk_offers_location_id" FOREIGN KEY ("location_id") REFERENCES "locations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "pre_employment_checks" ADD CONSTRAINT "fk_pre_employment_checks_application_id" FOREIGN KEY ("application_id") REFERENCES "applications"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    // Planning's seam, filled: one row per accepted offer whose application is at the checks or appointed (an
    // application rejected or withdrawn after accepting drops out) and whose person is not yet in post: no staff
    // record yet, or one whose start date is after today. The same columns, in the same order, as planning's.
    await queryRunner.query(
      `CREATE OR REPLACE VIEW "recruitment_offers_awaiting_start" AS
         SELECT a.vacancy_id, v.unit_id, v.role_level_id, o.starts_on AS expected_start_on
           FROM offers o
           JOIN applications a ON a.id = o.application_id
           JOIN vacancies v ON v.id = a.vacancy_id
           LEFT JOIN staff s ON s.id = a.staff_id
          WHERE o.state = 'accepted' AND a.stage IN ('pre-employment-checks', 'appointed')
            AND (s.id IS NULL OR s.start_date > CURRENT_DATE)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE OR REPLACE VIEW "recruitment_offers_awaiting_start" AS
         SELECT v.id AS vacancy_id, v.unit_id, v.role_level_id, NULL::date AS expected_start_on
           FROM vacancies v WHERE false`,
    );
    await queryRunner.query(
      `ALTER TABLE "pre_employment_checks" DROP CONSTRAINT "fk_pre_employment_checks_application_id"`,
    );
    await queryRunner.query(`ALTER TABLE "offers" DROP CONSTRAINT "fk_offers_location_id"`);
    await queryRunner.query(`ALTER TABLE "offers" DROP CONSTRAINT "fk_offers_application_id"`);
    await queryRunner.query(`ALTER TABLE "applications" DROP CONSTRAINT "fk_applications_source_application_id"`);
    await queryRunner.query(`ALTER TABLE "applications" DROP CONSTRAINT "fk_applications_staff_id"`);
    await queryRunner.query(`ALTER TABLE "applications" DROP CONSTRAINT "ck_applications_appointed_staff"`);
    await queryRunner.query(`DROP INDEX "public"."uq_applications_staff_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_applications_source_application_id"`);
    await queryRunner.query(`ALTER TABLE "applications" DROP COLUMN "source_application_id"`);
    await queryRunner.query(`ALTER TABLE "applications" DROP COLUMN "staff_id"`);
    await queryRunner.query(`DROP INDEX "public"."uq_pre_employment_checks_application_check"`);
    await queryRunner.query(`DROP TABLE "pre_employment_checks"`);
    await queryRunner.query(`DROP INDEX "public"."uq_offers_application_live"`);
    await queryRunner.query(`DROP INDEX "public"."ix_offers_application_id_made_at"`);
    await queryRunner.query(`DROP INDEX "public"."ix_offers_state_expires_on"`);
    await queryRunner.query(`DROP TABLE "offers"`);
  }
}

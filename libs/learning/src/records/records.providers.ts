import { registerConstraintMessages } from '@capability/platform';
import type { Provider, Type } from '@nestjs/common';
import { LearningRecord } from './learning-record.entity.js';
import { LearningRecordsDemoSeeder } from './learning-records-demo.seeder.js';
import { LearningRecordsRepository } from './learning-records.repository.js';
import { LearningRecordsService } from './learning-records.service.js';

/**
 * Records of learning: completions of catalogue items or external learning, with evidence, verified or rejected
 * by line managers. Entities, providers and the services other modules may use, gathered here for LearningModule.
 *
 * Tables:
 * - `learning_records`: staff_id; learning_item_id (a catalogue item, an event's attendance too) or external
 *   learning's title and provider; skill_slugs (claimed, or the item's copied when recorded); completed_on (not in
 *   the future, not before the person's start date nor an event's first day: checked by the service); hours
 *   (0 < h ≤ 1,000); evidence_url and/or evidence_note (at least one); state submitted → verified | rejected
 *   (reason) → submitted again; recorded_by, verified_by/at, rejected_by/at, reject_reason; version (If-Match).
 */
export const RECORDS_ENTITIES: Type[] = [LearningRecord];
export const RECORDS_SERVICES: Type[] = [LearningRecordsService];
/** The demo department's records of learning (a demo seeder: `npm start` on the embedded database only). */
export const RECORDS_PROVIDERS: Provider[] = [
  LearningRecordsRepository,
  ...RECORDS_SERVICES,
  LearningRecordsDemoSeeder,
];

registerConstraintMessages({
  fk_learning_records_staff_id: 'No such member of staff',
  fk_learning_records_learning_item_id: 'No such catalogue item',
  ck_learning_records_item_or_external: 'A record is of a catalogue item or of external learning (title), not both',
  ck_learning_records_title_length: 'A title is 1 to 200 characters',
  ck_learning_records_provider_length: 'A provider is at most 200 characters',
  ck_learning_records_hours_range: 'hours must be more than 0 and at most 1,000',
  ck_learning_records_evidence: 'Give evidence: a link, a note or both',
  ck_learning_records_evidence_note_length: 'An evidence note is at most 2,000 characters',
  ck_learning_records_reject_reason_length: 'A reason is at most 2,000 characters',
});

export { LearningRecord, RECORD_STATES, type RecordState } from './learning-record.entity.js';
export {
  IllegalRecordMove,
  LearningRecordInvalid,
  LearningRecordNotFound,
  NotInLineManagementChain,
  NotRecordOwner,
  RecordingNotAllowed,
  SelfVerification,
} from './learning-record.errors.js';
export { LearningRecordsDemoSeeder } from './learning-records-demo.seeder.js';
export { type RecordFilter, type RecordRow } from './learning-records.repository.js';
export {
  LearningRecordsService,
  type LearningRecordChanges,
  type NewLearningRecord,
  type RecordDetail,
  type RecordHint,
} from './learning-records.service.js';
export { RecordPermission } from './record-permissions.js';
export {
  RECORD_ACTIONS,
  allowedRecordActions,
  nextRecordState,
  type RecordAction,
  type RecordOutcome,
} from './record-states.js';
export { RECORDS_ENTITIES, RECORDS_PROVIDERS, RECORDS_SERVICES } from './records.providers.js';

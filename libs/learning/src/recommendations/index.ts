export { LearningEvidenceService, type LearningEvidence } from './learning-evidence.service.js';
export { RecommendationPermission } from './recommendation-permissions.js';
export {
  INCLUSION_FIRST_BELOW,
  MAX_RECOMMENDATIONS,
  rankRecommendations,
  type Closes,
  type Gap,
  type Recommendation,
} from './recommendation-ranking.js';
export {
  RECOMMENDATIONS_ENTITIES,
  RECOMMENDATIONS_PROVIDERS,
  RECOMMENDATIONS_SERVICES,
} from './recommendations.providers.js';
export { type CandidateItem, type EvidenceRow } from './recommendations.repository.js';
export { RecommendationsService, type Recommendations } from './recommendations.service.js';

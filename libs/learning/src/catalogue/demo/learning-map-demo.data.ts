import type { InclusionPackage, LearningFormat, ProviderKind } from '../learning-item.entity.js';

/** Every demo item's description starts with this: demo content is plainly marked as such. */
export const DEMO_NOTE = 'Demo content: a sample item of the starter learning map, not a real course.';

/** How many of each family's most required skills get starter items. */
export const DEMO_SKILLS_PER_FAMILY = 4;

/** Per skill, one item per level 1..4: the format, provider and hours of each rung. */
export const DEMO_LADDER: {
  level: number;
  label: string;
  format: LearningFormat;
  providerKind: ProviderKind;
  providerName: string;
  hours: number;
}[] = [
  {
    level: 1,
    label: 'Introduction to',
    format: 'e_learning',
    providerKind: 'civil_service_learning',
    providerName: 'Civil Service Learning',
    hours: 2,
  },
  {
    level: 2,
    label: 'Working with',
    format: 'course',
    providerKind: 'supplier',
    providerName: 'Demo Training Ltd',
    hours: 14,
  },
  {
    level: 3,
    label: 'Practitioner programme:',
    format: 'course',
    providerKind: 'university',
    providerName: 'Demo University',
    hours: 35,
  },
  {
    level: 4,
    label: 'Expert certification:',
    format: 'certification',
    providerKind: 'supplier',
    providerName: 'Demo Certification Body',
    hours: 60,
  },
];

/** The two digital inclusion packages, as e-learning. */
export const DEMO_INCLUSION_ITEMS: {
  code: string;
  title: string;
  inclusionPackage: InclusionPackage;
  hours: number;
}[] = [
  { code: 'DEMO-INC-AWARENESS', title: '[Demo] Digital Awareness', inclusionPackage: 'digital-awareness', hours: 3 },
  { code: 'DEMO-INC-SKILLS', title: '[Demo] Digital Skills', inclusionPackage: 'digital-skills', hours: 12 },
];

/** Events near the reference day: `startDay` days after it, `hours` long, at `location`. */
export const DEMO_EVENTS: { code: string; title: string; startDay: number; hours: number; location: string }[] = [
  {
    code: 'DEMO-EVT-SHOW-AND-TELL',
    title: '[Demo] Show and tell',
    startDay: 7,
    hours: 1.5,
    location: 'Online (Teams)',
  },
  {
    code: 'DEMO-EVT-DIGITAL-MONTH',
    title: '[Demo] Digital month roadshow',
    startDay: 21,
    hours: 6,
    location: 'Leeds hub',
  },
  {
    code: 'DEMO-EVT-CODE-CLUB',
    title: '[Demo] Code club',
    startDay: 3,
    hours: 2,
    location: 'Manchester office, room 4.1',
  },
];

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

/** A demo event: when it runs, where, and who it is for. */
export interface DemoEvent {
  code: string;
  title: string;
  /** Days after the reference day (the day the demo is loaded) it runs, at 10:00 UTC: negative for one that has been. */
  startDay: number;
  hours: number;
  location: string;
  /** Who it ran for: the staff of a demo unit and the units below it, or the staff based at a demo location (codes). */
  audience: { kind: 'unit' | 'location'; code: string };
  /** Of its audience, the share (per cent) who attended, recorded as completions once it has been. */
  attendancePercent: number;
}

/**
 * Events around the reference day: four that have happened (their attendance is recorded by the records demo) and
 * three in the coming weeks. Dates are relative to the day the demo is loaded, as all demo data is.
 */
export const DEMO_EVENTS: DemoEvent[] = [
  {
    code: 'DEMO-EVT-ROADSHOW-LEEDS',
    title: '[Demo] Digital month roadshow: Leeds',
    startDay: -75,
    hours: 6,
    location: 'Leeds digital hub',
    audience: { kind: 'location', code: 'LDS' },
    attendancePercent: 35,
  },
  {
    code: 'DEMO-EVT-SHOW-AND-TELL-DATA',
    title: '[Demo] Show and tell: the data platform',
    startDay: -47,
    hours: 1.5,
    location: 'Online (Teams)',
    audience: { kind: 'unit', code: 'DDAT' },
    attendancePercent: 30,
  },
  {
    code: 'DEMO-EVT-CODE-CLUB-PYTHON',
    title: '[Demo] Code club: first steps in Python',
    startDay: -20,
    hours: 2,
    location: 'Manchester digital hub, room 4.1',
    audience: { kind: 'location', code: 'MAN' },
    attendancePercent: 12,
  },
  {
    code: 'DEMO-EVT-SHOW-AND-TELL-BENEFITS',
    title: '[Demo] Show and tell: benefits digital services',
    startDay: -6,
    hours: 1.5,
    location: 'Online (Teams)',
    audience: { kind: 'unit', code: 'BDA-DIG' },
    attendancePercent: 30,
  },
  {
    code: 'DEMO-EVT-SHOW-AND-TELL',
    title: '[Demo] Show and tell',
    startDay: 7,
    hours: 1.5,
    location: 'Online (Teams)',
    audience: { kind: 'unit', code: 'DDAT' },
    attendancePercent: 30,
  },
  {
    code: 'DEMO-EVT-DIGITAL-MONTH',
    title: '[Demo] Digital month roadshow',
    startDay: 21,
    hours: 6,
    location: 'Leeds digital hub',
    audience: { kind: 'location', code: 'LDS' },
    attendancePercent: 35,
  },
  {
    code: 'DEMO-EVT-CODE-CLUB',
    title: '[Demo] Code club',
    startDay: 3,
    hours: 2,
    location: 'Manchester digital hub, room 4.1',
    audience: { kind: 'location', code: 'MAN' },
    attendancePercent: 12,
  },
];

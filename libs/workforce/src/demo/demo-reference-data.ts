import type { DemoLocation } from './demo-department.generator.js';

/**
 * The fixed parts of the demo department: its places, agencies and directorates, team names, and the
 * weights the generator draws with. Fictional, but shaped like a UK government department.
 */

export const DEMO_DEPARTMENT_CODE = 'DDPS';

/** How senior a role level is, from its name (the framework orders levels within a role, not across). */
export type LevelTier = 'entry' | 'junior' | 'mid' | 'senior' | 'lead' | 'head';

export function tierOf(levelName: string): LevelTier {
  const name = levelName.toLowerCase();
  if (/^(trainee|apprentice)\b/.test(name)) return 'entry';
  if (/^(associate|junior)\b/.test(name)) return 'junior';
  if (/^senior\b/.test(name)) return 'senior';
  if (/^(lead|principal)\b/.test(name)) return 'lead';
  if (/^(head of|head|chief)\b/.test(name)) return 'head';
  return 'mid';
}

/** Plausible Civil Service grades for a tier (the framework publishes no mapping; this is the usual one). */
export const TIER_GRADES: Record<LevelTier, string[]> = {
  entry: ['AO', 'EO'],
  junior: ['EO', 'HEO'],
  mid: ['HEO', 'SEO'],
  senior: ['SEO', 'G7'],
  lead: ['G7', 'G6'],
  head: ['G6', 'SCS1'],
};

export const LOCATIONS: DemoLocation[] = [
  { code: 'LON', name: 'London, Whitehall', region: 'London', isRegionalHub: false },
  { code: 'MAN', name: 'Manchester digital hub', region: 'North West', isRegionalHub: true },
  { code: 'LDS', name: 'Leeds digital hub', region: 'Yorkshire and the Humber', isRegionalHub: true },
  { code: 'NCL', name: 'Newcastle digital hub', region: 'North East', isRegionalHub: true },
  { code: 'GLA', name: 'Glasgow digital hub', region: 'Scotland', isRegionalHub: true },
  { code: 'CDF', name: 'Cardiff digital hub', region: 'Wales', isRegionalHub: true },
  { code: 'BHM', name: 'Birmingham', region: 'West Midlands', isRegionalHub: false },
  { code: 'BRS', name: 'Bristol', region: 'South West', isRegionalHub: false },
  { code: 'DAR', name: 'Darlington', region: 'North East', isRegionalHub: false },
  { code: 'BEL', name: 'Belfast', region: 'Northern Ireland', isRegionalHub: false },
];
export const LOCATION_WEIGHTS = [28, 16, 12, 9, 8, 7, 7, 6, 5, 2];

export interface Directorate {
  code: string;
  name: string;
  parentCode: string;
  digital: boolean;
  /** Share of the department's teams. */
  weight: number;
}

export const AGENCIES = [
  { code: 'PRA', name: 'Public Records Agency' },
  { code: 'BDA', name: 'Benefits Delivery Agency' },
  { code: 'LSA', name: 'Licensing and Standards Agency' },
];

export const DIRECTORATES: Directorate[] = [
  { code: 'DDAT', name: 'Digital, Data and Technology', parentCode: DEMO_DEPARTMENT_CODE, digital: true, weight: 24 },
  { code: 'POL', name: 'Policy and Strategy', parentCode: DEMO_DEPARTMENT_CODE, digital: false, weight: 4 },
  { code: 'CORP', name: 'Corporate Services', parentCode: DEMO_DEPARTMENT_CODE, digital: false, weight: 4 },
  { code: 'OPS', name: 'Operations', parentCode: DEMO_DEPARTMENT_CODE, digital: false, weight: 5 },
  ...AGENCIES.flatMap((a) => [
    { code: `${a.code}-DIG`, name: `${a.name} Digital Services`, parentCode: a.code, digital: true, weight: 12 },
    { code: `${a.code}-OPS`, name: `${a.name} Operations`, parentCode: a.code, digital: false, weight: 4 },
  ]),
];

/** Team names by role family; business teams use BUSINESS_TEAMS. */
export const FAMILY_TEAMS: Record<string, string[]> = {
  architecture: ['Architecture', 'Solution Architecture', 'Technical Design Authority'],
  'chief-digital-and-data': ['Digital Leadership'],
  data: ['Data Science', 'Analytics', 'Data Engineering', 'Data Governance', 'Performance Analysis'],
  'it-operations': [
    'Service Desk',
    'Infrastructure',
    'Platform Operations',
    'End User Computing',
    'Service Management',
  ],
  'product-and-delivery': ['Delivery', 'Product', 'Portfolio', 'Business Analysis'],
  'quality-assurance-testing-qat': ['Quality Assurance', 'Test Engineering'],
  'software-development': ['Software Engineering', 'Web Development', 'DevOps', 'Platform Engineering'],
  'user-centred-design': ['User Research', 'Service Design', 'Content Design', 'Interaction Design'],
};
export const BUSINESS_TEAMS = [
  'Casework',
  'Customer Contact',
  'Policy',
  'Finance',
  'HR',
  'Commercial',
  'Correspondence',
];
export const SERVICES = [
  'Land Registration',
  'Benefits',
  'Licensing',
  'Payments',
  'Identity',
  'Case Management',
  'Records',
  'Grants',
  'Inspections',
  'Appeals',
  'Digital Inclusion',
  'Data Platform',
  'Notifications',
  'Corporate Systems',
];
/** Relative size of each family in a department's DDaT workforce. */
export const FAMILY_WEIGHTS: Record<string, number> = {
  'software-development': 20,
  'product-and-delivery': 18,
  data: 15,
  'it-operations': 15,
  'user-centred-design': 12,
  'quality-assurance-testing-qat': 8,
  architecture: 7,
  'chief-digital-and-data': 2,
};
export const MEMBER_TIER_WEIGHTS: [LevelTier, number][] = [
  ['entry', 8],
  ['junior', 22],
  ['mid', 35],
  ['senior', 25],
  ['lead', 10],
];
export const BUSINESS_GRADE_WEIGHTS: [string, number][] = [
  ['AA', 3],
  ['AO', 22],
  ['EO', 26],
  ['HEO', 22],
  ['SEO', 14],
  ['G7', 9],
  ['G6', 4],
];
export const TIER_ORDER: LevelTier[] = ['entry', 'junior', 'mid', 'senior', 'lead', 'head'];

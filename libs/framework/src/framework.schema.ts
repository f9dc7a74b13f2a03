import { SKILL_LEVEL_SLUGS } from './framework-document.js';

/** Lower-case letters and digits in words joined by single hyphens: `data-scientist`. */
export const SLUG_PATTERN = '^[a-z0-9]+(?:-[a-z0-9]+)*$';

const slug = (maxLength: number) => ({ type: 'string', pattern: SLUG_PATTERN, maxLength });
const name = (maxLength = 200) => ({ type: 'string', minLength: 1, maxLength });
const TEXT = { type: 'string', maxLength: 50_000 };
const NULLABLE_TEXT = { type: 'string', nullable: true, maxLength: 50_000 };
const LEVEL = { type: 'string', enum: [...SKILL_LEVEL_SLUGS] };

const SKILL_REFERENCE = {
  type: 'object',
  additionalProperties: false,
  required: ['skill_id'],
  properties: {
    skill_id: slug(120),
    skill: { type: 'string', description: 'The skill name, if given; must match skills[].name' },
    required_level: LEVEL,
  },
};

/**
 * The shape of a framework document (JSON Schema draft-07 with OpenAPI 3.0's `nullable`, which Ajv understands; also served as the OpenAPI request body).
 * Column lengths are limits here, so a valid document always fits the tables. Cross-references and
 * uniqueness are rules checked after the shape (framework-validator.ts).
 */
export const FRAMEWORK_SCHEMA: Record<string, unknown> = {
  type: 'object',
  additionalProperties: false,
  required: ['skill_levels', 'role_families', 'skills'],
  properties: {
    name: { ...name(), description: 'Name of the version; defaults to meta.title, else "Framework version <n>"' },
    source: { ...name(500), description: 'Where the content came from; defaults to "Uploaded through the API"' },
    meta: { type: 'object', description: 'Free-form: source, licence, counts (not stored)' },
    skill_levels: {
      type: 'array',
      minItems: 4,
      maxItems: 4,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'name', 'order', 'summary'],
        properties: {
          id: LEVEL,
          name: name(50),
          order: { type: 'integer', minimum: 1, maximum: 4 },
          summary: TEXT,
        },
      },
    },
    role_families: {
      type: 'array',
      minItems: 1,
      maxItems: 100,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'name', 'roles'],
        properties: {
          id: slug(100),
          name: name(),
          roles: {
            type: 'array',
            maxItems: 500,
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['id', 'name', 'description', 'senior_civil_service', 'levels'],
              properties: {
                id: slug(100),
                name: name(),
                description: TEXT,
                senior_civil_service: { type: 'boolean' },
                levels: {
                  type: 'array',
                  maxItems: 50,
                  items: {
                    type: 'object',
                    additionalProperties: false,
                    required: ['id', 'name', 'order', 'description', 'skills'],
                    properties: {
                      id: slug(100),
                      name: name(),
                      order: { type: 'integer', minimum: 1, maximum: 50 },
                      description: TEXT,
                      skills: {
                        type: 'array',
                        maxItems: 1000,
                        items: { ...SKILL_REFERENCE, required: ['skill_id', 'required_level'] },
                      },
                    },
                  },
                },
                skills: {
                  type: 'array',
                  maxItems: 1000,
                  description: 'Senior Civil Service roles only: their skills, without a required level',
                  items: SKILL_REFERENCE,
                },
              },
            },
          },
        },
      },
    },
    skills: {
      type: 'array',
      minItems: 1,
      maxItems: 10_000,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'name', 'description', 'levels'],
        properties: {
          id: slug(120),
          name: name(),
          description: NULLABLE_TEXT,
          levels: {
            type: 'object',
            additionalProperties: false,
            required: [...SKILL_LEVEL_SLUGS],
            properties: Object.fromEntries(SKILL_LEVEL_SLUGS.map((level) => [level, NULLABLE_TEXT])),
          },
          required_by_roles: { type: 'array', items: { type: 'string' }, description: 'Derived; ignored' },
        },
      },
    },
  },
};

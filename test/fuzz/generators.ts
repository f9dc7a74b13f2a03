import fc from 'fast-check';
import { openapi } from '../support/contract.js';

/**
 * fast-check arbitraries built from openapi.json: values that respect a schema (types, formats,
 * enums, lengths, ranges) mixed with values that break it on purpose.
 */

type Schema = Record<string, unknown>;

/** Strings that have broken parsers, SQL, HTML, JSON and logs elsewhere. */
export const NASTY_STRINGS = [
  '',
  ' ',
  "'",
  '"',
  "' OR '1'='1",
  "'; DROP TABLE staff; --",
  '1; SELECT pg_sleep(5)--',
  '%',
  '%25',
  '_',
  '\\',
  '\\x00',
  '\u0000',
  'null',
  'undefined',
  'NaN',
  '-1',
  '0',
  '1e309',
  '9007199254740993',
  'true',
  '[]',
  '{}',
  '__proto__',
  'constructor',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '${7*7}',
  '{{7*7}}',
  '../../../../etc/passwd',
  '=HYPERLINK("http://example.com")',
  '\r\n{"level":"info","msg":"forged"}',
  'Ω≈ç√∫˜µ≤≥÷',
  '😀👩‍👩‍👧‍👦',
  '\u202Egnp.exe',
  '\uFEFF',
  '\uD800',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-fffffffffffff',
  '2026-02-30',
  '0000-00-00',
  '2026-13-01T25:61:61Z',
  '99999-01-01',
  'eyJhbGciOiJub25lIn0.e30.',
];

const nastyString = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.nat({ max: 3 }).map((n) => 'x'.repeat([300, 1_100, 5_000, 70_000][n] ?? 300)) },
);

/** Any JSON at all, including the shapes no schema asks for. */
export const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  nastyString,
  fc.constantFrom(null, true, false, 0, -1, 1.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, [], {}),
);

function resolve(schema: Schema): Schema {
  if (typeof schema.$ref === 'string') {
    const target = openapi.components.schemas[schema.$ref.replace('#/components/schemas/', '')];
    return resolve(target ?? {});
  }
  if (Array.isArray(schema.allOf)) {
    const { allOf, ...rest } = schema;
    return (allOf as Schema[]).map(resolve).reduce<Schema>(
      (a, b) => ({
        ...a,
        ...b,
        properties: { ...(a.properties as Schema | undefined), ...(b.properties as Schema | undefined) },
        required: [...((a.required as string[] | undefined) ?? []), ...((b.required as string[] | undefined) ?? [])],
      }),
      rest,
    );
  }
  return schema;
}

const isoDate = fc
  .date({ min: new Date('1950-01-01T00:00:00Z'), max: new Date('2060-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

/** A value of the right type and shape; `pool` supplies real values for some fields (ids, codes). */
export function validValue(schema: Schema, pool: ValuePool = {}, name = ''): fc.Arbitrary<unknown> {
  const s = resolve(schema);
  const known = pool[name];
  const own = validOwn(s, pool);
  const value = known && known.length > 0 ? fc.oneof(fc.constantFrom(...known), own) : own;
  return s.nullable === true
    ? fc.oneof({ weight: 4, arbitrary: value }, { weight: 1, arbitrary: fc.constant(null) })
    : value;
}

function validOwn(s: Schema, pool: ValuePool): fc.Arbitrary<unknown> {
  if (Array.isArray(s.enum) && s.enum.length > 0) return fc.constantFrom(...(s.enum as unknown[]));
  if (Array.isArray(s.oneOf) || Array.isArray(s.anyOf)) {
    return fc.oneof(...((s.oneOf ?? s.anyOf) as Schema[]).map((o) => validValue(o, pool)));
  }
  switch (s.type) {
    case 'string': {
      const minLength = typeof s.minLength === 'number' ? s.minLength : 0;
      const maxLength = typeof s.maxLength === 'number' ? Math.min(s.maxLength, 200) : 60;
      switch (s.format) {
        case 'uuid':
          return fc.uuid({ version: 4 });
        case 'date':
          return isoDate;
        case 'date-time':
          return fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
        case 'email':
          return fc.emailAddress().filter((e) => e.length <= maxLength || maxLength < 6);
        default:
          if (typeof s.pattern === 'string') {
            return fc.stringMatching(new RegExp(s.pattern)).map((v) => v.slice(0, maxLength));
          }
          return fc.string({ minLength, maxLength: Math.max(minLength, maxLength) });
      }
    }
    case 'integer':
    case 'number': {
      const min = typeof s.minimum === 'number' ? s.minimum : -1000;
      const max = typeof s.maximum === 'number' ? s.maximum : 1000;
      return s.type === 'integer' || min === Math.trunc(min)
        ? fc.integer({ min, max })
        : fc.double({ min, max, noNaN: true });
    }
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(validValue((s.items as Schema | undefined) ?? {}, pool), {
        maxLength: typeof s.maxItems === 'number' ? Math.min(s.maxItems, 5) : 4,
      });
    case 'object':
    case undefined:
      if (s.properties) return validObject(s, pool);
      return fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 });
    default:
      return anyJson;
  }
}

function validObject(s: Schema, pool: ValuePool): fc.Arbitrary<Record<string, unknown>> {
  const properties = (s.properties ?? {}) as Record<string, Schema>;
  const required = new Set((s.required as string[] | undefined) ?? []);
  const record: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [key, prop] of Object.entries(properties)) record[key] = validValue(prop, pool, key);
  const requiredKeys = Object.keys(properties).filter((k) => required.has(k));
  return fc.record(record, { requiredKeys });
}

/** A value that breaks `schema`: the wrong type, out of range, too long, malformed, or just odd. */
export function invalidValue(schema: Schema): fc.Arbitrary<unknown> {
  const s = resolve(schema);
  const specific: fc.Arbitrary<unknown>[] = [anyJson];
  if (s.type === 'string') {
    specific.push(fc.integer(), fc.boolean(), fc.array(fc.string(), { maxLength: 2 }));
    if (typeof s.maxLength === 'number') specific.push(fc.constant('y'.repeat(s.maxLength + 1)));
    if (s.format === 'uuid') {
      specific.push(
        fc.uuid().map((u) => u.replace(/-/g, '')),
        fc.constant('not-a-uuid'),
      );
    }
    if (s.format === 'date' || s.format === 'date-time') {
      specific.push(fc.constantFrom('2026-02-30', '31/12/2026', '2026-1-1', 'yesterday', '+275760-09-13'));
    }
  }
  if (s.type === 'number' || s.type === 'integer') {
    if (typeof s.maximum === 'number') specific.push(fc.constant(s.maximum + 1));
    if (typeof s.minimum === 'number') specific.push(fc.constant(s.minimum - 1));
    specific.push(fc.constantFrom(1.5, '12', -0, 1e21, 'NaN'));
  }
  if (Array.isArray(s.enum)) specific.push(fc.constantFrom('ADMIN', 'Admin ', `${String(s.enum[0])}x`));
  if (s.type === 'array') specific.push(fc.constant('a'), fc.array(anyJson, { minLength: 1, maxLength: 3 }));
  return fc.oneof(...specific);
}

/** A value that usually fits `schema` and now and then does not. */
export function fuzzValue(schema: Schema, pool: ValuePool, name: string): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 5, arbitrary: validValue(schema, pool, name) },
    { weight: 2, arbitrary: invalidValue(schema) },
  );
}

/** Real values to use for named fields and parameters some of the time (ids of seeded fixtures, codes). */
export type ValuePool = Record<string, unknown[]>;

/** A JSON request body for `schema`: valid, mutated (one field broken, one missing, one extra), or random. */
export function fuzzBody(schema: Schema, pool: ValuePool): fc.Arbitrary<unknown> {
  const s = resolve(schema);
  if (!s.properties) return fc.oneof(validValue(s, pool), anyJson);
  const properties = s.properties as Record<string, Schema>;
  const keys = Object.keys(properties);
  const valid = validObject(s, pool);
  const mutated = fc
    .tuple(valid, fc.constantFrom(...keys), fc.nat({ max: 4 }), fc.string({ maxLength: 12 }), anyJson)
    .chain(([body, key, how, extraKey, extraValue]) => {
      const copy: Record<string, unknown> = { ...body };
      switch (how) {
        case 0:
          delete copy[key];
          return fc.constant(copy);
        case 1:
          copy[extraKey || 'extra'] = extraValue;
          return fc.constant(copy);
        case 2:
          return fc.constant(
            JSON.parse(`{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"x":1}}}`) as unknown,
          );
        default:
          return invalidValue(properties[key] ?? {}).map((v) => ({ ...copy, [key]: v }));
      }
    });
  return fc.oneof(
    { weight: 3, arbitrary: valid },
    { weight: 4, arbitrary: mutated },
    { weight: 1, arbitrary: anyJson },
  );
}

/** A query-string or path value: what the schema allows, or nasty text. */
export function fuzzParam(schema: Schema, pool: ValuePool, name: string): fc.Arbitrary<string | string[]> {
  const asText = (v: unknown): string => (typeof v === 'string' ? v : (JSON.stringify(v) ?? ''));
  return fc.oneof(
    { weight: 6, arbitrary: validValue(schema, pool, name).map(asText) },
    { weight: 3, arbitrary: invalidValue(schema).map(asText) },
    { weight: 1, arbitrary: fc.array(validValue(schema, pool, name).map(asText), { minLength: 2, maxLength: 3 }) },
  );
}

/** A CSV file: the real header or a broken one, then rows of cells that are plausible, empty or hostile. */
export function fuzzCsv(columns: readonly string[], pool: ValuePool): fc.Arbitrary<string> {
  const cell = (column: string): fc.Arbitrary<string> => {
    const known = (pool[column] ?? []).map(String);
    return fc.oneof(
      { weight: 4, arbitrary: known.length > 0 ? fc.constantFrom(...known) : fc.string({ maxLength: 12 }) },
      { weight: 1, arbitrary: fc.constant('') },
      { weight: 1, arbitrary: nastyString.filter((s) => s.length < 2_000) },
    );
  };
  const quote = (v: string): string => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const header = fc.oneof(
    { weight: 6, arbitrary: fc.constant([...columns]) },
    { weight: 1, arbitrary: fc.shuffledSubarray([...columns, 'unknown_column', columns[0] ?? 'x']) },
  );
  const file = header.chain((cols) =>
    fc
      .array(fc.tuple(...cols.map((c) => cell(c))), { maxLength: 6 })
      .chain((rows) =>
        fc
          .constantFrom('\n', '\r\n')
          .map((eol) =>
            [cols.join(','), ...rows.map((r) => r.map(quote).join(','))].map((line) => line + eol).join(''),
          ),
      ),
  );
  const garbage = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc.constantFrom('', '\n', '"', 'a,"b\n', '\uFEFFstaff_number\n', '\u0000\u0001\u0002', 'a,b,c\n1,2\n'),
    fc.jsonValue().map((v) => JSON.stringify(v)),
  );
  return fc.oneof({ weight: 4, arbitrary: file }, { weight: 1, arbitrary: garbage });
}

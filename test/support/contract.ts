import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { readFileSync } from 'node:fs';
import type { Response } from 'supertest';

/**
 * The response contract: every response the e2e suite sees is checked against what openapi.json
 * documents for its route and status. An undocumented status, a media type the document does not
 * list, or a JSON body that does not match the schema (required fields, types, formats, enums, and
 * no properties the document does not name unless it says `additionalProperties`) is an error.
 */

type Json = Record<string, unknown>;
interface MediaType {
  schema?: Json;
}
interface ResponseObject {
  description?: string;
  content?: Record<string, MediaType>;
}
export interface OperationObject {
  operationId: string;
  parameters?: Json[];
  requestBody?: { required?: boolean; content: Record<string, MediaType> };
  responses: Record<string, ResponseObject>;
  security?: Json[];
}
export interface OpenApiDocument {
  paths: Record<string, Record<string, OperationObject>>;
  components: { schemas: Record<string, Json> };
}

export const openapi = JSON.parse(
  readFileSync(new URL('../../openapi.json', import.meta.url), 'utf8'),
) as OpenApiDocument;

export const PROBLEM_MEDIA_TYPE = 'application/problem+json';
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** Routes the application serves that are deliberately outside the API document (its own docs). */
const UNDOCUMENTED_ROUTES = [/^\/api\/docs(\/|$)/, /^\/api\/openapi\.(json|yaml)$/];

/** Keywords that only describe; dropped so the validator sees plain JSON Schema. */
const ANNOTATIONS = new Set(['example', 'examples', 'description', 'deprecated', 'readOnly', 'writeOnly', 'xml']);

/**
 * OpenAPI 3.0 schema → self-contained JSON Schema: `$ref`s inlined, `allOf` of objects merged into one
 * object (so "no other properties" still holds across the parts), `nullable` as `anyOf [null, …]`, and
 * objects that list properties closed unless they say `additionalProperties`.
 */
export function toJsonSchema(schema: Json, seen: string[] = []): Json {
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.replace('#/components/schemas/', '');
    if (seen.includes(name)) return {}; // recursive: accept below this depth
    const target = openapi.components.schemas[name];
    if (!target) throw new Error(`openapi.json: unresolved ${schema.$ref}`);
    return toJsonSchema(target, [...seen, name]);
  }
  const { nullable, allOf, ...rest } = schema;
  let out: Json = {};
  for (const [key, value] of Object.entries(rest)) {
    if (ANNOTATIONS.has(key)) continue;
    if (key === 'properties') {
      out.properties = Object.fromEntries(
        Object.entries(value as Record<string, Json>).map(([k, v]) => [k, toJsonSchema(v, seen)]),
      );
    } else if (key === 'items' || (key === 'additionalProperties' && typeof value === 'object')) {
      out[key] = toJsonSchema(value as Json, seen);
    } else if (key === 'oneOf' || key === 'anyOf') {
      out[key] = (value as Json[]).map((v) => toJsonSchema(v, seen));
    } else out[key] = value;
  }
  if (Array.isArray(allOf)) {
    for (const part of (allOf as Json[]).map((p) => toJsonSchema(p, seen))) out = mergeObjects(out, part);
  }
  if (out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  if (out.type === 'object' && !out.properties && out.additionalProperties === undefined) {
    out.additionalProperties = true;
  }
  return nullable === true ? { anyOf: [{ type: 'null' }, out] } : out;
}

function mergeObjects(a: Json, b: Json): Json {
  const merged: Json = { ...a, ...b };
  if (a.properties || b.properties) {
    merged.properties = { ...(a.properties as Json | undefined), ...(b.properties as Json | undefined) };
  }
  const required = [...((a.required as string[] | undefined) ?? []), ...((b.required as string[] | undefined) ?? [])];
  if (required.length > 0) merged.required = [...new Set(required)];
  if (merged.properties) {
    merged.type = 'object';
    const open = a.additionalProperties === true || b.additionalProperties === true;
    merged.additionalProperties = open ? true : false;
  }
  return merged;
}

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
export const ajv = addFormats(new Ajv({ strict: false, allErrors: true, validateFormats: true }));
ajv.addFormat('binary', true);
ajv.addFormat('int32', true);
ajv.addFormat('int64', true);
ajv.addFormat('float', true);
ajv.addFormat('double', true);

const validators = new Map<string, ValidateFunction>();
function validatorFor(key: string, schema: Json): ValidateFunction {
  let validate = validators.get(key);
  if (!validate) {
    validate = ajv.compile(toJsonSchema(schema));
    validators.set(key, validate);
  }
  return validate;
}

const problemSchema: Json = { $ref: '#/components/schemas/Problem' };

interface Route {
  template: string;
  pattern: RegExp;
  params: number;
}
const routes: Route[] = Object.keys(openapi.paths)
  .map((template) => ({
    template,
    pattern: new RegExp(
      `^${template
        .split(/\{[^}]+\}/)
        .map((s) => s.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))
        .join('[^/]+')}$`,
    ),
    params: (template.match(/\{/g) ?? []).length,
  }))
  // A literal segment wins over a parameter (/staff/export.csv before /staff/{id}).
  .sort((a, b) => a.params - b.params);

/** The documented route template a request path belongs to, if any. */
export function routeFor(pathname: string): string | undefined {
  return routes.find((r) => r.pattern.test(pathname))?.template;
}

export interface ContractOptions {
  /**
   * A deliberately malformed request (a broken header, a hand-made body, a route or method that does
   * not exist): the status is not looked up in the document, but a 4xx/5xx must still be a valid
   * problem and any JSON body that says it is a problem must match the Problem schema.
   */
  malformed?: boolean;
  /** A fault the test injects on purpose (a failing trigger, a dropped connection): likewise, a 5xx included. */
  fault?: boolean;
}

export class ContractViolation extends Error {
  override name = 'ContractViolation';
}

function mediaTypeOf(res: Response): string | undefined {
  const header = res.headers['content-type'];
  return header?.split(';')[0]?.trim().toLowerCase();
}

function hasBody(res: Response): boolean {
  return (res.text ?? '').length > 0 || (Buffer.isBuffer(res.body) && res.body.length > 0);
}

function describe(validate: ValidateFunction): string {
  return ajv.errorsText(validate.errors, { separator: '; ', dataVar: 'body' });
}

/** Checks an RFC 9457 problem body (shape, `status` equal to the HTTP status) against `schema`. */
function checkProblem(where: string, res: Response, schema: Json, key: string): string[] {
  const errors: string[] = [];
  if (mediaTypeOf(res) !== PROBLEM_MEDIA_TYPE) {
    return [`${where}: a ${res.status} must be ${PROBLEM_MEDIA_TYPE}, got ${String(res.headers['content-type'])}`];
  }
  const validate = validatorFor(key, schema);
  if (!validate(res.body)) errors.push(`${where}: problem body does not match the document: ${describe(validate)}`);
  const body = res.body as Json;
  if (body.status !== res.status) errors.push(`${where}: problem status ${String(body.status)} ≠ HTTP ${res.status}`);
  return errors;
}

/** Every way `res` breaks the documented contract of `method url`; empty when it keeps it. */
export function contractViolations(
  method: string,
  url: string,
  res: Response,
  options: ContractOptions = {},
): string[] {
  const pathname = new URL(url, 'http://localhost').pathname;
  const verb = method.toLowerCase();
  const where = `${method.toUpperCase()} ${pathname} → ${res.status}`;
  const template = routeFor(pathname);
  const operation = template ? openapi.paths[template]?.[verb === 'head' ? 'get' : verb] : undefined;

  const unchecked = options.malformed === true || options.fault === true;
  if (unchecked || !operation) {
    if (!unchecked && !template && UNDOCUMENTED_ROUTES.some((r) => r.test(pathname))) return [];
    if (!unchecked && res.status < 400) {
      return [`${where}: answered ${res.status} for a route and method that openapi.json does not document`];
    }
    if (res.status >= 400) return checkProblem(where, res, problemSchema, 'problem');
    return [];
  }

  const documented = operation.responses[String(res.status)] ?? operation.responses.default;
  if (!documented) {
    const listed = Object.keys(operation.responses).join(', ');
    return [`${where}: status ${res.status} is not documented for ${operation.operationId} (documented: ${listed})`];
  }
  const content = documented.content ?? {};
  const mediaTypes = Object.keys(content);
  if (res.status === 204 || res.status === 304 || verb === 'head') {
    if (res.status === 204 || res.status === 304) {
      if (hasBody(res)) return [`${where}: a ${res.status} must have no body`];
    }
    return [];
  }
  if (mediaTypes.length === 0) {
    return hasBody(res) ? [`${where}: the document gives no body for ${res.status}, but one came`] : [];
  }
  const mediaType = mediaTypeOf(res);
  if (!mediaType || !mediaTypes.includes(mediaType)) {
    return [`${where}: content type ${String(mediaType)} is not documented (documented: ${mediaTypes.join(', ')})`];
  }
  const schema = content[mediaType]?.schema;
  const key = `${operation.operationId} ${res.status} ${mediaType}`;
  if (mediaType === PROBLEM_MEDIA_TYPE) return checkProblem(where, res, schema ?? problemSchema, key);
  if (res.status >= 400) return [`${where}: a ${res.status} must be ${PROBLEM_MEDIA_TYPE}, got ${mediaType}`];
  if (mediaType !== 'application/json' || !schema) return [];
  const validate = validatorFor(key, schema);
  return validate(res.body) ? [] : [`${where}: body does not match the document: ${describe(validate)}`];
}

/** Throws a ContractViolation listing every way `res` breaks the contract. */
export function assertContract(method: string, url: string, res: Response, options: ContractOptions = {}): void {
  const violations = contractViolations(method, url, res, options);
  if (violations.length > 0) {
    const body = (res.text ?? '').slice(0, 600);
    throw new ContractViolation(`Response breaks the OpenAPI contract:\n  ${violations.join('\n  ')}\n  body: ${body}`);
  }
}

/** Every operation in the document, for the fuzzer. */
export function operations(): { path: string; method: string; operation: OperationObject }[] {
  return Object.entries(openapi.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => HTTP_METHODS.includes(method))
      .map(([method, operation]) => ({ path, method, operation })),
  );
}

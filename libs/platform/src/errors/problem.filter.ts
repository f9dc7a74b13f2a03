import { Catch, HttpException, HttpStatus, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ClsServiceManager } from 'nestjs-cls';
import { translateDatabaseError } from './database-errors.js';
import { DomainError } from './domain-error.js';
import {
  genericProblem,
  PROBLEM_CONTENT_TYPE,
  problemType,
  type GenericProblemCode,
  type ProblemDetails,
} from './problem.js';

const STATUS_CODES: Record<number, GenericProblemCode> = {
  400: 'bad-request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not-found',
  405: 'method-not-allowed',
  406: 'not-acceptable',
  409: 'conflict',
  412: 'precondition-failed',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
  422: 'unprocessable',
  428: 'precondition-required',
  429: 'rate-limited',
  503: 'service-unavailable',
};

/** Fastify's own errors (body parsing, content type) carry a `code` and a `statusCode`. */
interface FastifyError {
  code?: string;
  statusCode?: number;
  message?: string;
}

const FASTIFY_DETAILS: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'The request body is larger than this service accepts',
  FST_ERR_CTP_INVALID_MEDIA_TYPE:
    'This route does not accept this content type; see the API documentation for the one it takes',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'The Content-Length header does not match the body',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'The body is empty but the content type says JSON',
  FST_ERR_CTP_INVALID_JSON_BODY: 'The body is not valid JSON',
  FST_ERR_CTP_EMPTY_TYPE: 'The Content-Type header is empty',
  FST_ERR_CTP_INVALID_TYPE: 'The Content-Type header is not valid',
  // The web pages' forms (@fastify/csrf-protection); the API takes no cookies, so never sees these.
  FST_CSRF_MISSING_SECRET:
    'This form has expired or did not come from this service. Go back, reload the page and try again',
  FST_CSRF_INVALID_TOKEN:
    'This form has expired or did not come from this service. Go back, reload the page and try again',
};

function fromHttpException(exception: HttpException): ProblemDetails {
  const status = exception.getStatus();
  const code = STATUS_CODES[status] ?? (status >= 500 ? 'internal' : 'bad-request');
  const response = exception.getResponse();
  let detail = exception.message;
  if (typeof response === 'object' && response !== null) {
    const message = (response as { message?: unknown }).message;
    if (typeof message === 'string') detail = message;
    else if (Array.isArray(message)) detail = message.join('; ');
  }
  if (status === 404 && /^Cannot [A-Z]+ /.test(detail)) {
    return { ...genericProblem('not-found', 'No such route'), type: problemType('route-not-found') };
  }
  if (status === 429) detail = 'Too many requests; slow down and retry after the time in Retry-After';
  if (status === 503) {
    const info = typeof response === 'object' && response !== null ? (response as Record<string, unknown>) : {};
    const extras = 'details' in info ? { checks: checkStatuses(info.details) } : {};
    return genericProblem('service-unavailable', 'The service is not ready', extras);
  }
  return genericProblem(code, detail);
}

/**
 * Health-check details, status only: a check's message is the driver's (database name, host, user)
 * and readiness is public. Terminus logs the full error.
 */
function checkStatuses(details: unknown): Record<string, { status: unknown }> {
  if (typeof details !== 'object' || details === null) return {};
  return Object.fromEntries(
    Object.entries(details as Record<string, unknown>).map(([name, check]) => [
      name,
      { status: typeof check === 'object' && check !== null ? (check as { status?: unknown }).status : undefined },
    ]),
  );
}

function fromFastifyError(error: FastifyError | undefined): ProblemDetails | undefined {
  if (!error?.code?.startsWith('FST_') || !error.statusCode || error.statusCode >= 500) return undefined;
  const code = STATUS_CODES[error.statusCode] ?? 'bad-request';
  const problem = genericProblem(code, FASTIFY_DETAILS[error.code] ?? 'The request could not be read');
  // A page's form without its session's CSRF token: its own type, not a missing permission.
  return error.code.startsWith('FST_CSRF_') ? { ...problem, type: problemType('csrf-token-invalid') } : problem;
}

/**
 * Another representation of the same problems, for requests that are not the API's: the web pages show
 * a refusal's title and detail on an HTML page (or send the browser to sign in), never a second copy of the rule.
 */
export interface ProblemPages {
  wants(request: FastifyRequest): boolean;
  render(problem: ProblemDetails, request: FastifyRequest, reply: FastifyReply): void;
}

/**
 * The one exception filter: every error leaves as RFC 9457 application/problem+json, or, for a web
 * page (`pages`), as that problem shown on a page.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  constructor(private readonly pages?: ProblemPages) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const problem = this.toProblem(exception);
    const requestId = requestIdOf(request);
    const body: ProblemDetails = {
      ...problem,
      instance: request?.url?.split('?')[0],
      ...(requestId ? { requestId } : {}),
    };
    const retryAfter = typeof body.retryAfterSeconds === 'number' ? body.retryAfterSeconds : undefined;
    delete body.retryAfterSeconds;

    // Not an HTTP context (a job), or the response already went out.
    if (typeof reply?.status !== 'function' || reply.sent === true) return;
    if (this.pages?.wants(request)) {
      this.pages.render(body, request, reply);
      return;
    }
    if (body.status === 401) reply.header('WWW-Authenticate', 'Bearer');
    if (body.status === 503 && !reply.getHeader('retry-after')) reply.header('Retry-After', String(retryAfter ?? 5));
    if (body.status === 429) reply.header('Retry-After', String(longestRetryAfter(reply) ?? retryAfter ?? 60));
    void reply.status(body.status).header('Content-Type', `${PROBLEM_CONTENT_TYPE}; charset=utf-8`).send(body);
  }

  private toProblem(exception: unknown): ProblemDetails {
    if (exception instanceof DomainError) {
      return {
        type: problemType(exception.code),
        title: exception.title,
        status: exception.status,
        detail: exception.detail,
        ...exception.extensions,
      };
    }
    if (exception instanceof HttpException) {
      // The Fastify adapter wraps Fastify's own 4xx errors (body parsing, content type) in an HttpException.
      const fastify = fromFastifyError(exception.cause as FastifyError | undefined);
      if (fastify) return fastify;
      const status = exception.getStatus();
      if (status >= 500 && status !== Number(HttpStatus.SERVICE_UNAVAILABLE)) this.logUnexpected(exception);
      return fromHttpException(exception);
    }
    const database = translateDatabaseError(exception);
    if (database) {
      if (database.status >= 500) this.logger.warn(`Database unavailable: ${describe(exception)}`);
      return database;
    }
    const fastify = fromFastifyError(exception as FastifyError);
    if (fastify) return fastify;
    this.logUnexpected(exception);
    return genericProblem('internal', 'Something went wrong on our side; the error has been logged');
  }

  private logUnexpected(exception: unknown): void {
    // Only name, message and stack: driver errors carry query parameters, which may be personal data.
    const err = exception instanceof Error ? exception : new Error(String(exception));
    this.logger.error({ err: { type: err.name, message: err.message, stack: err.stack } }, 'Unhandled error');
  }
}

/**
 * Named throttlers (per account, per client) each set `Retry-After-<name>`; the client needs the
 * longest wait under the one standard header.
 */
function longestRetryAfter(reply: FastifyReply): number | undefined {
  const waits = Object.entries(reply.getHeaders())
    .filter(([name]) => /^retry-after(-|$)/i.test(name))
    .map(([, value]) => Number(value))
    .filter((n) => Number.isFinite(n) && n > 0);
  return waits.length ? Math.max(...waits) : undefined;
}

function describe(exception: unknown): string {
  return exception instanceof Error ? `${exception.name}: ${exception.message}` : String(exception);
}

function requestIdOf(request: FastifyRequest | undefined): string | undefined {
  const fromCls = ClsServiceManager.getClsService().isActive() ? ClsServiceManager.getClsService().getId() : undefined;
  return fromCls ?? (request?.id ? String(request.id) : undefined);
}

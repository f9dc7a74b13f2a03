import { ClsServiceManager } from 'nestjs-cls';
import type { Params } from 'nestjs-pino';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type pino from 'pino';
import type { AppConfig } from '../config/app-config.js';

/**
 * Paths redacted from every log line. Request bodies are never logged at all; these cover headers
 * and any object that carries credentials by mistake.
 */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'req.headers["idempotency-key"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.newPassword',
  '*.accessToken',
  '*.refreshToken',
  '*.token',
  '*.secret',
  '*.passwordHash',
];

function pathOf(url: string | undefined): string | undefined {
  // Query strings may carry search terms (names); log the path only.
  return url?.split('?')[0];
}

/** Routes probed every few seconds: not logged (an outage is logged by what meets it). */
const QUIET_PATHS = new Set(['/health/live', '/health/ready', '/metrics']);

/** The request being served, if any: every line logged while serving it carries its id. */
function requestIdMixin(): { requestId?: string } {
  const cls = ClsServiceManager.getClsService();
  return cls.isActive() ? { requestId: cls.getId() } : {};
}

/**
 * The one pino logger of the process (nestjs-pino's root, behind Nest's Logger): level, redaction,
 * serializers, and the request id on every line logged while serving a request (from CLS).
 *
 * No per-request middleware: pino-http's built two child loggers per request, serialising and
 * redacting the request up front whether or not a line was then written (about 8 % of a point
 * read's CPU). The request line is written by `logRequest`, from the HTTP server's response hook.
 */
export function loggerParams(config: AppConfig): Params {
  return {
    pinoHttp: {
      level: config.logging.level,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      mixin: requestIdMixin,
      serializers: {
        req: (req: LoggedRequest) => ({
          id: req.id,
          method: req.method,
          url: pathOf(req.url),
          userAgent: req.headers?.['user-agent'],
          remoteAddress: req.remoteAddress,
        }),
        res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
        err: (err: Error & { code?: string }) => ({
          type: err.name,
          message: err.message,
          code: err.code,
          stack: err.stack,
        }),
      },
      autoLogging: false,
    },
    forRoutes: [],
  };
}

/** A request as the `req` serializer receives it (pino's standard request serializer runs first). */
interface LoggedRequest {
  id?: string;
  method?: string;
  url?: string;
  headers?: IncomingHttpHeaders;
  remoteAddress?: string;
}

/**
 * One line per answered request ("request completed"): info for success, warn for 4xx, error for
 * 5xx; probes skipped. Nothing is built unless that level is written.
 */
export function logRequest(logger: pino.Logger, req: IncomingMessage, res: ServerResponse, responseTime: number): void {
  const level = res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info';
  if (!logger.isLevelEnabled(level) || QUIET_PATHS.has(pathOf(req.url) ?? '')) return;
  logger[level]({ requestId: (req as { id?: unknown }).id, req, res, responseTime }, 'request completed');
}

import type { Params } from 'nestjs-pino';
import type { IncomingMessage, ServerResponse } from 'node:http';
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

export function loggerParams(config: AppConfig): Params {
  return {
    pinoHttp: {
      level: config.logging.level,
      // The request id is chosen by Fastify (genReqId) and reused here, on problem bodies and in CLS.
      genReqId: (req: IncomingMessage) => (req as IncomingMessage & { id?: string }).id ?? 'unknown',
      customAttributeKeys: { reqId: 'requestId' },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      serializers: {
        req: (req: {
          id?: string;
          method?: string;
          url?: string;
          headers?: Record<string, unknown>;
          remoteAddress?: string;
        }) => ({
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
      customLogLevel: (_req: IncomingMessage, res: ServerResponse, err?: Error) =>
        err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
      autoLogging: {
        ignore: (req: IncomingMessage) => ['/health/live', '/health/ready', '/metrics'].includes(pathOf(req.url) ?? ''),
      },
      quietReqLogger: true,
    },
  };
}

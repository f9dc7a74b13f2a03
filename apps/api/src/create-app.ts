import {
  etagHook,
  logRequest,
  MetricsService,
  PROBLEM_CONTENT_TYPE,
  ProblemDetailsFilter,
  problemType,
  withoutNotModifiedBody,
  type AppConfig,
} from '@capability/platform';
import helmet from '@fastify/helmet';
import { RequestMethod, type INestApplication, type Logger as NestLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { errorCodes, type FastifyError, type FastifyReply, type FastifyRequest } from 'fastify';
import { Logger, PinoLogger } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import { STATUS_CODES, type IncomingMessage, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { finished, Readable } from 'node:stream';
import { WebErrorPages } from '../../web/src/error-pages.js';
import { setUpWeb } from '../../web/src/setup-web.js';
import { pageRoutes } from '../../web/src/web-routes.js';
import { WEB_CONTROLLERS } from '../../web/src/web.module.js';
import { ApiModule } from './api.module.js';
import { setUpOpenApi } from './openapi.js';

export const API_PREFIX = 'api/v1';
/** Routes served outside /api/v1. */
export const UNPREFIXED_ROUTES = [
  { path: 'health/live', method: RequestMethod.GET },
  { path: 'health/ready', method: RequestMethod.GET },
  { path: 'metrics', method: RequestMethod.GET },
  { path: '.well-known/jwks.json', method: RequestMethod.GET },
];

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/**
 * Servers that closeApp is closing. Node closes the connections idle when the close starts, but one
 * whose response finishes afterwards is kept alive (72 s): the close would wait for the client to
 * hang up. Such connections are closed as each response finishes.
 */
const closingServers = new WeakSet<Server>();

/**
 * Errors Node's HTTP parser meets before there is a request to route (request line and headers over
 * the size limit, a malformed request): answered as RFC 9457 problems like every other error, not
 * with Fastify's default `{ error, message, statusCode }`.
 */
function problemOnClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code, detail]: [number, string, string] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'request-header-fields-too-large', 'The request line and headers are too large']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'request-timeout', 'The request did not arrive in time']
        : [400, 'bad-request', 'The request could not be read'];
  const title = STATUS_CODES[status] ?? 'Error';
  const body = JSON.stringify({ type: problemType(code), title, status, detail });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${title}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}

/**
 * Fastify's own routing errors (a path parameter over maxParamLength, a malformed %-escape in the
 * URL): answered as problems, without Fastify's error code or the path echoed back.
 */
function problemOnFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const [status, code, detail]: [number, string, string] =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? [414, 'uri-too-long', 'A path parameter is longer than any valid value']
      : [400, 'bad-request', 'The request URL could not be read'];
  const body = {
    type: problemType(code),
    title: STATUS_CODES[status] ?? 'Error',
    status,
    detail,
    requestId: request.id,
  };
  void reply.code(status).header('Content-Type', `${PROBLEM_CONTENT_TYPE}; charset=utf-8`).send(JSON.stringify(body));
}

export interface CreateAppOptions {
  config: AppConfig;
  databaseUrl: string;
  /** Keep Nest's own logger quiet (tests); the pino request logger still runs at LOG_LEVEL. */
  bufferLogs?: boolean;
}

/**
 * The one place that assembles the HTTP application: adapter, prefix, filter, server hooks,
 * security headers, OpenAPI and shutdown behaviour. `main.ts` and the tests both call it.
 */
export async function createApp({
  config,
  databaseUrl,
  bufferLogs = true,
}: CreateAppOptions): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: config.http.bodyLimitBytes,
    trustProxy: config.http.trustProxy,
    logger: false,
    // One request id for logs, problem bodies and the audit trail; a caller's X-Request-Id is kept when sane.
    genReqId: (req: IncomingMessage) => {
      const given = req.headers['x-request-id'];
      const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
      (req as IncomingMessage & { id?: string }).id = id;
      return id;
    },
    forceCloseConnections: 'idle',
    clientErrorHandler: problemOnClientError,
    frameworkErrors: problemOnFrameworkError,
  });

  const app = await NestFactory.create<NestFastifyApplication>(ApiModule.forRoot({ config, databaseUrl }), adapter, {
    bufferLogs,
    abortOnError: false,
    return503OnClosing: true,
    // Fastify's own JSON parser (with bodyLimit) is the only one: no urlencoded bodies on a JSON API.
    bodyParser: false,
    cors: config.http.corsOrigins.length > 0 ? { origin: config.http.corsOrigins, credentials: false } : false,
  });
  app.useLogger(app.get(Logger));
  app.flushLogs();

  // The web pages (apps/web) are served at / by this same server.
  app.setGlobalPrefix(API_PREFIX, { exclude: [...UNPREFIXED_ROUTES, ...pageRoutes(WEB_CONTROLLERS)] });
  app.useGlobalFilters(new ProblemDetailsFilter(new WebErrorPages()));

  const fastify = app.getHttpAdapter().getInstance();
  // A JSON API: Fastify's built-in text/plain parser would hand a bare string to the validation pipe; 415 instead.
  fastify.removeContentTypeParser('text/plain');
  // CSV imports: the body is handed on as a stream, never buffered, and cut off past IMPORT_MAX_BYTES (413).
  fastify.addContentTypeParser('text/csv', (request, payload, done) => {
    const limit = config.http.importMaxBytes;
    if (Number(request.headers['content-length']) > limit) done(new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE(), undefined);
    else done(null, capped(payload, limit));
  });
  // Security headers on every answer, 404s and problems included: @fastify/helmet's global onRequest hooks.
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", "'unsafe-inline'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        frameAncestors: ["'none'"],
      },
    },
    crossOriginEmbedderPolicy: false,
    frameguard: { action: 'deny' },
  });
  await setUpWeb(app, config);
  fastify.addHook('onRequest', (request: FastifyRequest, reply, done) => {
    void reply.header('X-Request-Id', request.id);
    done();
  });
  fastify.addHook('preSerialization', etagHook);
  fastify.addHook('onSend', (_request, reply, payload, done) => {
    if (!reply.hasHeader('cache-control')) void reply.header('Cache-Control', 'no-store');
    done(null, withoutNotModifiedBody(reply, payload));
  });
  const metrics = app.get(MetricsService);
  fastify.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? '(unmatched)';
    const elapsed = reply.elapsedTime;
    metrics.observe(request.method, route, reply.statusCode, elapsed / 1000);
    logRequest(PinoLogger.root, request.raw, reply.raw, Math.round(elapsed));
    // Closing: the connection is not kept alive for another request (the close would wait for it).
    if (closingServers.has(fastify.server)) setImmediate(() => fastify.server.closeIdleConnections());
    done();
  });

  setUpOpenApi(app);
  return app;
}

/**
 * `source` passed through as it is read, failing with Fastify's 413 error once more than `maxBytes`
 * have come. Reading starts only when the handler reads: a request refused before that (401, 403)
 * leaves the body to Node, as does a reader that stops early (too large, a bad file): Node then keeps
 * the connection for the next request, or closes it when much of the upload is still to come.
 */
function capped(source: Readable, maxBytes: number): Readable {
  let received = 0;
  let started = false;
  let failure: Error | undefined;
  const onData = (chunk: Buffer): void => {
    received += chunk.length;
    if (received > maxBytes) out.destroy(new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE());
    else if (!out.push(chunk)) source.pause();
  };
  const out = new Readable({
    // 16 KiB ahead of the reader on every Node (22+ defaults to 64 KiB), as the import's parser.
    highWaterMark: 16 * 1024,
    read() {
      if (failure) this.destroy(failure);
      else if (started) source.resume();
      else {
        started = true;
        source.on('data', onData);
        source.once('end', () => out.push(null));
      }
    },
  });
  // A reader that stopped early leaves the rest of the upload to Node, flowing, for it to discard (Node 22+ does not
  // dump a body that was partly read, so a paused one would stall the connection).
  out.once('close', () => {
    source.removeListener('data', onData);
    if (!source.readableEnded) source.resume();
  });
  // An upload cut short (the client went away) must end the reader too, whenever it starts reading.
  finished(source, (err) => {
    if (!err) return;
    failure = err;
    if (started) out.destroy(err);
  });
  return out;
}

/**
 * Closes the app: stops accepting connections (new requests on open ones are answered 503), lets
 * in-flight requests finish, then closes the pool and jobs. Requests still running after `timeoutMs`
 * are cut: every connection is closed (an export's stream then ends, and its COPY with it).
 * Resolves with whether any had to be cut.
 */
export async function closeApp(
  app: INestApplication,
  { timeoutMs = Infinity, logger }: { timeoutMs?: number; logger?: Pick<NestLogger, 'warn'> } = {},
): Promise<{ cut: boolean }> {
  const server = app.getHttpServer() as Server;
  closingServers.add(server);
  let cut = false;
  const timer = Number.isFinite(timeoutMs)
    ? setTimeout(
        () => {
          cut = true;
          logger?.warn(
            'Requests still running at the shutdown deadline (SHUTDOWN_TIMEOUT_MS): closing their connections',
          );
          server.closeAllConnections();
        },
        Math.max(0, timeoutMs),
      )
    : undefined;
  try {
    await app.close();
  } finally {
    clearTimeout(timer);
  }
  return { cut };
}

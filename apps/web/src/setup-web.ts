import { WebSessionsRepository } from '@capability/auth';
import { projectRoot, type AppConfig } from '@capability/platform';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrfProtection from '@fastify/csrf-protection';
import fastifyFormbody from '@fastify/formbody';
import fastifySession from '@fastify/session';
import fastifyView from '@fastify/view';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { errorCodes, type FastifyReply, type FastifyRequest, type Session } from 'fastify';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import nunjucks from 'nunjucks';
import { WebAssets } from './assets.js';
import { configureNunjucks } from './nunjucks.js';

export const SESSION_COOKIE = 'ddat_session';
export const SERVICE_NAME = 'DDaT Capability Manager';

/** The largest form body a page accepts (the staff CSV import posts a file of its own). */
const FORM_BODY_LIMIT_BYTES = 256 * 1024;

/** The session cookie's signing secret: WEB_SESSION_SECRET, else one generated once into DATA_DIR/keys. */
function sessionSecret(config: AppConfig): string {
  if (config.web.sessionSecret) return config.web.sessionSecret;
  const file = join(config.data.dir, 'keys', 'web-session.secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  return secret;
}

const isPage = (request: FastifyRequest): boolean =>
  (request.routeOptions.config as { web?: boolean } | undefined)?.web === true;

/**
 * The web pages on the API's server: sessions in PostgreSQL (@fastify/session over WebSessionsRepository),
 * CSRF tokens on every form (@fastify/csrf-protection, the secret in the session), form bodies for pages
 * only (the API still takes JSON alone), Nunjucks with govuk-frontend's macros (@fastify/view), and the
 * hashed static assets. Called by createApp before the routes are added, so its hooks run for them.
 */
export async function setUpWeb(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  const assets = new WebAssets();

  await app.register(fastifyCookie);
  await app.register(fastifySession, {
    secret: sessionSecret(config),
    cookieName: SESSION_COOKIE,
    cookie: { path: '/', httpOnly: true, sameSite: 'lax', secure: config.web.secureCookies },
    // A session is stored only once it holds something (a CSRF secret, a user); the store keeps the expiry.
    saveUninitialized: false,
    rolling: false,
    store: app.get(WebSessionsRepository).store<Session>(),
  });
  await app.register(fastifyCsrfProtection, { sessionPlugin: '@fastify/session' });
  await app.register(fastifyFormbody, { bodyLimit: FORM_BODY_LIMIT_BYTES });

  const govukFrontend = join(dirname(createRequire(import.meta.url).resolve('govuk-frontend/package.json')), 'dist');
  await app.register(fastifyView, {
    engine: { nunjucks },
    templates: [join(projectRoot(), 'apps', 'web', 'views'), govukFrontend],
    production: config.env !== 'development',
    defaultContext: {
      serviceName: SERVICE_NAME,
      departmentName: config.web.departmentName,
      assets: {
        css: [assets.url('govuk-frontend.min.css'), assets.url('app.css')],
        script: assets.url('init.mjs'),
      },
    },
    options: { onConfigure: configureNunjucks },
  });

  // Form bodies are for the pages: an API route keeps refusing anything but JSON (415), as before.
  fastify.addHook('preValidation', (request, _reply, done) => {
    const type = request.headers['content-type'] ?? '';
    if (!isPage(request) && type.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
      done(new errorCodes.FST_ERR_CTP_INVALID_MEDIA_TYPE(type));
      return;
    }
    done();
  });

  // Every page: what each template needs (the nonce, a CSRF token for its forms), then the CSRF check on
  // anything that changes something. A refused token goes to the error pages (403).
  fastify.addHook('preHandler', (request: FastifyRequest, reply: FastifyReply, done) => {
    if (!isPage(request)) {
      done();
      return;
    }
    reply.locals = {
      ...reply.locals,
      cspNonce: reply.cspNonce?.script,
      csrfToken: reply.generateCsrf(),
      currentPath: request.url.split('?')[0],
    };
    if (request.method === 'GET' || request.method === 'HEAD') {
      done();
      return;
    }
    fastify.csrfProtection(request, reply, done);
  });

  assets.register(fastify);
}

import { projectRoot } from '@capability/platform';
import type { FastifyInstance } from 'fastify';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, extname, join } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

interface Asset {
  body: Buffer;
  contentType: string;
}

/**
 * The pages' static files, each served under a name carrying a hash of its content with a year's cache
 * lifetime (`immutable`): govuk-frontend's CSS (its `url(/assets/…)` references rewritten to the hashed
 * names), its JavaScript, its fonts and images, and this app's own CSS and initialising script. Read
 * once at start and held in memory (a few hundred KB).
 */
export class WebAssets {
  private readonly byUrl = new Map<string, Asset>();
  /** Logical name (as templates ask for it) → hashed URL. */
  private readonly urls = new Map<string, string>();

  constructor() {
    const govuk = join(dirname(createRequire(import.meta.url).resolve('govuk-frontend/package.json')), 'dist', 'govuk');
    const own = join(projectRoot(), 'apps', 'web', 'assets');
    for (const dir of ['fonts', 'images']) {
      for (const file of readdirSync(join(govuk, 'assets', dir))) {
        this.add(`${dir}/${file}`, readFileSync(join(govuk, 'assets', dir, file)));
      }
    }
    const css = readFileSync(join(govuk, 'govuk-frontend.min.css'), 'utf8')
      .replace(/\/\*# sourceMappingURL=.*?\*\//g, '')
      .replace(/url\(\/assets\/([^)]+)\)/g, (_m, path: string) => `url(${this.url(path)})`);
    this.add('govuk-frontend.min.css', Buffer.from(css));
    const js = readFileSync(join(govuk, 'govuk-frontend.min.js'), 'utf8').replace(/\/\/# sourceMappingURL=.*$/m, '');
    this.add('govuk-frontend.min.js', Buffer.from(js));
    this.add('app.css', readFileSync(join(own, 'app.css')));
    const init = readFileSync(join(own, 'init.mjs'), 'utf8').replace(
      './govuk-frontend.min.js',
      this.url('govuk-frontend.min.js'),
    );
    this.add('init.mjs', Buffer.from(init));
  }

  /** The hashed URL of an asset by its logical name (`app.css`, `fonts/…`). */
  url(name: string): string {
    const url = this.urls.get(name);
    if (!url) throw new Error(`No web asset named ${name}`);
    return url;
  }

  private add(name: string, body: Buffer): void {
    const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
    const ext = extname(name);
    const url = `/assets/${join(dirname(name), `${basename(name, ext)}-${hash}${ext}`).replace(/^\.\//, '')}`;
    this.byUrl.set(url, { body, contentType: CONTENT_TYPES[ext] ?? 'application/octet-stream' });
    this.urls.set(name, url);
  }

  /** GET /assets/*: straight on Fastify, outside Nest's guards (they are public and the same for everyone). */
  register(fastify: FastifyInstance): void {
    fastify.get('/assets/*', (request, reply) => {
      const asset = this.byUrl.get(request.url.split('?')[0] ?? '');
      if (!asset) {
        void reply.code(404).header('Cache-Control', 'no-store').type('text/plain; charset=utf-8').send('Not found');
        return;
      }
      void reply
        .header('Cache-Control', 'public, max-age=31536000, immutable')
        .type(asset.contentType)
        .send(asset.body);
    });
  }
}

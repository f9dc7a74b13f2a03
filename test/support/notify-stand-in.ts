import jwt from 'jsonwebtoken';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One email Notify accepted. */
export interface NotifyCall {
  id: string;
  /** The name of the API key that signed the request. */
  keyName: string;
  templateId: string;
  emailAddress: string;
  personalisation: Record<string, unknown> | undefined;
  reference: string | undefined;
}

/** An answer to give instead of accepting the next email: a status with Notify's error JSON, or no answer at all. */
export type ScriptedAnswer = { status: 400 | 403 | 429 | 500 | 503; error?: string; message?: string } | 'hang';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Notify's error classes by status, as its API names them. */
const ERROR_NAMES: Record<number, string> = {
  400: 'BadRequestError',
  403: 'AuthError',
  429: 'RateLimitError',
  500: 'Exception',
  503: 'Exception',
};

/**
 * A local stand-in for the GOV.UK Notify API's POST /v2/notifications/email, strict as the real one where the
 * client could go wrong: the bearer must be an HS256 JWT with `iss` the service id and a fresh `iat`, signed
 * with the secret of one of its API keys (`{name}-{service id}-{secret}`); the body must carry a uuid
 * `template_id` of a known template, an email address and, if any, an object of personalisation. Accepted
 * emails answer 201 with Notify's response (its notification id) and are recorded; refusals answer with
 * Notify's error JSON (`{ status_code, errors: [{ error, message }] }`).
 */
export class NotifyStandIn {
  readonly serviceId = randomUUID();
  readonly calls: NotifyCall[] = [];
  /** Every request that reached the endpoint, answered or refused. */
  requests = 0;
  /** Added before every answer (to let concurrent senders overlap). */
  latencyMs = 0;
  private readonly keys = new Map<string, string>();
  private readonly templates = new Set<string>();
  private readonly script: ScriptedAnswer[] = [];
  private readonly hanging: ServerResponse[] = [];

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<NotifyStandIn> {
    const handler: { standIn?: NotifyStandIn } = {};
    const server = createServer((req, res) => void handler.standIn!.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    handler.standIn = new NotifyStandIn(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return handler.standIn;
  }

  /** A new API key of this service, as Notify issues them. */
  apiKey(name: string): string {
    const secret = randomUUID();
    this.keys.set(secret, name);
    return `${name}-${this.serviceId}-${secret}`;
  }

  /** A template this service has; emails to any other template id are refused with 400. */
  template(): string {
    const id = randomUUID();
    this.templates.add(id);
    return id;
  }

  /** The next requests get these answers, in order; afterwards emails are accepted again. */
  answerNext(...answers: ScriptedAnswer[]): void {
    this.script.push(...answers);
  }

  reset(): void {
    this.calls.length = 0;
    this.script.length = 0;
    this.requests = 0;
    this.latencyMs = 0;
    for (const res of this.hanging.splice(0)) res.destroy();
  }

  async close(): Promise<void> {
    for (const res of this.hanging.splice(0)) res.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (req.method !== 'POST' || req.url !== '/v2/notifications/email') {
      return this.error(res, 404, 'ResourceNotFound', 'Not found');
    }
    this.requests += 1;
    if (this.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.latencyMs));

    const keyName = this.authenticate(req.headers.authorization);
    if (typeof keyName !== 'string') return this.error(res, keyName.status, 'AuthError', keyName.message);

    let body: Record<string, unknown>;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
    } catch {
      return this.error(res, 400, 'BadRequestError', 'Invalid JSON supplied in POST data');
    }
    const { template_id: templateId, email_address: emailAddress, personalisation, reference } = body;
    if (typeof templateId !== 'string' || !UUID.test(templateId)) {
      return this.error(res, 400, 'ValidationError', 'template_id is not a valid UUID');
    }
    if (typeof emailAddress !== 'string' || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(emailAddress)) {
      return this.error(res, 400, 'ValidationError', 'email_address Not a valid email address');
    }
    if (personalisation !== undefined && (typeof personalisation !== 'object' || Array.isArray(personalisation))) {
      return this.error(res, 400, 'ValidationError', 'personalisation is not of type object');
    }
    if (!this.templates.has(templateId)) return this.error(res, 400, 'BadRequestError', 'Template not found');

    const scripted = this.script.shift();
    if (scripted === 'hang') {
      this.hanging.push(res);
      return;
    }
    if (scripted) {
      return this.error(res, scripted.status, scripted.error ?? ERROR_NAMES[scripted.status]!, scripted.message ?? '');
    }

    const id = randomUUID();
    this.calls.push({
      id,
      keyName,
      templateId,
      emailAddress,
      personalisation: personalisation as Record<string, unknown> | undefined,
      reference: typeof reference === 'string' ? reference : undefined,
    });
    this.json(res, 201, {
      id,
      reference: reference ?? null,
      content: { subject: 'Subject', body: 'Body', from_email: 'capability@notifications.service.gov.uk' },
      uri: `${this.url}/v2/notifications/${id}`,
      template: { id: templateId, version: 1, uri: `${this.url}/services/${this.serviceId}/templates/${templateId}` },
      scheduled_for: null,
    });
  }

  /** The signing key's name, or why the request is refused (Notify's 401/403 messages). */
  private authenticate(header: string | undefined): string | { status: 401 | 403; message: string } {
    if (!header?.startsWith('Bearer ')) {
      return { status: 401, message: 'Unauthorized: authentication token must be provided' };
    }
    const token = header.slice('Bearer '.length);
    const decoded = jwt.decode(token, { complete: true });
    if (!decoded || typeof decoded.payload === 'string' || decoded.header.alg !== 'HS256') {
      return { status: 403, message: 'Invalid token: signature, api token is not valid' };
    }
    if (decoded.payload.iss !== this.serviceId) {
      return { status: 403, message: 'Invalid token: service not found' };
    }
    const iat = decoded.payload.iat;
    if (typeof iat !== 'number' || Math.abs(Date.now() / 1000 - iat) > 30) {
      return { status: 403, message: 'Error: Your system clock must be accurate to within 30 seconds' };
    }
    for (const [secret, name] of this.keys) {
      try {
        jwt.verify(token, secret, { algorithms: ['HS256'], issuer: this.serviceId });
        return name;
      } catch {
        // another of the service's keys may have signed it
      }
    }
    return { status: 403, message: 'Invalid token: API key not found' };
  }

  private error(res: ServerResponse, status: number, error: string, message: string): void {
    this.json(res, status, { status_code: status, errors: [{ error, message }] });
  }

  private json(res: ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  }
}

import { Injectable } from '@nestjs/common';
import axios, { isAxiosError } from 'axios';
import { NotifyClient } from 'notifications-node-client';
import { AppConfig } from '../config/app-config.js';

/** What became of one send: Notify's id, or whether trying again later may help, with a loggable reason. */
export type SendOutcome =
  { kind: 'sent'; notifyId: string } | { kind: 'retry'; error: string } | { kind: 'failed'; error: string };

interface NotifyErrorBody {
  status_code?: number;
  errors?: { error?: unknown; message?: unknown }[];
}

const EMAIL_SHAPED = /[^\s@"'<>(),;:]+@[^\s@"'<>(),;:]+/g;

/**
 * GOV.UK Notify through its official client (`notifications-node-client`), with a timeout on every request.
 * Configured when NOTIFY_API_KEY is set; a template key is sendable when NOTIFY_TEMPLATES gives its id.
 */
@Injectable()
export class NotifyGateway {
  private readonly client?: NotifyClient;

  constructor(private readonly config: AppConfig) {
    const { apiKey, baseUrl, timeoutMs } = config.notify;
    if (!apiKey) return;
    this.client = new NotifyClient(baseUrl, apiKey);
    // The client's default axios waits forever; a hung request must end well within the claim's lease.
    // (The client's typings see axios's CommonJS declarations, this module its ESM ones: the same instance.)
    const http = axios.create({ timeout: timeoutMs, maxRedirects: 0 });
    this.client.setClient(http as unknown as Parameters<NotifyClient['setClient']>[0]);
  }

  /** The Notify template id for a template key, when emails of that key can be sent (key and id configured). */
  templateIdFor(template: string): string | undefined {
    return this.client ? this.config.notify.templates[template] : undefined;
  }

  async sendEmail(
    templateId: string,
    emailAddress: string,
    personalisation: Record<string, unknown>,
    reference: string,
  ): Promise<SendOutcome> {
    if (!this.client) throw new Error('GOV.UK Notify is not configured (NOTIFY_API_KEY)');
    try {
      const response = await this.client.sendEmail(templateId, emailAddress, { personalisation, reference });
      return { kind: 'sent', notifyId: response.data.id };
    } catch (err) {
      return classify(err, emailAddress);
    }
  }
}

/**
 * Notify's answer as an outcome: 429 (rate or daily limit) and 5xx are worth retrying, as are network
 * failures and timeouts; 400 and 403 (a bad request, an address a trial key may not send to, a bad key)
 * will not change by waiting. The reason keeps the status and Notify's error types and messages, with the
 * address and anything else shaped like one cut out; never the request (axios's error carries its body).
 */
function classify(err: unknown, emailAddress: string): SendOutcome {
  if (!isAxiosError(err)) {
    return { kind: 'retry', error: scrub(`unexpected ${err instanceof Error ? err.name : 'error'}`, emailAddress) };
  }
  const status = err.response?.status;
  if (status === undefined) {
    return { kind: 'retry', error: `network: ${err.code ?? 'no response'}` };
  }
  const body = err.response?.data as NotifyErrorBody | undefined;
  const details = (Array.isArray(body?.errors) ? body.errors : [])
    .map((e) => `${String(e.error)}: ${String(e.message)}`)
    .join('; ');
  const error = scrub(`HTTP ${status}${details ? ` ${details}` : ''}`, emailAddress);
  return status === 429 || status >= 500 ? { kind: 'retry', error } : { kind: 'failed', error };
}

function scrub(text: string, emailAddress: string): string {
  return text.split(emailAddress).join('[address]').replace(EMAIL_SHAPED, '[address]').slice(0, 500);
}

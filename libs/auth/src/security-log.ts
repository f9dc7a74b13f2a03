import { Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';

const logger = new Logger('Security');

/**
 * Security events (failed logins, rejected tokens, refresh-token reuse) as structured log lines.
 * Never a password or token; an email only as a short hash, enough to correlate attempts.
 */
export function securityEvent(event: string, fields: Record<string, string | number | undefined> = {}): void {
  logger.warn({ securityEvent: event, ...fields }, `security: ${event}`);
}

export function subjectHash(value: string): string {
  return createHash('sha256').update(value.trim().toLowerCase()).digest('hex').slice(0, 16);
}

import { Injectable } from '@nestjs/common';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * Prometheus metrics: HTTP requests by route template and their latency, emails sent from the notification
 * outbox (in the process that runs the sender), and the process's own
 * (CPU, memory, event loop). No connection-pool gauges: TypeORM has no public accessor for its pool,
 * and a pool that runs short shows as 503s in `http_requests_total` (DATABASE_CONNECT_TIMEOUT_MS).
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  private readonly requests: Counter<'method' | 'route' | 'status'>;
  private readonly latency: Histogram<'method' | 'route' | 'status'>;
  private readonly notifications: Counter<'template' | 'outcome'>;

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    this.requests = new Counter({
      name: 'http_requests_total',
      help: 'HTTP requests by method, route template and status',
      labelNames: ['method', 'route', 'status'],
      registers: [this.registry],
    });
    this.latency = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request latency by method, route template and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [this.registry],
    });
    this.notifications = new Counter({
      name: 'notifications_total',
      help: 'Queued emails handled by the sender, by template key and outcome (sent, logged, retried, failed)',
      labelNames: ['template', 'outcome'],
      registers: [this.registry],
    });
  }

  /** One email handled by the sender: sent through Notify, logged as due (no Notify), put back for a retry, or failed. */
  countNotification(template: string, outcome: 'sent' | 'logged' | 'retried' | 'failed'): void {
    this.notifications.inc({ template, outcome });
  }

  observe(method: string, route: string, status: number, seconds: number): void {
    const labels = { method, route, status: String(status) };
    this.requests.inc(labels);
    this.latency.observe(labels, seconds);
  }
}

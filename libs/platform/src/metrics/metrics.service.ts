import { Injectable } from '@nestjs/common';
import type pg from 'pg';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { DataSource } from 'typeorm';
import { databasePool } from '../database/pool.js';

/** Prometheus metrics: HTTP requests by route template, their latency, the connection pool. */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  private readonly requests: Counter<'method' | 'route' | 'status'>;
  private readonly latency: Histogram<'method' | 'route' | 'status'>;

  constructor(dataSource: DataSource) {
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
    const gauge = (name: string, help: string, read: (p: pg.Pool) => number): void => {
      new Gauge({
        name,
        help,
        registers: [this.registry],
        collect() {
          const p = databasePool(dataSource);
          if (p) this.set(read(p));
        },
      });
    };
    gauge('db_pool_connections_total', 'Connections open in the database pool', (p) => p.totalCount);
    gauge('db_pool_connections_idle', 'Idle connections in the database pool', (p) => p.idleCount);
    gauge('db_pool_requests_waiting', 'Requests waiting for a database connection', (p) => p.waitingCount);
  }

  observe(method: string, route: string, status: number, seconds: number): void {
    const labels = { method, route, status: String(status) };
    this.requests.inc(labels);
    this.latency.observe(labels, seconds);
  }
}

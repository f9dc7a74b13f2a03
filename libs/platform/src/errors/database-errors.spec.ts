import { QueryFailedError } from 'typeorm';
import { describe, expect, it } from 'vitest';
import { registerConstraintMessages, translateDatabaseError } from './database-errors.js';
import { problemType } from './problem.js';

/** What node-postgres throws: an Error carrying SQLSTATE and, for constraint violations, the constraint name. */
function pgError(code: string, message: string, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(message), { code, ...extra });
}

/** What TypeORM wraps it in (the query and its parameters may hold personal data). */
function queryFailed(driverError: Error): QueryFailedError {
  return new QueryFailedError('INSERT INTO users (email) VALUES ($1)', ['jo@department.example'], driverError);
}

describe('translateDatabaseError', () => {
  it.each([
    ['23505', 409, 'conflict'],
    ['23503', 409, 'conflict'],
    ['23514', 422, 'unprocessable'],
    ['23P01', 422, 'unprocessable'],
    ['23502', 422, 'unprocessable'],
    ['22P02', 400, 'bad-request'],
    ['22001', 400, 'bad-request'],
    ['22003', 400, 'bad-request'],
    ['40001', 409, 'conflict'],
    ['40P01', 409, 'conflict'],
    ['55P03', 503, 'service-unavailable'],
    ['57014', 503, 'service-unavailable'],
  ])('maps SQLSTATE %s to %i %s, wrapped by TypeORM or not', (code, status, problem) => {
    for (const err of [queryFailed(pgError(code, 'driver says no')), pgError(code, 'driver says no')]) {
      const p = translateDatabaseError(err);
      expect(p).toMatchObject({ status, type: problemType(problem) });
      expect(p?.title).toBeTruthy();
      expect(p?.detail).toBeTruthy();
    }
  });

  it('never leaks the query, its parameters or the driver message', () => {
    const p = translateDatabaseError(
      queryFailed(
        pgError('23505', 'duplicate key value violates unique constraint "uq_users_email"', {
          constraint: 'uq_users_email',
          detail: 'Key (email)=(jo@department.example) already exists.',
        }),
      ),
    );
    const text = JSON.stringify(p);
    expect(text).not.toContain('INSERT');
    expect(text).not.toContain('jo@department.example');
    expect(text).not.toContain('duplicate key');
    expect(p?.constraint).toBe('uq_users_email');
  });

  it('uses the friendly message registered for a constraint', () => {
    registerConstraintMessages({ uq_spec_things_code: 'A thing with this code already exists' });
    const p = translateDatabaseError(queryFailed(pgError('23505', 'dup', { constraint: 'uq_spec_things_code' })));
    expect(p?.detail).toBe('A thing with this code already exists');
  });

  it('asks for a retry after a statement timeout', () => {
    const p = translateDatabaseError(queryFailed(pgError('57014', 'canceling statement due to statement timeout')));
    expect(p).toMatchObject({ status: 503, retryAfterSeconds: 5 });
  });

  it.each([
    ['connect ECONNREFUSED 127.0.0.1:5432', { code: 'ECONNREFUSED' }],
    ['Connection terminated unexpectedly', {}],
    ['Connection terminated due to connection timeout', {}],
    ['timeout exceeded when trying to connect', {}],
    ['terminating connection due to administrator command', { code: '57P01' }],
    ['the database system is starting up', { code: '57P03' }],
    ['database "x" is not currently accepting connections', { code: '55000' }],
    ['sorry, too many clients already', { code: '53300' }],
    ['connection failure', { code: '08006' }],
    // TypeORM's QueryRunnerAlreadyReleasedError: a transaction whose connection died mid-way.
    ['Query runner already released. Cannot run queries anymore.', {}],
  ])('maps "%s" to 503 service-unavailable', (message, extra) => {
    const bare = Object.assign(new Error(message), extra);
    expect(translateDatabaseError(bare)).toMatchObject({ status: 503, type: problemType('service-unavailable') });
    expect(translateDatabaseError(queryFailed(bare))).toMatchObject({ status: 503 });
  });

  it.each([
    ['a plain Error', new Error('boom')],
    ['an unknown SQLSTATE', queryFailed(pgError('XX000', 'internal error'))],
    ['a string', 'boom'],
    ['undefined', undefined],
    ['null', null],
  ])('returns undefined for %s', (_name, err) => {
    expect(translateDatabaseError(err)).toBeUndefined();
  });
});

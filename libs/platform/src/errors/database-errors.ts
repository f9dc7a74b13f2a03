import { QueryFailedError } from 'typeorm';
import { genericProblem, type ProblemDetails } from './problem.js';

/**
 * Friendly text for named constraints. Each lib registers its own at import time, so a violated
 * constraint reads as a sentence ("A user with this email already exists"), not a driver message.
 */
const constraintMessages = new Map<string, string>();

export function registerConstraintMessages(messages: Record<string, string>): void {
  for (const [name, message] of Object.entries(messages)) constraintMessages.set(name, message);
}

interface PgError {
  code?: string;
  constraint?: string;
  table?: string;
  column?: string;
}

const CONNECTION_FAILURES = [
  /timeout exceeded when trying to connect/i,
  /Connection terminated/i,
  /connect ECONNREFUSED/i,
  /ECONNRESET/i,
  /Query read timeout/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
  /terminating connection due to administrator command/i,
  // SQLSTATE 55000 is too broad to map by code; this is the database refusing new sessions (ALLOW_CONNECTIONS false).
  /database ".*" is not currently accepting connections/i,
  /Client has encountered a connection error/i,
  /Connection is not established/i,
  /sorry, too many clients already/i,
  // TypeORM releases a transaction's query runner when its connection dies; the next statement then fails so.
  /Query runner already released/i,
];

function isConnectionFailure(err: unknown): boolean {
  const message = err instanceof Error ? err.message : '';
  const code = (err as PgError | undefined)?.code ?? '';
  return (
    code.startsWith('08') || // connection exception
    code === '57P01' ||
    code === '57P02' ||
    code === '57P03' || // admin shutdown, crash shutdown, cannot connect now
    code === '53300' || // too many connections
    CONNECTION_FAILURES.some((pattern) => pattern.test(message))
  );
}

/**
 * Translates PostgreSQL and pool errors in one place, so no service catches driver errors.
 * Returns undefined for errors that are not the database's.
 */
export function translateDatabaseError(err: unknown): ProblemDetails | undefined {
  const driver: PgError | undefined = err instanceof QueryFailedError ? (err.driverError as PgError) : (err as PgError);
  const code = driver?.code;
  const constraint = driver?.constraint;
  const friendly = constraint ? constraintMessages.get(constraint) : undefined;
  switch (code) {
    case '23505':
      return genericProblem('conflict', friendly ?? 'A record with the same unique value already exists', {
        constraint,
      });
    case '23503':
      return genericProblem(
        'conflict',
        friendly ?? 'The change refers to a record that does not exist, or is still referred to',
        { constraint },
      );
    case '23514':
    case '23P01':
      return genericProblem('unprocessable', friendly ?? 'The change breaks a rule the data must follow', {
        constraint,
      });
    case '23502':
      return genericProblem('unprocessable', 'A required value is missing');
    case '22P02':
    case '22007':
    case '22008':
    case '22003':
    case '22001':
      return genericProblem('bad-request', 'A value is malformed or out of range');
    case '22021': // character_not_in_repertoire: text holding U+0000, which PostgreSQL text cannot store
    case '22P05': // untranslatable_character
      return genericProblem('bad-request', 'Text may not contain the NUL character (U+0000)');
    case '40001':
    case '40P01':
      return genericProblem('conflict', 'The change collided with a concurrent change; retry it');
    case '55P03':
      return genericProblem('service-unavailable', 'The record is busy; retry shortly', { retryAfterSeconds: 1 });
    case '57014':
      return genericProblem('service-unavailable', 'The database took too long to answer; retry shortly', {
        retryAfterSeconds: 5,
      });
    default:
      break;
  }
  if (isConnectionFailure(err) || (err instanceof QueryFailedError && isConnectionFailure(err.driverError))) {
    return genericProblem('service-unavailable', 'The database is not available; retry shortly', {
      retryAfterSeconds: 5,
    });
  }
  return undefined;
}

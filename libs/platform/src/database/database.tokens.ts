/** Injection token: the resolved PostgreSQL URL (external, or the embedded server's). */
export const DATABASE_URL = Symbol('DATABASE_URL');

/**
 * What the pages keep in their session (@fastify/session's documented augmentation of `Session`), and
 * @fastify/view's `reply.locals`, which its runtime adds but its types do not declare.
 */
declare module 'fastify' {
  interface Session {
    /** The signed-in user (set at sign-in; SessionAuthGuard builds the actor from it). */
    userId?: string;
    /** Epoch milliseconds of the sign-in: a sign-out everywhere after it ends the session. */
    signedInAt?: number;
    displayName?: string;
    /** A confirmation for the next page, shown once. */
    flash?: string;
  }

  interface FastifyReply {
    locals?: Record<string, unknown>;
  }
}

export {};

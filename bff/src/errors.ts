import { GraphQLError } from 'graphql';
import { ERROR_CODES, type ErrorCode } from '@citizen/shared';

/**
 * Base of every expected failure: a stable code from the shared registry, a default
 * message from it, and optional details (e.g. the field concerned). Anything thrown
 * that is not an AppError is unexpected and masked before it reaches a client.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string = ERROR_CODES[code].en,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }

  /** The error as a client sees it, keeping where it happened when `located` says. */
  toGraphQLError(located?: GraphQLError): GraphQLError {
    return new GraphQLError(this.message, {
      nodes: located?.nodes,
      source: located?.source,
      positions: located?.positions,
      path: located?.path,
      extensions: { code: this.code, ...this.details },
    });
  }
}

export class BadUserInputError extends AppError {
  constructor(code: ErrorCode = 'BAD_USER_INPUT', details: Record<string, unknown> = {}, message?: string) {
    super(code, message, details);
  }
}

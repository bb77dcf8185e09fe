import { GraphQLError } from 'graphql';
import { ERROR_CODES, type ErrorCode } from './error-codes';

/** A client-visible error whose code comes from the registry; extra extensions are kept. */
export class AppError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { ...extensions, code, http: { status: ERROR_CODES[code].status } } });
    this.name = 'AppError';
  }
}

import type { Logger } from '@academy/service-kit';
import { ERROR_CODES, isErrorCode } from '@academy/service-kit';
import type { GraphQLFormattedError } from 'graphql';
import { ArgumentValidationError } from 'type-graphql';

interface ValidationIssue {
  property: string;
  constraints?: Record<string, string>;
  children?: ValidationIssue[];
}

function flatten(issues: ValidationIssue[], prefix = ''): { field: string; messages: string[] }[] {
  return issues.flatMap((issue) => {
    const field = prefix ? `${prefix}.${issue.property}` : issue.property;
    const own = issue.constraints ? [{ field, messages: Object.values(issue.constraints) }] : [];
    return [...own, ...flatten(issue.children ?? [], field)];
  });
}

/**
 * Registered codes pass through; input validation becomes BAD_USER_INPUT with the failing fields;
 * anything else is an unexpected error: logged in full, masked to the client.
 */
export function createSubgraphErrorFormatter(service: string, logger: Logger, exposeDetails: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = (error as { originalError?: unknown })?.originalError;
    if (original instanceof ArgumentValidationError) {
      const fields = flatten(original.extensions.validationErrors as ValidationIssue[]);
      return { ...formatted, message: 'Invalid input', extensions: { code: 'BAD_USER_INPUT', fields } };
    }
    const code = formatted.extensions?.code;
    if (isErrorCode(code) && code !== 'INTERNAL_SERVER_ERROR') {
      const { stacktrace: _s, http: _h, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions: exposeDetails ? formatted.extensions : extensions };
    }
    // Apollo's own request-level codes (parse/validation) are client errors, not ours to mask.
    if (typeof code === 'string' && code.startsWith('GRAPHQL_')) return formatted;
    logger.error({ err: original ?? error, path: formatted.path, service }, 'unexpected resolver error');
    if (exposeDetails) return formatted;
    return { message: 'Internal server error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}

export { ERROR_CODES };

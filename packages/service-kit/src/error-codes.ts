/**
 * The one registry of error codes a client can see, across the gateway and every subgraph.
 * README's error table is checked against this list by a test, so the two cannot drift.
 */
export const ERROR_CODES = {
  BAD_REQUEST: { status: 400, description: 'The HTTP request is not a GraphQL request: malformed JSON, a missing `query`, a wrong content type or method.' },
  GRAPHQL_PARSE_FAILED: { status: 400, description: 'The document has a syntax error.' },
  GRAPHQL_VALIDATION_FAILED: { status: 400, description: 'The document does not validate against the schema.' },
  OPERATION_RESOLUTION_FAILURE: { status: 400, description: 'The requested `operationName` is not in the document, or a document with several operations gave none.' },
  BAD_USER_INPUT: { status: 400, description: 'An argument or input value is invalid (e.g. an out-of-range `first`, a malformed cursor or slug).' },
  PERSISTED_QUERY_NOT_FOUND: { status: 200, description: 'An automatic persisted query hash is not in the cache yet; the client resends it with the full `query` (Apollo Client does so on its own).' },
  PERSISTED_QUERY_NOT_SUPPORTED: { status: 200, description: 'The server does not accept automatic persisted queries; the client should send the full `query`.' },
  PAYLOAD_TOO_LARGE: { status: 413, description: 'The request body exceeds the configured size limit.' },
  NOT_FOUND: { status: 404, description: 'The object a mutation targets does not exist (or belongs to another tenant).' },
  ROUTE_NOT_FOUND: { status: 404, description: 'The HTTP path is not served; the GraphQL endpoint is `/graphql`.' },
  CONFLICT: { status: 409, description: 'The write conflicts with existing data, e.g. a tenant slug that is already taken.' },
  UNAUTHENTICATED: { status: 401, description: 'No valid credentials: a subgraph called without a valid gateway context token, or a bad client token.' },
  FORBIDDEN: { status: 403, description: 'The caller is authenticated but its role or scopes do not allow the field.' },
  TENANT_REQUIRED: { status: 400, description: 'The operation needs a tenant and none was resolved from the request.' },
  CORS_ORIGIN_NOT_ALLOWED: { status: 403, description: 'A browser preflight came from an origin that is not listed in the gateway `CORS_ORIGINS` setting.' },
  DOWNSTREAM_SERVICE_ERROR: { status: 502, description: 'A subgraph failed or could not be reached; `extensions.serviceName` names it. The rest of the response is still served.' },
  INTERNAL_SERVER_ERROR: { status: 500, description: 'An unexpected error. Its details are logged with the request id and masked outside development.' },
} as const satisfies Record<string, { status: number; description: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.hasOwn(ERROR_CODES, code);
}

export function httpStatusOf(code: unknown): number | undefined {
  return isErrorCode(code) ? ERROR_CODES[code].status : undefined;
}

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
  OPERATION_NOT_TRUSTED: { status: 403, description: 'The tenant accepts only the operations of its trusted document manifest (feature flag `trusted-documents-only`): send a manifest operation by `documentId: "sha256:<id>"` or `extensions.persistedQuery.sha256Hash`.' },
  PAYLOAD_TOO_LARGE: { status: 413, description: 'The request body exceeds the configured size limit.' },
  NOT_FOUND: { status: 404, description: 'The object a mutation targets does not exist (or belongs to another tenant).' },
  ROUTE_NOT_FOUND: { status: 404, description: 'The HTTP path is not served; the GraphQL endpoint is `/graphql`.' },
  CONFLICT: { status: 409, description: 'The write conflicts with existing data, e.g. a tenant slug that is already taken.' },
  UNAUTHENTICATED: { status: 401, description: 'No valid credentials: a bad, expired or revoked JWT, API key or request signature (`extensions.reason` says which check failed, e.g. `token_expired`, `bad_signature`, `nonce_replayed`), or a subgraph called without a valid gateway context token.' },
  FORBIDDEN: { status: 403, description: 'The caller is authenticated but its role or scopes do not allow the field.' },
  TENANT_REQUIRED: { status: 400, description: 'The operation needs a tenant and none was resolved from the request.' },
  TENANT_NOT_FOUND: { status: 404, description: 'The tenant the request names (`X-Tenant-Id`, `/t/<slug>/graphql`, the subdomain, the custom domain or the token\'s tenant claim) does not exist.' },
  TENANT_SUSPENDED: { status: 403, description: 'The tenant exists but is suspended; its API is refused until it is reactivated.' },
  TENANT_MISMATCH: { status: 403, description: 'The credentials belong to another tenant than the one the request resolved to (a token\'s tenant claim, or an API key of another tenant).' },
  AUTHENTICATION_UNAVAILABLE: { status: 503, description: 'The credentials could not be checked because a dependency did not answer (the identity provider\'s key set, or the store that remembers request-signature nonces); retry later.' },
  CORS_ORIGIN_NOT_ALLOWED: { status: 403, description: 'A browser preflight came from an origin that is neither in the gateway `CORS_ORIGINS` setting nor among the resolved tenant\'s CORS origins.' },
  COST_LIMIT_EXCEEDED: { status: 400, description: 'The operation\'s estimated cost (Apollo demand-control rules: `@cost`, `@listSize`) is above the plan\'s largest allowed cost; `extensions["cost.estimated"]` and `extensions["cost.max"]` give both numbers. Ask for fewer items (`first`) or fewer fields.' },
  SLICING_ARGUMENT_REQUIRED: { status: 400, description: 'A list field whose `@listSize` requires exactly one slicing argument (e.g. `first`) got none or several; `extensions.field` names it.' },
  THROTTLED: { status: 429, description: 'The tenant\'s cost budget (a leaky bucket) does not hold the operation\'s estimated cost right now; `extensions.cost.throttleStatus` and `extensions.retryAfterMs` say when it will.' },
  RATE_LIMITED: { status: 429, description: 'Too many requests per minute for the tenant or the caller; `extensions.rateLimit` gives `requestRate`, `remaining`, `retryAfterMs` and `resetAfterMs`.' },
  QUERY_TOO_DEEP: { status: 400, description: 'The operation nests fields (fragments expanded) deeper than the plan allows; `extensions.limit` and `extensions.actual` give both numbers.' },
  TOO_MANY_ALIASES: { status: 400, description: 'The operation uses more field aliases (fragments expanded) than the plan allows.' },
  TOO_MANY_ROOT_FIELDS: { status: 400, description: 'The operation selects more root fields than the plan allows.' },
  TOO_MANY_TOKENS: { status: 400, description: 'The document has more lexical tokens than the plan allows.' },
  DOCUMENT_TOO_LARGE: { status: 400, description: 'The GraphQL document (the `query` text, not the whole body) is longer in bytes than the plan allows. A 400 like the other document limits; 413 stays reserved for `PAYLOAD_TOO_LARGE`, the transport limit.' },
  SUBSCRIPTION_LIMIT_REACHED: { status: 429, description: 'The tenant already has as many open subscriptions as its plan allows (`extensions.limit`, counted across every gateway replica); close one or retry later.' },
  SUBSCRIPTION_SCHEMA_RELOAD: { status: 200, description: 'The last message of a subscription the gateway ended because it loaded a new supergraph; resubscribe (the operation is planned against the new schema).' },
  SUBSCRIPTION_NOT_ACCEPTABLE: { status: 406, description: 'A subscription was sent over plain HTTP without asking for a streaming response: send `Accept: multipart/mixed;subscriptionSpec="1.0"` or `Accept: text/event-stream`, or use graphql-ws on `/graphql`.' },
  SHUTTING_DOWN: { status: 503, description: 'The gateway is shutting down; open subscriptions are completed and new ones refused. Reconnect (to another replica).' },
  INVALID_ANALYTICS_RANGE: { status: 400, description: 'An analytics query\'s range is unusable: `extensions.reason` is `REVERSED` (`to` not after `from`), `TOO_LONG` (longer than `extensions.maxDays` for the granularity: 366 by day, 731 by week, 1827 by month) or `INVALID_DATE`.' },
  INVALID_CURP: { status: 400, description: 'The CURP is not a valid Clave Única de Registro de Población: `extensions.reason` is `FORMAT` (not the 18-character RENAPO pattern), `DATE` (no such birth date) or `CHECK_DIGIT` (the last digit does not match). Nothing was written.' },
  UNKNOWN_STANDARD: { status: 400, description: 'The competency standard code is not in the RENEC catalog, or the standard is retired and no longer certifies (`extensions.standardCode`). Nothing was written.' },
  UNACCREDITED_EVALUATION_CENTER: { status: 400, description: 'The evaluation center (ECE/OC id) is unknown (`extensions.reason: UNKNOWN`) or not accredited for the standard (`NOT_ACCREDITED`) in the RENEC registry. Nothing was written.' },
  COURSE_NOT_COMPLETED: { status: 400, description: 'No course completion for the learner and standard has been recorded (from `course.completed` events), and the caller may not assert one, or did not. Nothing was written.' },
  CERTIFICATION_ALREADY_EXISTS: { status: 409, description: 'The learner already has a pending, submitted or issued certification for this standard (`extensions.certificationId`); a rejected one may be submitted again.' },
  LEARNER_DATA_BLOCKED: { status: 451, description: 'The learner asked for the cancellation of their data (LFPDPPP): it is blocked, then deleted, and no longer processed or shown. Events about the learner are refused (dead-lettered with this code in the reason), the data export and re-registration are refused; `extensions.cancellationState` says `BLOCKED` or `DELETED` where known.' },
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

export { AppError } from './app-error';
export * from './context-token';
export { commonEnvironment, ConfigError, env, loadEnvironmentOrExit, parseEnvironment, resolveFileVariables } from './environment';
export { ERROR_CODES, type ErrorCode, httpStatusOf, isErrorCode } from './error-codes';
export { createGraphQLHttpHandler, type GraphQLHttpOptions } from './graphql-http';
export { createHttpService, type HttpService, type HttpServiceTls, type ReadinessCheck, type RequestHandler, requestIdOf, sendJson } from './http-server';
export { createLogger, type Logger } from './logger';
export { Lifecycle } from './shutdown';
export { DropOldestBuffer } from './drop-oldest-buffer';

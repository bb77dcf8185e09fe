export { enableTraceContext, headerGetter, headerSetter, setupTracing, type TracingOptions } from './setup-tracing';
export { traceHttpRequest } from './trace-http';

import pino, { type Logger } from 'pino';
import { maskCurps, maskCurpsDeep, REDACTED_PATHS } from './log-redaction';

export type { Logger } from 'pino';

export interface LoggerOptions {
  /** Bound to every line; omit it for a process that hosts several services, each binding its own child. */
  service?: string;
  level?: string;
  /** Where JSON lines go; stdout by default. */
  destination?: pino.DestinationStream;
}

/** Fields added to every line (the active trace's ids, once tracing is set up). */
let logMixin: () => Record<string, unknown> = () => ({});

/** Adds fields to every line of every logger, e.g. `{ traceId, spanId }` of the active span. */
export function setLogMixin(mixin: () => Record<string, unknown>): void {
  logMixin = mixin;
}

export function createLogger({ service, level = 'info', destination }: LoggerOptions): Logger {
  return pino(
    {
      level,
      base: service ? { service } : {},
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }), log: (object) => maskCurpsDeep(object) },
      hooks: {
        // Messages are free text (an upstream error's body, say): CURPs in them are masked too.
        logMethod(args, method) {
          const masked = args.map((arg) => (typeof arg === 'string' ? maskCurps(arg) : arg)) as Parameters<typeof method>;
          method.apply(this, masked);
        },
      },
      mixin: () => logMixin(),
    },
    destination,
  );
}

import pino, { type Logger } from 'pino';

export type { Logger } from 'pino';

export interface LoggerOptions {
  /** Bound to every line; omit it for a process that hosts several services, each binding its own child. */
  service?: string;
  level?: string;
  /** Where JSON lines go; stdout by default. */
  destination?: pino.DestinationStream;
}

/** Personal data never reaches a log line in clear: these paths are redacted wherever they appear. */
const REDACT = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers.cookie',
  '*.password',
  '*.secret',
  '*.clientSecret',
  '*.token',
  '*.curp',
];

export function createLogger({ service, level = 'info', destination }: LoggerOptions): Logger {
  return pino(
    {
      level,
      base: service ? { service } : {},
      redact: { paths: REDACT, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
}

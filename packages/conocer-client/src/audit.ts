import { maskCurp } from '@academy/renec';
import type { Logger } from '@academy/service-kit';
import type { ConocerCallRecord } from './types';

/** Anything shaped like a CURP (4 letters, 6 digits, sex, 5 letters, 2 characters), wherever it appears. */
const CURP_LIKE = /[A-Z][AEIOUX][A-Z]{2}\d{6}[HM][A-Z]{5}[A-Z\d]\d/gi;

/** Defence in depth: the client never puts a CURP in a path, and an error message echoing one is masked too. */
export function maskCurps(text: string): string {
  return text.replace(CURP_LIKE, (curp) => maskCurp(curp));
}

export type AuditSink = (record: ConocerCallRecord) => void;

/** Hands each call record to the caller's `audit` and the logger; a throwing audit callback never fails a call. */
export function createAuditSink(audit: AuditSink | undefined, logger: Logger | undefined): AuditSink {
  return (raw) => {
    const record: ConocerCallRecord = { ...raw, path: maskCurps(raw.path), ...(raw.error !== undefined && { error: maskCurps(raw.error) }) };
    if (record.outcome === 'ok') logger?.info({ conocerCall: record }, 'CONOCER call');
    else logger?.warn({ conocerCall: record }, 'CONOCER call failed');
    try {
      audit?.(record);
    } catch (error) {
      logger?.error({ err: error }, 'the CONOCER audit callback threw');
    }
  };
}

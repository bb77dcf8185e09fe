import { HttpError } from '../http-io';

export const MAX_PAGE_SIZE = 500;

function integer(query: URLSearchParams, name: string, fallback: number, min: number, max: number): number {
  const raw = query.get(name);
  if (raw === null || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new HttpError(400, 'INVALID_PARAMETER', `${name} must be an integer from ${min} to ${max}`);
  return value;
}

/** `page` is 1-based; `pageSize` defaults to 100. */
export function pageParams(query: URLSearchParams): { page: number; pageSize: number } {
  return { page: integer(query, 'page', 1, 1, 1_000_000), pageSize: integer(query, 'pageSize', 100, 1, MAX_PAGE_SIZE) };
}

export function updatedSinceParam(query: URLSearchParams): Date | undefined {
  const raw = query.get('updatedSince');
  if (raw === null || raw === '') return undefined;
  const time = Date.parse(raw);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(raw) || Number.isNaN(time)) throw new HttpError(400, 'INVALID_PARAMETER', 'updatedSince must be an ISO 8601 date-time');
  return new Date(time);
}

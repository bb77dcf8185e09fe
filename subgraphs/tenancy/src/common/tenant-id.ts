/**
 * Tenant ids are UUIDs. Anything else cannot name a tenant; checking first keeps PostgreSQL's uuid
 * column from turning a malformed id into a server error instead of "not found".
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isTenantId = (value: string): boolean => UUID.test(value);

import { randomUUID } from 'node:crypto';
import { newEvent } from '@academy/event-bus';
import type { Principal } from '@academy/service-kit';
import { testPrincipal } from '@academy/testing';
import { execute, type GraphQLObjectType, getNamedType, isNonNullType, isObjectType, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildAnalyticsSchema } from '../src';
import type { AnalyticsContext } from '../src/context';
import { CERTIFICATION_UPDATED, ENGAGEMENT_RECORDED, liveExecutionKey, PROGRESS_RECORDED } from '../src/modules/live';
import { liveCertificationOf, liveEngagementOf, liveProgressOf } from '../src/modules/live/live-values';

const tenantId = randomUUID();
const at = '2026-03-01T10:00:00.000Z';

/** A delivered value per Subscription field, made as the live feed makes it; a new field needs one here. */
const samples: Record<string, { value: unknown; arguments?: string }> = {
  progressUpdated: {
    value: liveProgressOf(newEvent(PROGRESS_RECORDED, tenantId, { id: 'p1', learnerId: 'ana', courseId: 'c1', standardCode: 'EC0217', percent: 40, occurredAt: at, receivedAt: at })),
  },
  courseEngagement: {
    value: liveEngagementOf(
      newEvent(ENGAGEMENT_RECORDED, tenantId, { id: 'e1', learnerId: 'ana', courseId: 'c1', activity: 'SESSION', durationSeconds: 60, occurredAt: at, receivedAt: at }),
    ),
    arguments: '(courseId: "c1")',
  },
  certificationUpdated: {
    value: liveCertificationOf(newEvent(CERTIFICATION_UPDATED, tenantId, { certificationId: 'k1', learnerId: 'ana', standardCode: 'EC0217', status: 'ISSUED', folio: 'F1', occurredAt: at })),
  },
};

/** Every field of `type`, and of every object type under it: what a client could select. */
function everyField(type: GraphQLObjectType, depth = 0): string {
  if (depth > 6) throw new Error(`${type.name}: selection deeper than 6 levels; a cycle?`);
  const fields = Object.values(type.getFields()).map((field) => {
    if (field.args.some((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined)) throw new Error(`${type.name}.${field.name} needs arguments: add them here`);
    const named = getNamedType(field.type);
    if (isObjectType(named)) return `${field.name} ${everyField(named, depth + 1)}`;
    if (named.constructor.name !== 'GraphQLScalarType' && named.constructor.name !== 'GraphQLEnumType') throw new Error(`${type.name}.${field.name}: abstract types need fragments here`);
    return field.name;
  });
  return `{ __typename ${fields.join(' ')} }`;
}

/** Read of any context by graphql-shield (its cache slot) and by promise checks (`then`): no data. */
const BOOKKEEPING: (string | symbol)[] = ['_shield', 'then', 'principal'];

/** A context that records what is read of it and of its principal. */
function recordingContext(principal: Principal): { context: AnalyticsContext; read: Set<string> } {
  const read = new Set<string>();
  const watchedPrincipal = new Proxy(principal, {
    get(target, property, receiver) {
      read.add(`principal.${String(property)}`);
      return Reflect.get(target, property, receiver);
    },
  });
  const context = new Proxy({ principal: watchedPrincipal } as Record<string | symbol, unknown>, {
    get(target, property, receiver) {
      if (!BOOKKEEPING.includes(property)) read.add(String(property));
      return Reflect.get(target, property, receiver);
    },
  });
  return { context: context as unknown as AnalyticsContext, read };
}

/** What liveExecutionKey includes; reading anything else while executing an event would make sharing unsafe. */
const KEYED = ['principal.tenantId', 'principal.roles', 'principal.scopes', 'principal.authMethod', 'principal.plan', 'principal.flags'];

describe('the live execution key', () => {
  it('covers everything executing any selection of any Subscription field reads of the context', async () => {
    const schema = await buildAnalyticsSchema();
    const subscriptionFields = Object.values(schema.getSubscriptionType()!.getFields());
    expect(subscriptionFields.map((field) => field.name).sort()).toEqual(Object.keys(samples).sort());
    for (const field of subscriptionFields) {
      const sample = samples[field.name]!;
      const document = parse(`subscription { ${field.name}${sample.arguments ?? ''} ${everyField(getNamedType(field.type) as GraphQLObjectType)} }`);
      for (const roles of [['learner'], ['instructor'], ['tenant_admin'], ['partner'], ['platform_admin']]) {
        const { context, read } = recordingContext(testPrincipal({ tenantId, subject: 'ana', roles, scopes: ['progress:read', 'certifications:read'] }));
        const result = await execute({ schema, document, rootValue: sample.value, contextValue: context });
        expect(result.errors, field.name).toBeUndefined();
        expect(result.data?.[field.name], field.name).toBeTruthy();
        expect([...read].filter((name) => !KEYED.includes(name)), `${field.name} as ${roles}`).toEqual([]);
      }
    }
  });

  it('differs for principals that differ in anything but the subject and the request', () => {
    const key = (principal: Partial<Principal>) => liveExecutionKey({ principal: testPrincipal({ tenantId, roles: ['instructor'], ...principal }) } as AnalyticsContext);
    expect(key({ subject: 'ana', requestId: 'r1' })).toBe(key({ subject: 'beto', requestId: 'r2' }));
    const variants: Partial<Principal>[] = [
      { tenantId: randomUUID() },
      { roles: ['learner'] },
      { roles: ['instructor', 'partner'] },
      { scopes: ['progress:read'] },
      { authMethod: 'api_key' },
      { plan: 'PRO' },
      { flags: ['beta'] },
    ];
    const keys = new Set([key({}), ...variants.map(key)]);
    expect(keys.size).toBe(variants.length + 1);
  });
});

import { createContextTokenSigner, createContextTokenVerifier, createLogger, generateContextKeyPair } from '@academy/service-kit';
import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { Migration } from '@mikro-orm/migrations';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Arg, Directive, Field, ID, ObjectType, Query, Resolver } from 'type-graphql';
import { buildFederatedSchema, createDatabase, createMigrations, createSubgraphService, pendingSchemaChanges } from '../src';

@Entity({ tableName: 'widget' })
class WidgetEntity {
  @PrimaryKey({ type: 'string' }) id: string;
  @Property({ type: 'string' }) name: string;
}

@ObjectType('Widget')
@Directive('@key(fields: "id")')
class Widget {
  @Field(() => ID) id: string;
  @Field() name: string;
}

@Resolver(() => Widget)
class WidgetResolver {
  @Query(() => Widget, { nullable: true })
  widget(@Arg('id', () => ID) id: string): Widget | null {
    return id === 'w1' ? { id, name: 'first' } : null;
  }
}

class WidgetMigration extends Migration {
  override async up() {
    this.addSql('create table `widget` (`id` text not null primary key, `name` text not null);');
  }
}

const logger = createLogger({ service: 'kit-test', level: 'silent' });

describe('subgraph kit', () => {
  const closers: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const close of closers.reverse()) await close();
  });

  it('builds a Federation 2.9 subgraph schema from type-graphql classes', async () => {
    const schema = await buildFederatedSchema({ resolvers: [WidgetResolver], federationImports: ['@key'] });
    expect(schema.getQueryType()?.getFields()._service).toBeDefined();
    expect(schema.getQueryType()?.getFields()._entities).toBeDefined();
  });

  it('serves only requests that carry a valid context token', async () => {
    const keys = await generateContextKeyPair();
    const schema = await buildFederatedSchema({ resolvers: [WidgetResolver], federationImports: ['@key'] });
    const db = await createDatabase({
      service: 'kit',
      entities: [WidgetEntity],
      sqlitePath: ':memory:',
      migrations: { sqlite: [{ name: 'Widget', class: WidgetMigration }], postgresql: [] },
      logger,
    });
    closers.push(() => db.close());
    const service = await createSubgraphService({
      name: 'kit',
      schema,
      logger,
      orm: db.orm,
      verifier: await createContextTokenVerifier({ publicKey: keys.publicKey }, 'kit'),
      extendContext: (base) => base,
      readiness: [db.readiness()],
    });
    const url = await service.listen(0, '127.0.0.1');
    closers.push(() => service.close());
    const body = JSON.stringify({ query: '{ widget(id: "w1") { id name } }' });
    const anonymous = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(anonymous.status).toBe(401);
    const refused = (await anonymous.json()) as { errors: { extensions: { code: string } }[] };
    expect(refused.errors[0]?.extensions.code).toBe('UNAUTHENTICATED');

    const token = await createContextTokenSigner(keys).sign(
      { tenantId: 't1', plan: 'free', subject: 'u1', roles: [], scopes: [], authMethod: 'jwt', requestId: 'r1', flags: [] },
      'kit',
    );
    const ok = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-academy-context': token }, body });
    expect(await ok.json() as unknown).toEqual({ data: { widget: { id: 'w1', name: 'first' } } });
    const ready = await fetch(`${url}/readyz`);
    expect(ready.status).toBe(200);
  });

  it('generates migrations for both dialects and reports pending schema changes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'migrations-'));
    const options = {
      service: 'kit',
      entities: [WidgetEntity],
      migrations: { sqlite: [], postgresql: [] },
      logger,
      migrationsDir: dir,
      postgresAdminUrl: process.env.POSTGRES_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres',
    };
    try {
      expect(await pendingSchemaChanges(options, 'sqlite')).toContain('create table');
      const files = await createMigrations(options);
      expect(files).toHaveLength(2);
      expect(readFileSync(join(dir, 'postgresql', 'index.ts'), 'utf8')).toContain('class: Migration');
      expect(readFileSync(join(dir, files[1]!), 'utf8')).toContain('"kit"."widget"');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

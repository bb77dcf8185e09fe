import { Arg, Ctx, Directive, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { TenancyContext } from '../../context';
import { Audited } from '../audit';
import { CreateApiKeyInput } from './api-key.input';
import { ApiKey, ApiKeyConnection, CreatedApiKey } from './api-key.type';

const keyTarget = (id: unknown) => `api-key/${String(id ?? '(new)')}`;
const createdKeyId = (result: unknown) => (result as CreatedApiKey | undefined)?.apiKey.id;

@Resolver(() => ApiKey)
export class ApiKeyResolver {
  @Query(() => ApiKeyConnection, { description: 'The caller’s tenant’s API keys, newest first (tenant admins).' })
  @Directive('@listSize(slicingArguments: ["first"], sizedFields: ["edges", "nodes"])')
  apiKeys(
    @Ctx() { apiKeys }: TenancyContext,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<ApiKeyConnection> {
    return apiKeys.list(first, after);
  }

  @Mutation(() => CreatedApiKey, { description: 'A new key for the caller’s tenant; the key and signing secret are shown only in this answer.' })
  @Audited({ action: 'api-key.create', target: (_args, result) => keyTarget(createdKeyId(result)) })
  createApiKey(@Ctx() { apiKeys }: TenancyContext, @Arg('input', () => CreateApiKeyInput) input: CreateApiKeyInput): Promise<CreatedApiKey> {
    return apiKeys.create(input);
  }

  @Mutation(() => ApiKey, { description: 'Stops the key at once (the gateway drops it from its caches on `api-key.changed`).' })
  @Audited({ action: 'api-key.revoke', target: (args) => keyTarget(args.id) })
  revokeApiKey(@Ctx() { apiKeys }: TenancyContext, @Arg('id', () => ID) id: string): Promise<ApiKey> {
    return apiKeys.revoke(id);
  }

  @Mutation(() => CreatedApiKey, {
    description: 'A new key with the same name and scopes; the old one expires after `overlapSeconds` (0–604800) or its own expiry, whichever is first.',
  })
  @Audited({ action: 'api-key.rotate', target: (args) => keyTarget(args.id) })
  rotateApiKey(
    @Ctx() { apiKeys }: TenancyContext,
    @Arg('id', () => ID) id: string,
    @Arg('overlapSeconds', () => Int, { defaultValue: 86_400 }) overlapSeconds: number,
  ): Promise<CreatedApiKey> {
    return apiKeys.rotate(id, overlapSeconds);
  }
}

/**
 * `npm run dev:token -- --tenant acme --role tenant_admin [--scope progress:read] [--sub ana] [--ttl 3600]`
 * prints an HS256 token the gateway accepts outside production (signed with JWT_HS256_SECRET, by
 * default the public development secret). Refuses to run with NODE_ENV=production.
 */
import { parseArgs } from 'node:util';
import { ConfigError } from '@academy/service-kit';
import { SignJWT } from 'jose';
import { loadDevTokenEnvironment } from './environment';

const USAGE = `Usage: npm run dev:token -- [--tenant <slug or id>] --role <role> [--role …] [--scope <scope> …] [--sub <subject>] [--ttl <seconds>]

  --tenant  the tenant the token is for (its slug or id); omit only for platform_admin
  --role    learner, instructor, tenant_admin, partner or platform_admin (repeat or comma-separate)
  --scope   e.g. progress:read (repeat or space/comma-separate)
  --sub     the subject (default: dev-user)
  --ttl     lifetime in seconds (default: 3600)`;

const KNOWN_ROLES = ['learner', 'instructor', 'tenant_admin', 'partner', 'platform_admin'];

function fail(message: string): never {
  console.error(`dev:token: ${message}`);
  process.exit(1);
}

function list(values: string[] | undefined): string[] {
  return (values ?? []).flatMap((v) => v.split(/[\s,]+/)).filter(Boolean);
}

async function main(): Promise<void> {
  let values: ReturnType<typeof parse>['values'];
  function parse() {
    return parseArgs({
      options: {
        tenant: { type: 'string' },
        role: { type: 'string', multiple: true },
        scope: { type: 'string', multiple: true },
        sub: { type: 'string', default: 'dev-user' },
        ttl: { type: 'string', default: '3600' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    });
  }
  try {
    values = parse().values;
  } catch (error) {
    return fail(`${(error as Error).message}\n\n${USAGE}`);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }

  let env: ReturnType<typeof loadDevTokenEnvironment>;
  try {
    env = loadDevTokenEnvironment();
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
  if (env.NODE_ENV === 'production') fail('refusing to mint tokens with NODE_ENV=production; production tokens come from your identity provider');
  if (!env.JWT_HS256_SECRET) fail('no HS256 secret is configured (JWT_HS256_SECRET)');

  const roles = list(values.role);
  if (roles.length === 0) fail(`give at least one --role\n\n${USAGE}`);
  const unknown = roles.filter((role) => !KNOWN_ROLES.includes(role));
  if (unknown.length) console.error(`dev:token: warning: unknown role(s) ${unknown.join(', ')}; subgraphs know ${KNOWN_ROLES.join(', ')}`);
  if (!values.tenant && !roles.includes('platform_admin')) fail('give --tenant: only a platform_admin token may name no tenant');
  const ttl = Number(values.ttl);
  if (!Number.isInteger(ttl) || ttl < 1 || ttl > 30 * 86_400) fail('--ttl must be a whole number of seconds from 1 to 2592000 (30 days)');

  const claims: Record<string, unknown> = { [env.JWT_ROLES_CLAIM]: roles };
  if (values.tenant) claims[env.JWT_TENANT_CLAIM] = values.tenant;
  const scopes = list(values.scope);
  if (scopes.length) claims[env.JWT_SCOPE_CLAIM] = scopes.join(' ');
  let jwt = new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).setSubject(values.sub!).setIssuedAt().setExpirationTime(`${ttl}s`);
  if (env.JWT_ISSUER?.[0]) jwt = jwt.setIssuer(env.JWT_ISSUER[0]);
  if (env.JWT_AUDIENCE?.[0]) jwt = jwt.setAudience(env.JWT_AUDIENCE[0]);
  console.log(await jwt.sign(new TextEncoder().encode(env.JWT_HS256_SECRET)));
}

main().catch((error: unknown) => {
  console.error('dev:token: failed', error);
  process.exit(1);
});

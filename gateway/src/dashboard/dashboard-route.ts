import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';

export const DASHBOARD_PATH = '/dashboard';

/** Next to the sources in development and in the image alike (dist/dashboard → ../../src/dashboard/assets). */
const ASSETS_DIR = join(__dirname, '..', '..', 'src', 'dashboard', 'assets');

const ASSETS: Record<string, { file: string; type: string }> = {
  [DASHBOARD_PATH]: { file: 'dashboard.html', type: 'text/html; charset=utf-8' },
  [`${DASHBOARD_PATH}/dashboard.js`]: { file: 'dashboard.js', type: 'text/javascript; charset=utf-8' },
  [`${DASHBOARD_PATH}/dashboard.css`]: { file: 'dashboard.css', type: 'text/css; charset=utf-8' },
};

/**
 * Only the page's own files, nothing inline, nothing from elsewhere; data from this origin's /graphql
 * only; never framed. The page holds no data: it reads `integrationHealth` with the credential the
 * admin enters, so what a non-admin gets is the refusal of that query.
 */
const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

/** Read once: the files are small and fixed. */
const bodies = new Map(Object.entries(ASSETS).map(([path, { file }]) => [path, readFileSync(join(ASSETS_DIR, file))]));

export function isDashboardPath(path: string): boolean {
  return bodies.has(path);
}

/** Serves a dashboard file (GET and HEAD); `isDashboardPath` said which paths. */
export function serveDashboard(path: string, method: string | undefined, res: ServerResponse): void {
  const body = bodies.get(path)!;
  if (method !== 'GET' && method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD', ...SECURITY_HEADERS });
    res.end();
    return;
  }
  res.writeHead(200, { 'content-type': ASSETS[path]!.type, 'content-length': body.length, ...SECURITY_HEADERS });
  res.end(method === 'HEAD' ? undefined : body);
}

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createSubgraphAgent, SubgraphTimeoutError } from './subgraph-fetcher';

type Handler = (req: IncomingMessage, body: string, res: ServerResponse) => void;

const servers: Server[] = [];
const agents: ReturnType<typeof createSubgraphAgent>[] = [];

async function serve(handler: Handler): Promise<string> {
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
    });
    req.on('end', () => handler(req, body, res));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql?x=1`;
}

function agent() {
  const created = createSubgraphAgent();
  agents.push(created);
  return created;
}

afterEach(async () => {
  await Promise.all(agents.splice(0).map((a) => a.close()));
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

describe('createSubgraphAgent().fetcher', () => {
  it('sends method, headers and body to the URL (path and query) and answers what Apollo reads', async () => {
    const url = await serve((req, body, res) => {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'x-seen': `${req.method} ${req.url} ${req.headers['x-academy-context']}` });
      res.end(JSON.stringify({ data: { echo: JSON.parse(body) } }));
    });
    const response = await agent().fetcher(1_000)(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-academy-context': 't' }, body: '{"query":"{a}"}' });
    expect(response.ok).toBe(true);
    expect(response.status).toBe(200);
    expect(response.statusText).toBe('OK');
    expect(response.url).toBe(url);
    expect(response.headers.get('Content-Type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('X-Seen')).toBe('POST /graphql?x=1 t');
    expect(response.headers.get('missing')).toBeNull();
    expect(await response.json()).toEqual({ data: { echo: { query: '{a}' } } });
  });

  it('joins a body that arrives in many chunks, a character split across two of them included', async () => {
    const text = JSON.stringify({ data: { names: Array.from({ length: 5_000 }, (_, i) => `Señora Núñez ${i} 🎓`) } });
    const bytes = Buffer.from(text);
    const url = await serve((_req, _body, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      // Cut inside the first "ñ" (two bytes), then send the rest in 16 kB pieces.
      const cut = bytes.indexOf(Buffer.from('ñ')) + 1;
      res.write(bytes.subarray(0, cut));
      for (let at = cut; at < bytes.length; at += 16_384) res.write(bytes.subarray(at, at + 16_384));
      res.end();
    });
    const response = await agent().fetcher(1_000)(url, { method: 'POST', body: '{}' });
    expect(await response.text()).toBe(text);
  });

  it('hands over non-2xx answers with their body (Apollo turns them into errors)', async () => {
    const url = await serve((_req, _body, res) => {
      res.writeHead(503, { 'content-type': 'text/plain', 'set-cookie': ['a=1', 'b=2'] });
      res.end('overloaded');
    });
    const response = await agent().fetcher(1_000)(url, { method: 'POST', body: '{}' });
    expect(response.ok).toBe(false);
    expect(response.status).toBe(503);
    expect(response.statusText).toBe('Service Unavailable');
    expect(response.headers.get('set-cookie')).toBe('a=1, b=2');
    expect(await response.text()).toBe('overloaded');
  });

  it('gives up with SubgraphTimeoutError when the headers or the body are late', async () => {
    const silent = await serve(() => {});
    await expect(agent().fetcher(100)(silent, { method: 'POST', body: '{}' })).rejects.toBeInstanceOf(SubgraphTimeoutError);
    const slowBody = await serve((_req, _body, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"data":');
    });
    const started = Date.now();
    await expect(agent().fetcher(150)(slowBody, { method: 'POST', body: '{}' })).rejects.toBeInstanceOf(SubgraphTimeoutError);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("fails (not as a timeout) when the subgraph is unreachable, and honours the caller's signal", async () => {
    const url = await serve((_req, _body, res) => res.end('{}'));
    const port = new URL(url).port;
    servers.splice(0).forEach((s) => {
      s.closeAllConnections();
      s.close();
    });
    const failure = await agent()
      .fetcher(1_000)(`http://127.0.0.1:${port}/graphql`, { method: 'POST', body: '{}' })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    expect(failure).not.toBeInstanceOf(SubgraphTimeoutError);

    const hanging = await serve(() => {});
    const controller = new AbortController();
    const pending = agent().fetcher(5_000)(hanging, { method: 'POST', body: '{}', signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toThrow();
  });
});

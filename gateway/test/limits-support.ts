import { createServer, type Server, type Socket } from 'node:net';
import { createRedisStore } from '@academy/cache';
import { createLogger } from '@academy/service-kit';

export const silentLogger = createLogger({ service: 'limits-test', level: 'silent' });

/** Deletes a test run's keys: SCAN rather than KEYS, on a connection without the prefix so DEL gets full names. */
export async function deleteKeys(url: string, prefix: string): Promise<void> {
  const admin = createRedisStore({ url, logger: silentLogger });
  try {
    await admin.readiness().check();
    let cursor = '0';
    do {
      const [next, keys] = await admin.redis!.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      if (keys.length > 0) await admin.redis!.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    await admin.close();
  }
}

/**
 * A "Redis" that completes ioredis' connection handshake (HELLO, CLIENT, the INFO ready check) and
 * then never answers again: the slow-Redis case, which a stopped server (connection refused) is not.
 */
export async function startSilentRedis(): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('data', (chunk) => {
      // RESP arrays: `*<n>`, then n × (`$<len>`, value); the first value is the command's name.
      const lines = chunk.toString('utf8').split('\r\n');
      for (let i = 0; i < lines.length; i += 1) {
        if (!lines[i]!.startsWith('*')) continue;
        const name = (lines[i + 2] ?? '').toUpperCase();
        if (name === 'INFO') {
          const info = '# Server\r\nredis_version:7.0.0\r\nloading:0\r\n';
          socket.write(`$${Buffer.byteLength(info)}\r\n${info}\r\n`);
        } else if (name === 'HELLO') {
          // ioredis 6 asks for RESP3 first; an old server's error makes it carry on with RESP2.
          socket.write("-ERR unknown command 'HELLO'\r\n");
        } else if (name === 'CLIENT' || name === 'SELECT') {
          socket.write('+OK\r\n');
        }
        // Everything else (EVALSHA, EVAL, PING, QUIT) is swallowed.
      }
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `redis://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        // Open client sockets would keep close() waiting.
        for (const socket of sockets) socket.destroy();
      }),
  };
}

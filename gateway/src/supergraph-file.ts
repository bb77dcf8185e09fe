import { type FSWatcher, watch } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import type { Logger } from '@academy/service-kit';

/** The supergraph file is missing, unreadable or empty; the message names the path and the reason. */
export class SupergraphFileError extends Error {
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(`Cannot read the supergraph file ${path}: ${reason}`);
    this.name = 'SupergraphFileError';
  }
}

export async function readSupergraphFile(path: string): Promise<string> {
  let sdl: string;
  try {
    sdl = await readFile(path, 'utf8');
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    throw new SupergraphFileError(path, code === 'ENOENT' ? 'no such file' : message);
  }
  if (sdl.trim() === '') throw new SupergraphFileError(path, 'the file is empty');
  return sdl;
}

export interface WatchSupergraphOptions {
  path: string;
  /** The SDL currently served; an event that leaves the file identical is ignored. */
  current: string;
  /** Applies a new SDL; throwing keeps the previous one (the error is logged). */
  apply: (sdl: string) => void | Promise<void>;
  logger: Logger;
  /** Editors and `rover supergraph compose > file` write in several steps; wait for quiet. @default 200 */
  debounceMs?: number;
}

/**
 * Watches the file's directory rather than the file, so an atomic replace (write to a temporary
 * file, then rename) is seen too; a watch on the file itself would stay on the replaced inode.
 */
export function watchSupergraphFile({ path, current, apply, logger, debounceMs = 200 }: WatchSupergraphOptions): () => Promise<void> {
  let served = current;
  let timer: NodeJS.Timeout | undefined;
  let pending = Promise.resolve();

  const reload = async () => {
    let sdl: string;
    try {
      sdl = await readSupergraphFile(path);
    } catch (error) {
      logger.warn({ err: error, path }, 'supergraph file changed but cannot be read; keeping the current supergraph');
      return;
    }
    if (sdl === served) return;
    try {
      await apply(sdl);
      served = sdl;
      logger.info({ path }, 'supergraph reloaded');
    } catch (error) {
      logger.error({ err: error, path }, 'supergraph file holds an invalid supergraph; keeping the current one');
    }
  };

  const watcher: FSWatcher = watch(dirname(path), (_event, filename) => {
    if (filename !== null && filename !== basename(path)) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      pending = pending.then(reload);
    }, debounceMs);
  });
  watcher.on('error', (error) => logger.error({ err: error, path }, 'supergraph watcher failed; hot reload is off'));
  logger.info({ path }, 'watching the supergraph file for changes');

  return async () => {
    clearTimeout(timer);
    watcher.close();
    await pending;
  };
}

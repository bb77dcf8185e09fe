import type { Logger } from 'pino';

type Closer = () => Promise<void> | void;

/**
 * Closers run in reverse order of registration (last started, first stopped), each with a deadline,
 * so a stuck dependency cannot keep the process from exiting.
 */
export class Lifecycle {
  private readonly closers: { name: string; close: Closer }[] = [];
  private closing: Promise<void> | undefined;

  constructor(
    private readonly logger: Logger,
    private readonly deadlineMs = 10_000,
  ) {}

  onClose(name: string, close: Closer): void {
    this.closers.push({ name, close });
  }

  close(): Promise<void> {
    this.closing ??= this.runClosers();
    return this.closing;
  }

  private async runClosers(): Promise<void> {
    for (const { name, close } of [...this.closers].reverse()) {
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), this.deadlineMs);
      });
      try {
        const outcome = await Promise.race([Promise.resolve(close()).then(() => 'closed' as const), deadline]);
        if (outcome === 'timeout') this.logger.warn({ closer: name }, 'closer missed its deadline');
      } catch (error) {
        this.logger.error({ err: error, closer: name }, 'closer failed');
      } finally {
        clearTimeout(timer);
      }
    }
  }

  /** SIGTERM/SIGINT close everything once, then exit. */
  handleSignals(): void {
    const stop = (signal: string) => {
      this.logger.info({ signal }, 'shutting down');
      void this.close().then(() => process.exit(0));
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  }
}

/**
 * Synchronous PostgreSQL for the stores. Every Branchcast store interface is synchronous (the
 * room acks after `append` returns, and SQLite is synchronous), so the PostgreSQL stores keep that
 * contract: the query runs on a worker thread's node-postgres connection while this thread waits
 * on a shared flag (Atomics.wait), then reads the answer off the port. One connection per PgSync,
 * one query at a time, so BEGIN … COMMIT across calls is one transaction.
 */
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';

export class PgError extends Error {
  constructor(
    message: string,
    /** SQLSTATE (23505 unique violation, 23503 foreign key, …); null for a connection failure. */
    readonly code: string | null,
  ) {
    super(message);
    this.name = 'PgError';
  }
}

export type Row = Record<string, unknown>;

/** How long one query may take before the caller gets an error (the store throws IO). */
const QUERY_TIMEOUT_MS = 15_000;

export class PgSync {
  private worker: Worker;
  private flag = new Int32Array(new SharedArrayBuffer(4));
  private closed = false;
  private port;
  private nextId = 0;

  constructor(readonly url: string) {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.worker = new Worker(new URL('./pg-sync-worker.mjs', import.meta.url), {
      workerData: { url, flag: this.flag.buffer, port: port2 },
      transferList: [port2],
    });
    // The thread must not keep a finished process alive.
    this.worker.unref();
  }

  query<T extends Row = Row>(sql: string, params: readonly unknown[] = []): T[] {
    return this.exec<T>(sql, params).rows;
  }

  exec<T extends Row = Row>(sql: string, params: readonly unknown[] = []): { rows: T[]; rowCount: number } {
    if (this.closed) throw new PgError('PostgreSQL connection closed', null);
    const msg = this.call<T>({ sql, params }, QUERY_TIMEOUT_MS);
    if (!msg) throw new PgError(`PostgreSQL did not answer within ${QUERY_TIMEOUT_MS} ms`, null);
    if (msg.error) throw new PgError(msg.error.message, msg.error.code);
    return msg;
  }

  private call<T>(
    body: object,
    timeoutMs: number,
  ): { rows: T[]; rowCount: number; error?: { message: string; code: string | null } } | undefined {
    const id = ++this.nextId;
    Atomics.store(this.flag, 0, 0);
    this.port.postMessage({ id, ...body });
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const left = deadline - Date.now();
      if (left <= 0) return undefined;
      // Short slices: a reset flag cannot strand a reply that raced it.
      Atomics.wait(this.flag, 0, 0, Math.min(left, 100));
      // A late answer to a query that timed out earlier is skipped by its id.
      for (let m = receiveMessageOnPort(this.port); m; m = receiveMessageOnPort(this.port)) {
        const msg = m.message as {
          id: number;
          rows: T[];
          rowCount: number;
          error?: { message: string; code: string | null };
        };
        if (msg.id === id) return msg;
      }
      Atomics.store(this.flag, 0, 0);
    }
  }

  /** Run `fn` in one transaction; any throw rolls it back and is rethrown. */
  tx<T>(fn: () => T): T {
    this.exec('BEGIN');
    try {
      const out = fn();
      this.exec('COMMIT');
      return out;
    } catch (err) {
      try {
        this.exec('ROLLBACK');
      } catch {
        // The connection broke: the server rolled the transaction back itself.
      }
      throw err;
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.call({ close: true }, 2000);
    this.port.close();
    void this.worker.terminate();
  }
}

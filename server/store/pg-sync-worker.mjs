// The thread behind PgSync (pg-sync.ts): owns one node-postgres connection and answers one query
// at a time. Plain JS so it loads the same under tsx, vitest and node without a TS loader.
import { workerData } from 'node:worker_threads';
import pg from 'pg';

// BIGINT (ms timestamps, epochs) as numbers: every value the stores keep fits in 2^53.
pg.types.setTypeParser(20, (v) => Number(v));

const { url, flag, port } = workerData;
const signal = new Int32Array(flag);
let client = null;

async function connection() {
  if (client) return client;
  const c = new pg.Client({ connectionString: url, application_name: 'branchcast' });
  // A dropped connection is replaced on the next query rather than crashing the thread.
  c.on('error', () => {
    if (client === c) client = null;
  });
  await c.connect();
  client = c;
  return c;
}

port.on('message', async ({ id, sql, params, close }) => {
  let reply;
  try {
    if (close) {
      await client?.end();
      client = null;
      reply = { rows: [], rowCount: 0 };
    } else {
      const c = await connection();
      const r = await c.query(sql, params);
      reply = { rows: r.rows, rowCount: r.rowCount ?? 0 };
    }
  } catch (err) {
    // After a failed query inside BEGIN the connection is in an aborted transaction: the caller
    // rolls back. A broken socket is dropped so the next call reconnects.
    if (err && err.code === undefined && client) {
      client.end().catch(() => undefined);
      client = null;
    }
    reply = { error: { message: String(err && err.message ? err.message : err), code: err?.code ?? null } };
  }
  port.postMessage({ id, ...reply });
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
});

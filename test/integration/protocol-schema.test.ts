/**
 * docs/protocol.schema.json (issue 15: a protocol others can implement) is what the zod schemas
 * make now (else: `npm run schema:protocol`), and a real join ack, with its state, matches the
 * schema it was made from.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FailureAckSchema, JoinAckSchema } from '../../core/protocol-schema.js';
import { PROTOCOL_VERSION } from '../../core/protocol.js';
import type { RunningServer } from '../../server/main.js';
import { protocolSchemaText, SCHEMA_FILE } from '../../scripts/protocol-schema.js';
import { connect, emitAck, joinPeer } from '../harness/peers.js';
import { startTestServer } from '../harness/test-server.js';

let server: RunningServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server?.close());

describe('docs/protocol.schema.json', () => {
  it('is current: generated from the zod schemas (npm run schema:protocol)', async () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(await protocolSchemaText());
    const doc = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as { $defs: Record<string, unknown> };
    expect(Object.keys(doc.$defs)).toEqual(expect.arrayContaining(['JoinPayload', 'JoinAck', 'command:chat.send']));
  });

  it('a real join ack, after some chat, matches JoinAck; a refusal matches FailureAck', async () => {
    const t = await joinPeer(server.url, server.demo!.codes.trainee, '学员', 'trainee');
    await t.send('session.start', {});
    await t.send('chat.send', { text: '大家好' });
    const s = await connect(server.url);
    const ack = await emitAck(s, 'join', [
      { protocolVersion: PROTOCOL_VERSION, code: server.demo!.codes.observer, name: '旁听' },
    ]);
    const parsed = JoinAckSchema.safeParse(ack);
    expect(parsed.error?.issues ?? []).toEqual([]);
    const bad = await emitAck(s, 'join', [{ protocolVersion: PROTOCOL_VERSION, code: 'ZZZZZZ', name: 'x' }]);
    expect(FailureAckSchema.safeParse(bad).success).toBe(true);
    s.disconnect();
    t.close();
  });
});

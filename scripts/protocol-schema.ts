/**
 * `npm run schema:protocol`: write docs/protocol.schema.json from the zod schemas
 * (core/protocol.ts, core/protocol-schema.ts), formatted as prettier would, so `prettier --check`
 * and test/unit/protocol-schema.test.ts both pass. `--check` only compares and exits 1 if stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { protocolJsonSchema } from '../core/protocol-schema.js';

export const SCHEMA_FILE = resolve(fileURLToPath(new URL('..', import.meta.url)), 'docs', 'protocol.schema.json');

export async function protocolSchemaText(): Promise<string> {
  const options = (await resolveConfig(SCHEMA_FILE)) ?? {};
  return format(JSON.stringify(protocolJsonSchema(), null, 2), { ...options, filepath: SCHEMA_FILE });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const text = await protocolSchemaText();
  if (process.argv.includes('--check')) {
    const current = readFileSync(SCHEMA_FILE, 'utf8');
    if (current !== text) {
      process.stderr.write('docs/protocol.schema.json is stale: run npm run schema:protocol\n');
      process.exit(1);
    }
  } else {
    writeFileSync(SCHEMA_FILE, text);
    process.stdout.write(`wrote ${SCHEMA_FILE} (${text.length} bytes)\n`);
  }
}

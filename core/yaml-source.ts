/**
 * Parsing the YAML files people write (scenarios, rubrics): YAML syntax errors and schema errors
 * both come back as one line each, `file: where: what was expected`, never as a stack trace.
 */
import type { z } from 'zod';
import { parseDocument } from 'yaml';

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: string[] };

/** Format a zod path as `segments[2].lines[0].zh`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out ? `.${String(p)}` : String(p);
  }
  return out || '(root)';
}

/** Turn zod issues into one line each: `file: path: what was expected`. */
export function formatIssues(file: string, issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.map((i) => `${file}: ${formatPath(i.path)}: ${i.message}`);
}

/** Validate an already-parsed value against a schema. */
export function validateWith<S extends z.ZodType>(schema: S, value: unknown, file: string): Parsed<z.output<S>> {
  const r = schema.safeParse(value);
  if (r.success) return { ok: true, value: r.data };
  return { ok: false, errors: formatIssues(file, r.error.issues) };
}

/** Parse YAML (or JSON, which is YAML) text and validate it. Never throws. */
export function parseYamlWith<S extends z.ZodType>(schema: S, text: string, file: string): Parsed<z.output<S>> {
  const doc = parseDocument(text, { prettyErrors: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      errors: doc.errors.map((e) => {
        const pos = e.linePos?.[0];
        const where = pos ? `line ${pos.line}, column ${pos.col}` : '(unknown position)';
        return `${file}: ${where}: ${e.message.split('\n')[0]}`;
      }),
    };
  }
  return validateWith(schema, doc.toJS(), file);
}

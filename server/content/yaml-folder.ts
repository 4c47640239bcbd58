/** Reads a folder of YAML files (scenarios, rubrics) through a pure parser; the I/O half of core/yaml-source.ts. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Parsed } from '../../core/yaml-source.js';

/** Read one file and parse it; a file that cannot be read is an error line like any other. */
export function loadYamlFile<T>(
  file: string,
  shownAs: string,
  parse: (text: string, file: string) => Parsed<T>,
): Parsed<T> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'unreadable';
    return { ok: false, errors: [`${shownAs}: cannot read the file (${code})`] };
  }
  return parse(text, shownAs);
}

/** Every *.yaml / *.yml in `dir`, in file-name order, keyed by id; duplicates and bad files are error lines. */
export function loadYamlFolder<T extends { id: string }>(
  dir: string,
  what: string,
  parse: (text: string, file: string) => Parsed<T>,
): { items: Map<string, T>; errors: string[] } {
  const items = new Map<string, T>();
  const errors: string[] = [];
  let files: string[];
  try {
    files = readdirSync(dir)
      .filter((f) => /\.ya?ml$/.test(f))
      .sort();
  } catch {
    return { items, errors: [`${dir}: cannot read the ${what} folder`] };
  }
  for (const f of files) {
    const path = join(dir, f);
    const shown = relative(process.cwd(), path) || path;
    const r = loadYamlFile(path, shown, parse);
    if (!r.ok) {
      errors.push(...r.errors);
      continue;
    }
    if (items.has(r.value.id)) {
      errors.push(`${shown}: id: ${what} id "${r.value.id}" is already used by another file`);
      continue;
    }
    items.set(r.value.id, r.value);
  }
  return { items, errors };
}
